"use client";
import { useRefreshWhile } from "@/components/live/refresh-while-live";
import { LIVE_POLL_MS } from "@/lib/query-keys";

/** Keeps the schedule's page current while a run is being submitted or its job is still under way. */
export function RefreshWhileRunning({ isLive }: { isLive: boolean }) {
  useRefreshWhile(isLive, LIVE_POLL_MS);
  if (!isLive) return null;
  return (
    <p className="mb-2 text-xs text-muted" aria-live="polite">
      A run&apos;s job is still under way: this table updates every {Math.round(LIVE_POLL_MS / 1000)} s.
    </p>
  );
}
