"use client";
import { useState } from "react";
import { Eye, RefreshCw } from "lucide-react";
import { Alert, Card } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { useToast } from "@/components/ui/toast";
import { scoringSnippets } from "@/lib/endpoints/snippets";
import { regenerateKeyRequest, revealKeysRequest, type EndpointKeys } from "@/components/endpoints/endpoint-requests";

type KeyName = "primary" | "secondary";

/** The scoring URL, the two keys (hidden until revealed), and code that calls the endpoint. */
export function ConsumePanel({
  workspace,
  endpoint,
  scoringUri,
  sample,
  canManageKeys,
}: {
  workspace: string;
  endpoint: string;
  scoringUri: string | null;
  sample: string;
  canManageKeys: boolean;
}) {
  const toast = useToast();
  const [keys, setKeys] = useState<EndpointKeys | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<KeyName | null>(null);
  const [language, setLanguage] = useState("curl");
  const snippets = scoringSnippets(scoringUri ?? "<scoring URL>", sample);

  const reveal = async () => {
    setError(null);
    const result = await revealKeysRequest(workspace, endpoint);
    if (!result.ok) return setError(result.message);
    setKeys(result.value);
  };
  const regenerate = async (which: KeyName) => {
    setError(null);
    const result = await regenerateKeyRequest(workspace, endpoint, which);
    setConfirming(null);
    if (!result.ok) return setError(result.message);
    setKeys((k) => ({
      primaryKey: which === "primary" ? result.value.primaryKey : (k?.primaryKey ?? null),
      secondaryKey: which === "secondary" ? result.value.secondaryKey : (k?.secondaryKey ?? null),
    }));
    toast(`The ${which} key was regenerated; the old one no longer works.`);
  };

  return (
    <div className="flex flex-col gap-4">
      <Card title="Scoring URL">
        {scoringUri ? (
          <div className="flex items-center gap-2">
            <code
              data-testid="scoring-uri"
              className="min-w-0 flex-1 truncate rounded border border-border bg-surface-2 px-2 py-1.5 font-mono text-xs"
            >
              {scoringUri}
            </code>
            <CopyButton text={scoringUri} label="scoring URL" />
          </div>
        ) : (
          <p className="text-sm text-muted">
            This studio runs no scoring listener (STUDIO_SCORING_PORT=0), or this is a batch endpoint.
          </p>
        )}
        <p className="mt-2 text-xs text-muted">
          POST JSON with <code>Authorization: Bearer &lt;key&gt;</code>. Add the header{" "}
          <code>azureml-model-deployment: &lt;name&gt;</code> to reach one deployment whatever the traffic; every answer
          names the deployment that gave it in the same header.
        </p>
      </Card>
      <Card
        title="Keys"
        actions={
          canManageKeys && !keys ? (
            <Button size="sm" onClick={() => void reveal()}>
              <Eye size={14} aria-hidden /> Reveal keys
            </Button>
          ) : null
        }
      >
        <div className="flex flex-col gap-3">
          {(["primary", "secondary"] as const).map((which) => {
            const value = which === "primary" ? keys?.primaryKey : keys?.secondaryKey;
            return (
              <div key={which} className="flex flex-wrap items-center gap-2">
                <span className="w-28 text-sm font-medium capitalize">{which} key</span>
                <code
                  data-testid={`${which}-key`}
                  className="min-w-0 flex-1 truncate rounded border border-border bg-surface-2 px-2 py-1.5 font-mono text-xs"
                >
                  {value ?? (keys ? "(sealed under another server secret: regenerate it)" : "••••••••••••••••••••••••")}
                </code>
                {value ? <CopyButton text={value} label={`${which} key`} /> : null}
                {canManageKeys ? (
                  <Button size="sm" onClick={() => setConfirming(which)}>
                    <RefreshCw size={14} aria-hidden /> Regenerate
                  </Button>
                ) : null}
              </div>
            );
          })}
          {!canManageKeys ? (
            <p className="text-xs text-muted">Keys are shown to members who may change the workspace.</p>
          ) : null}
          {error ? <Alert>{error}</Alert> : null}
        </div>
      </Card>
      <Card
        title="Call it from code"
        actions={
          <SegmentedControl
            label="Language"
            value={language}
            onChange={setLanguage}
            options={[
              { id: "curl", label: "curl" },
              { id: "python", label: "Python" },
              { id: "javascript", label: "JavaScript" },
            ]}
          />
        }
      >
        <p className="mb-2 text-xs text-muted">
          The key is read from the environment variable ENDPOINT_KEY, so it stays out of your code.
        </p>
        <div className="relative">
          <pre
            data-testid="snippet"
            className="overflow-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-xs"
          >
            {snippets[language as keyof typeof snippets]}
          </pre>
          <div className="absolute right-2 top-2">
            <CopyButton text={snippets[language as keyof typeof snippets]} label={`${language} snippet`} />
          </div>
        </div>
      </Card>
      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={`Regenerate the ${confirming} key?`}
        description="The current key stops working at once. Callers using it get 401 until they switch to the new key (or to the other one)."
      >
        <div className="flex justify-end gap-2">
          <Button onClick={() => setConfirming(null)}>Cancel</Button>
          <Button variant="danger" onClick={() => confirming && void regenerate(confirming)}>
            Regenerate
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
