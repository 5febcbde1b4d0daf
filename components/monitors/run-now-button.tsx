"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { apiRequest, jsonInit } from "@/components/ui/api-request";
import { useToast } from "@/components/ui/toast";
import { api, pages } from "@/lib/routes";
import type { MonitorRunDto } from "@/lib/schemas/monitors";

/** Runs the monitor over the window ending now, waits for the result (up to a minute), then shows it. */
export function RunNowButton({ workspace, monitor }: { workspace: string; monitor: string }) {
  const router = useRouter();
  const toast = useToast();
  const [isBusy, setIsBusy] = useState(false);
  const run = async () => {
    setIsBusy(true);
    const result = await apiRequest<MonitorRunDto>(
      api.runMonitor(workspace, monitor, { wait: 60 }),
      jsonInit("POST", {}),
      201,
    );
    setIsBusy(false);
    if (!result.ok) return toast(result.message);
    router.push(pages.monitor(workspace, monitor, { run: result.value.id }));
    router.refresh();
  };
  return (
    <Button variant="primary" onClick={() => void run()} disabled={isBusy}>
      <Play size={14} aria-hidden /> {isBusy ? "Running…" : "Run now"}
    </Button>
  );
}
