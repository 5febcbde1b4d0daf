"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { DEPLOYMENT_LIMITS } from "@/lib/schemas/endpoints";
import { ActionMenu } from "@/components/ui/menu";
import { Alert } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { deleteDeploymentRequest, updateDeploymentRequest } from "@/components/endpoints/endpoint-requests";

type DeploymentSettings = {
  name: string;
  instanceCount: number;
  requestTimeoutMs: number;
  dataCollectionPercent: number;
  collectRetentionDays: number;
  collectMaxRows: number;
  featureNames: Record<string, string> | null;
  packageUrl: string;
};

const namesText = (names: Record<string, string> | null) =>
  Object.entries(names ?? {})
    .map(([raw, name]) => `${raw} = ${name}`)
    .join("\n");

/** `column = name` lines as a map; a line without `=` is an error (null map: the text is empty). */
function parseNames(text: string): { map: Record<string, string> | null } | { error: string } {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return { map: null };
  const map: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf("=");
    if (at <= 0) return { error: `Write each feature name as "collected column = name": "${line}" is not.` };
    map[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { map };
}

/** A deployment's `…` menu: change its settings, download it as a package, delete it. */
export function DeploymentActions({
  workspace,
  endpoint,
  deployment,
  canEdit,
}: {
  workspace: string;
  endpoint: string;
  deployment: DeploymentSettings;
  canEdit: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const [instances, setInstances] = useState(deployment.instanceCount);
  const [timeoutMs, setTimeoutMs] = useState(deployment.requestTimeoutMs);
  const [collection, setCollection] = useState(deployment.dataCollectionPercent);
  const [retentionDays, setRetentionDays] = useState(deployment.collectRetentionDays);
  const [maxRows, setMaxRows] = useState(deployment.collectMaxRows);
  const [names, setNames] = useState(namesText(deployment.featureNames));
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const finish = (message: string) => {
    setDialog(null);
    toast(message);
    router.refresh();
  };
  const save = async () => {
    const parsedNames = parseNames(names);
    if ("error" in parsedNames) return setError(parsedNames.error);
    setIsBusy(true);
    setError(null);
    const namesChanged = names.trim() !== namesText(deployment.featureNames);
    const result = await updateDeploymentRequest(workspace, endpoint, deployment.name, {
      instanceCount: instances,
      requestTimeoutMs: timeoutMs,
      dataCollectionPercent: collection,
      collectRetentionDays: retentionDays,
      collectMaxRows: maxRows,
      ...(namesChanged ? { featureNames: parsedNames.map } : {}),
    });
    setIsBusy(false);
    if (!result.ok) return setError(result.message);
    finish(`Deployment ${deployment.name} updated`);
  };
  const remove = async () => {
    setIsBusy(true);
    setError(null);
    const result = await deleteDeploymentRequest(workspace, endpoint, deployment.name, reason);
    setIsBusy(false);
    if (!result.ok) return setError(result.message);
    finish(`Deployment ${deployment.name} deleted`);
  };
  const open = (which: "edit" | "delete") => {
    setError(null);
    setDialog(which);
  };
  return (
    <>
      <ActionMenu
        label={`Actions for deployment ${deployment.name}`}
        items={[
          { label: "Change settings", onSelect: () => open("edit"), disabled: !canEdit },
          { label: "Download package (zip)", onSelect: () => window.location.assign(deployment.packageUrl) },
          { label: "Delete", onSelect: () => open("delete"), isDanger: true, disabled: !canEdit },
        ]}
      />
      <Dialog
        open={dialog === "edit"}
        onClose={() => setDialog(null)}
        title={`Settings of ${deployment.name}`}
        description="New instances start with these settings; the old ones keep serving until they are up."
      >
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field
            label="Instances"
            htmlFor={`${id}-instances`}
            hint={`Worker processes (ONNX sessions) in each studio process, 1 to ${DEPLOYMENT_LIMITS.maxInstances}.`}
          >
            <Input
              id={`${id}-instances`}
              type="number"
              min={1}
              max={DEPLOYMENT_LIMITS.maxInstances}
              value={instances}
              onChange={(e) => setInstances(Number(e.target.value))}
            />
          </Field>
          <Field
            label="Request timeout (ms)"
            htmlFor={`${id}-timeout`}
            hint="A request that takes longer gets 504 and its instance is restarted."
          >
            <Input
              id={`${id}-timeout`}
              type="number"
              min={DEPLOYMENT_LIMITS.minTimeoutMs}
              max={DEPLOYMENT_LIMITS.maxTimeoutMs}
              value={timeoutMs}
              onChange={(e) => setTimeoutMs(Number(e.target.value))}
            />
          </Field>
          <Field
            label="Data collection (% of requests)"
            htmlFor={`${id}-collection`}
            hint="This share of requests is kept, its rows as feature columns, for monitors and the CSV export."
          >
            <Input
              id={`${id}-collection`}
              type="number"
              min={0}
              max={100}
              value={collection}
              onChange={(e) => setCollection(Number(e.target.value))}
            />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Keep collected data (days)" htmlFor={`${id}-days`}>
              <Input
                id={`${id}-days`}
                type="number"
                min={1}
                max={DEPLOYMENT_LIMITS.maxRetentionDays}
                value={retentionDays}
                onChange={(e) => setRetentionDays(Number(e.target.value))}
              />
            </Field>
            <Field label="Keep at most (rows)" htmlFor={`${id}-rows`}>
              <Input
                id={`${id}-rows`}
                type="number"
                min={DEPLOYMENT_LIMITS.minCollectedRows}
                max={DEPLOYMENT_LIMITS.maxCollectedRows}
                step={1000}
                value={maxRows}
                onChange={(e) => setMaxRows(Number(e.target.value))}
              />
            </Field>
          </div>
          <Field
            label="Feature names"
            htmlFor={`${id}-names`}
            hint="One per line, collected column = name (input_2 = petal_length_cm), so monitors pair them with the training data's columns."
          >
            <Textarea
              id={`${id}-names`}
              rows={3}
              value={names}
              onChange={(e) => setNames(e.target.value)}
              placeholder="input_2 = petal_length_cm"
              className="font-mono text-xs"
            />
          </Field>
          {error ? <Alert>{error}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setDialog(null)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={isBusy}>
              {isBusy ? "Saving…" : "Save"}
            </Button>
          </div>
        </form>
      </Dialog>
      <Dialog
        open={dialog === "delete"}
        onClose={() => setDialog(null)}
        title={`Delete deployment ${deployment.name}?`}
        description="Its instances stop and its logs go. A deployment that takes traffic must give it up first."
      >
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void remove();
          }}
        >
          <Field label="Reason (kept in the audit trail)" htmlFor={`${id}-reason`}>
            <Input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
          </Field>
          {error ? <Alert>{error}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setDialog(null)}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={isBusy}>
              {isBusy ? "Deleting…" : "Delete deployment"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
