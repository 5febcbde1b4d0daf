"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** Submits the training example in one click and opens the new job. */
export function RunExampleButton({
  workspace,
  label = "Run the training example",
}: {
  workspace: string;
  label?: string;
}) {
  const router = useRouter();
  const showToast = useToast();
  const [isBusy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const res = await fetch(`/api/v1/workspaces/${encodeURIComponent(workspace)}/command-jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ example: "train-iris" }),
    });
    const body = await res.json().catch(() => null);
    setBusy(false);
    if (!res.ok)
      return showToast(body?.error?.message ?? `The example was not submitted (HTTP ${res.status}).`, "error");
    router.push(`/workspaces/${encodeURIComponent(workspace)}/jobs/${encodeURIComponent(body.name)}?tab=logs`);
  };
  return (
    <Button onClick={run} disabled={isBusy}>
      <Play size={14} aria-hidden /> {isBusy ? "Submitting…" : label}
    </Button>
  );
}
