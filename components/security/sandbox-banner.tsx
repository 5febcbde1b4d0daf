/** Shown to owners while jobs and entry scripts run without a sandbox (STUDIO_SANDBOX off, or no bubblewrap). */
export function SandboxBanner({ reason }: { reason: string }) {
  return (
    <div
      role="note"
      aria-label="Sandbox warning"
      className="border-b border-warning/40 bg-warning-soft px-4 py-2 text-sm text-warning"
    >
      <span className="font-medium">Jobs and entry scripts are not sandboxed.</span> {reason} They run as the
      studio&apos;s own user and can read its database and secret, so anyone who may submit a job can take over the
      studio. Install bubblewrap (and leave STUDIO_SANDBOX unset or set it to bwrap) before you share this studio.
    </div>
  );
}
