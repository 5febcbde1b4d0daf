"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { apiRequest, jsonInit } from "@/components/ui/api-request";
import { api, pages } from "@/lib/routes";

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
    const result = await apiRequest<{ name: string }>(
      api.commandJobs(workspace),
      jsonInit("POST", { example: "train-iris" }),
      201,
    );
    setBusy(false);
    if (!result.ok) return showToast(result.message, "error");
    router.push(pages.job(workspace, result.value.name, "logs"));
  };
  return (
    <Button onClick={run} disabled={isBusy}>
      <Play size={14} aria-hidden /> {isBusy ? "Submitting…" : label}
    </Button>
  );
}
