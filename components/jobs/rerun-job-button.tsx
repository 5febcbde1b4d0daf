"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { resubmitJobRequest } from "@/components/pipelines/pipeline-requests";
import { pages } from "@/lib/routes";

/** Re-run: the job again as it was submitted, on its code (the API's, rules' and schedules' path too). */
export function RerunJobButton({ workspace, job }: { workspace: string; job: string }) {
  const router = useRouter();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2">
      <Button
        disabled={isBusy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await resubmitJobRequest(workspace, job);
          setBusy(false);
          if (!result.ok) return setError(result.message);
          router.push(pages.job(workspace, result.value.name));
        }}
      >
        <RotateCcw size={14} aria-hidden /> {isBusy ? "Submitting…" : "Re-run"}
      </Button>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
