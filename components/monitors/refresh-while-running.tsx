"use client";
import { useRefreshWhile } from "@/components/live/refresh-while-live";
import { LIVE_POLL_MS } from "@/lib/query-keys";

/** Keeps the monitor's page current while one of its runs is queued or computing. */
export function RefreshWhileRunning({ isLive }: { isLive: boolean }) {
  useRefreshWhile(isLive, LIVE_POLL_MS);
  if (!isLive) return null;
  return (
    <p className="mb-2 text-xs text-muted" aria-live="polite">
      A run is being computed: this page updates every {Math.round(LIVE_POLL_MS / 1000)} s.
    </p>
  );
}
