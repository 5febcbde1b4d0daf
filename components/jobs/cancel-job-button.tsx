"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { queryKeys } from "@/lib/query-keys";
import { Ban } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { apiRequest } from "@/components/ui/api-request";
import { api } from "@/lib/routes";

export function CancelJobButton({
  workspace,
  job,
  isRequested,
}: {
  workspace: string;
  job: string;
  isRequested: boolean;
}) {
  const router = useRouter();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  if (isRequested) return <span className="text-sm text-muted">Canceling…</span>;
  const cancel = async () => {
    setBusy(true);
    setError(null);
    const result = await apiRequest(api.cancelJob(workspace, job, reason), { method: "POST" }, 200);
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setOpen(false);
    // The job's live query drives this button, the badge and the log: ask it again now.
    await client.invalidateQueries({ queryKey: queryKeys.jobs.detail(workspace, job), exact: true });
    router.refresh();
  };
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        <Ban size={14} aria-hidden /> Cancel job
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Cancel this job?"
        description="The runner ends the job's command and every process it started. Outputs written so far are kept."
      >
        {error ? <Alert>{error}</Alert> : null}
        <Field label="Reason (optional)" htmlFor="cancel-reason">
          <Input id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Keep running</Button>
          <Button variant="danger" onClick={cancel} disabled={isBusy}>
            {isBusy ? "Canceling…" : "Cancel job"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
