"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { DEPLOYMENT_LIMITS } from "@/lib/schemas/endpoints";
import { ActionMenu } from "@/components/ui/menu";
import { Alert } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { deleteDeploymentRequest, updateDeploymentRequest } from "@/components/endpoints/endpoint-requests";

type DeploymentSettings = {
  name: string;
  instanceCount: number;
  requestTimeoutMs: number;
  dataCollectionPercent: number;
  packageUrl: string;
};

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
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const finish = (message: string) => {
    setDialog(null);
    toast(message);
    router.refresh();
  };
  const save = async () => {
    setIsBusy(true);
    setError(null);
    const result = await updateDeploymentRequest(workspace, endpoint, deployment.name, {
      instanceCount: instances,
      requestTimeoutMs: timeoutMs,
      dataCollectionPercent: collection,
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
            hint="Inputs and outputs of this share of requests are kept (16 KiB each at most)."
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
