"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { LIVE_POLL_MS } from "@/lib/query-keys";

/** Re-renders the server-rendered page every `intervalMs` while `isLive`, keeping client state. */
export function useRefreshWhile(isLive: boolean, intervalMs: number = LIVE_POLL_MS) {
  const router = useRouter();
  useEffect(() => {
    if (!isLive) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [isLive, intervalMs, router]);
}

/**
 * Keeps a server-rendered page current while something on it still runs (a comparison with a running
 * job), and says so; stops once nothing is live.
 */
export function RefreshWhileLive({ isLive, intervalMs = LIVE_POLL_MS }: { isLive: boolean; intervalMs?: number }) {
  useRefreshWhile(isLive, intervalMs);
  if (!isLive) return null;
  return (
    <p className="mb-3 text-xs text-muted" aria-live="polite">
      Some of these jobs are still running: the charts and tables update every {Math.round(intervalMs / 1000)} s.
    </p>
  );
}
