"use client";

import { useEffect, useState } from "react";

/**
 * The current time as render input (elapsed times, expiry), ticking every `intervalMs` while `isTicking`:
 * reading Date.now() during render would make a component impure and its output stale. `initial` (the
 * server's render time) keeps the first client render identical to the server's.
 */
export function useNow({
  intervalMs = 1000,
  isTicking = true,
  initial,
}: { intervalMs?: number; isTicking?: boolean; initial?: number } = {}): number {
  const [now, setNow] = useState(() => initial ?? Date.now());
  useEffect(() => {
    if (!isTicking) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs, isTicking]);
  return now;
}
