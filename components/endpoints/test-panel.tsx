"use client";
import { useId, useState } from "react";
import { Send } from "lucide-react";
import { Alert, Badge } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/input";
import { testEndpointRequest, type TestAnswer } from "@/components/endpoints/endpoint-requests";

type Sent = TestAnswer & { at: number };

/**
 * Sends a JSON payload as the scoring URL would receive it (routed by traffic, or to one deployment)
 * and shows the answer, its status, latency and which deployment answered.
 */
export function TestPanel({
  workspace,
  endpoint,
  deployments,
  samples,
  canTest,
}: {
  workspace: string;
  endpoint: string;
  deployments: string[];
  samples: Record<string, string>;
  canTest: boolean;
}) {
  const id = useId();
  const [target, setTarget] = useState("");
  const [body, setBody] = useState(() => samples[""] ?? "{}");
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<Sent[]>([]);
  const jsonProblem = (() => {
    try {
      JSON.parse(body);
      return null;
    } catch (e) {
      return `Not valid JSON yet: ${(e as Error).message}. It is sent as is; the endpoint will answer 400.`;
    }
  })();
  const send = async () => {
    setIsBusy(true);
    setError(null);
    const result = await testEndpointRequest(workspace, endpoint, { body, deployment: target || undefined });
    setIsBusy(false);
    if (!result.ok) return setError(result.message);
    setHistory((h) => [{ ...result.value, at: Date.now() }, ...h].slice(0, 20));
  };
  const last = history[0];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <form
        aria-label="Test request"
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Field
          label="Send to"
          htmlFor={`${id}-target`}
          hint="By traffic, as callers are routed; or to one deployment, as the azureml-model-deployment header does (it works at 0% too)."
        >
          <Select
            id={`${id}-target`}
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              if (samples[e.target.value] && (body === (samples[target] ?? "") || body.trim() === ""))
                setBody(samples[e.target.value]);
            }}
          >
            <option value="">Route by traffic</option>
            {deployments.map((d) => (
              <option key={d} value={d}>
                Deployment {d}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Request body (JSON)" htmlFor={`${id}-body`} hint={jsonProblem ?? undefined}>
          <Textarea
            id={`${id}-body`}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            spellCheck={false}
            className="min-h-56 font-mono text-xs"
          />
        </Field>
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={isBusy || !canTest}>
            <Send size={14} aria-hidden /> {isBusy ? "Sending…" : "Send"}
          </Button>
        </div>
        {!canTest ? (
          <p className="text-xs text-muted">
            Testing scores real requests (counted, perhaps collected); it needs write access to the workspace.
          </p>
        ) : null}
        {error ? <Alert>{error}</Alert> : null}
      </form>
      <section aria-label="Test result" className="flex min-w-0 flex-col gap-2">
        {last ? (
          <>
            <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="test-result-summary">
              <Badge tone={last.status === 200 ? "success" : "danger"}>HTTP {last.status}</Badge>
              <span>
                answered by <strong data-testid="answered-by">{last.deployment ?? "no deployment"}</strong>
              </span>
              <span className="text-muted">in {last.latencyMs} ms</span>
            </div>
            <pre
              data-testid="test-response"
              className="max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-md border border-border bg-surface-2 p-3 font-mono text-xs"
            >
              {typeof last.body === "string" ? last.body : JSON.stringify(last.body, null, 2)}
            </pre>
            {history.length > 1 ? (
              <div className="text-sm">
                <h3 className="mb-1 font-medium">Earlier requests</h3>
                <ul className="flex flex-col gap-0.5 text-xs text-muted" aria-label="Earlier test requests">
                  {history.slice(1).map((h) => (
                    <li key={h.at}>
                      HTTP {h.status} · {h.deployment ?? "—"} · {h.latencyMs} ms
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </>
        ) : (
          <p className="rounded-md border border-dashed border-border p-6 text-center text-sm text-muted">
            The answer appears here.
          </p>
        )}
      </section>
    </div>
  );
}
