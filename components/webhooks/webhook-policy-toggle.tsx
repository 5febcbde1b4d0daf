"use client";
import { useServerAction } from "@/components/ui/use-server-action";
import { Alert } from "@/components/ui/misc";
import type { ActionResult } from "@/lib/action-result";

/** Owners decide whether contributors may add webhooks of their own. */
export function WebhookPolicyToggle({
  isAllowed,
  setAllowed,
}: {
  isAllowed: boolean;
  setAllowed: (allow: boolean) => Promise<ActionResult<unknown>>;
}) {
  const { error, isPending, run } = useServerAction();
  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={isAllowed}
          disabled={isPending}
          onChange={(e) => {
            const allow = e.target.checked;
            run(() => setAllowed(allow), allow ? "Contributors may add webhooks" : "Only owners add webhooks now");
          }}
        />
        Contributors may add webhooks of their own
      </label>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
