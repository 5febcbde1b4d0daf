"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Copy, RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { cloneJobToDraftRequest, resubmitJobRequest } from "@/components/pipelines/pipeline-requests";
import { pages } from "@/lib/routes";

/** "Clone to draft" (a new draft from the graph this job ran) and "Re-submit" (run that graph again). */
export function PipelineJobActions({ workspace, job }: { workspace: string; job: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState<"clone" | "resubmit" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const post = async (what: "clone" | "resubmit") => {
    setBusy(what);
    setError(null);
    if (what === "clone") {
      const result = await cloneJobToDraftRequest(workspace, job);
      setBusy(null);
      if (!result.ok) return setError(result.message);
      return router.push(pages.pipeline(workspace, result.value.id));
    }
    const result = await resubmitJobRequest(workspace, job);
    setBusy(null);
    if (!result.ok) return setError(result.message);
    router.push(pages.job(workspace, result.value.name));
  };
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <Button onClick={() => post("clone")} disabled={busy !== null}>
          <Copy size={14} aria-hidden /> {busy === "clone" ? "Cloning…" : "Clone to draft"}
        </Button>
        <Button onClick={() => post("resubmit")} disabled={busy !== null}>
          <RotateCcw size={14} aria-hidden /> {busy === "resubmit" ? "Submitting…" : "Re-submit"}
        </Button>
      </div>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
