"use client";
import { useServerAction } from "@/components/ui/use-server-action";
import { Alert } from "@/components/ui/misc";
import type { ActionResult } from "@/lib/action-result";

type Settings = {
  notifyMyFailedJobs: boolean;
  notifyProdDeployments: boolean;
  emailNotifications: boolean;
  email: string;
  emailAvailable: boolean;
};
type Toggle = "notifyMyFailedJobs" | "notifyProdDeployments" | "emailNotifications";

/** What one hears about without watching anything, and whether by e-mail too. */
export function NotificationSettings({
  settings,
  update,
}: {
  settings: Settings;
  update: (change: unknown) => Promise<ActionResult<unknown>>;
}) {
  const { error, isPending, run } = useServerAction();
  const toggle = (key: Toggle, label: string, isDisabled = false) => (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        checked={settings[key]}
        disabled={isPending || isDisabled}
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
      {toggle("emailNotifications", `E-mail me each notification too, at ${settings.email}`, !settings.emailAvailable)}
      {settings.emailAvailable ? null : (
        <p className="text-xs text-muted">
          This studio has no mail server set (STUDIO_SMTP_URL), so no e-mail is sent.
        </p>
      )}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
