"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { LIVE_POLL_MS } from "@/lib/query-keys";

/**
 * Re-renders a server-rendered page every few seconds while something on it is still running (a
 * comparison with a running job), keeping client state such as toggles; stops once nothing is live.
 */
export function RefreshWhileLive({ isLive, intervalMs = LIVE_POLL_MS }: { isLive: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!isLive) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [isLive, intervalMs, router]);
  if (!isLive) return null;
  return <p className="mb-3 text-xs text-muted" aria-live="polite">Some of these jobs are still running: the charts and tables update every {Math.round(intervalMs / 1000)} s.</p>;
}
