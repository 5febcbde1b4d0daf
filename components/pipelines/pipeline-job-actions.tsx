"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Copy, RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";

/** "Clone to draft" (a new draft from the graph this job ran) and "Re-submit" (run that graph again). */
export function PipelineJobActions({ workspace, job }: { workspace: string; job: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState<"clone" | "resubmit" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const post = async (what: "clone" | "resubmit") => {
    setBusy(what);
    setError(null);
    const base = `/api/v1/workspaces/${encodeURIComponent(workspace)}/jobs/${encodeURIComponent(job)}`;
    const res = await fetch(`${base}/${what === "clone" ? "clone-to-draft" : "resubmit"}`, { method: "POST" });
    const body = await res.json().catch(() => null);
    setBusy(null);
    if (res.status !== 201) return setError(body?.error?.message ?? `HTTP ${res.status}`);
    router.push(
      what === "clone"
        ? `/workspaces/${encodeURIComponent(workspace)}/pipelines/${body.id}`
        : `/workspaces/${encodeURIComponent(workspace)}/jobs/${body.name}`,
    );
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
