"use client";
import { useServerAction } from "@/components/ui/use-server-action";
import { Alert } from "@/components/ui/misc";
import type { ActionResult } from "@/lib/action-result";

type Settings = { notifyMyFailedJobs: boolean; notifyProdDeployments: boolean };

/** What one hears about without watching anything. */
export function NotificationSettings({
  settings,
  update,
}: {
  settings: Settings;
  update: (change: unknown) => Promise<ActionResult<unknown>>;
}) {
  const { error, isPending, run } = useServerAction();
  const toggle = (key: keyof Settings, label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        checked={settings[key]}
        disabled={isPending}
        onChange={(e) => {
          const value = e.target.checked;
          run(() => update({ [key]: value }), "Saved");
        }}
      />
      {label}
    </label>
  );
  return (
    <div className="flex flex-col gap-2">
      {toggle("notifyMyFailedJobs", "My jobs that fail")}
      {toggle("notifyProdDeployments", "Deployments that come up in a prod workspace I belong to")}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
