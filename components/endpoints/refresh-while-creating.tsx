"use client";
import { useRefreshWhile } from "@/components/live/refresh-while-live";

/** Keeps the endpoint page current while a deployment is being brought up, and says so. */
export function RefreshWhileCreating({ names }: { names: string[] }) {
  useRefreshWhile(names.length > 0, 1500);
  if (!names.length) return null;
  return (
    <p className="mb-3 text-xs text-muted" aria-live="polite">
      Bringing up {names.join(", ")}: loading the model{names.length > 1 ? "s" : ""} and running init(). This page
      updates by itself.
    </p>
  );
}
