"use client";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ShownOnce } from "@/components/ui/shown-once";
import { Alert } from "@/components/ui/misc";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import { queryKeys } from "@/lib/query-keys";
import { pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";

export type WebhookActionSet = {
  sendTest: () => Promise<ActionResult<unknown>>;
  setEnabled: (isEnabled: boolean) => Promise<ActionResult<unknown>>;
  rotate: (graceHours: number) => Promise<ActionResult<{ secret: string; previousSecretUntil: string | null }>>;
  remove: () => Promise<ActionResult<unknown>>;
};

/** What one can do to a webhook: test it, turn it off and on, rotate its secret, delete it. */
export function WebhookActions({
  scope,
  webhookId,
  isEnabled,
  actions,
}: {
  scope: ScopeRef;
  webhookId: string;
  isEnabled: boolean;
  actions: WebhookActionSet;
}) {
  const router = useRouter();
  const client = useQueryClient();
  const { error, isPending, run } = useServerAction();
  const [rotated, setRotated] = useState<{ secret: string; previousSecretUntil: string | null } | null>(null);
  const refreshDeliveries = () =>
    void client.invalidateQueries({
      queryKey: queryKeys.webhooks.deliveries(`${scope.kind}/${scope.name}`, webhookId),
    });
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          disabled={isPending || !isEnabled}
          onClick={() => run(actions.sendTest, "Test event queued", refreshDeliveries)}
        >
          Send test event
        </Button>
        <Button
          disabled={isPending}
          onClick={() =>
            run(() => actions.setEnabled(!isEnabled), isEnabled ? "Webhook turned off" : "Webhook turned on")
          }
        >
          {isEnabled ? "Turn off" : "Turn on"}
        </Button>
        <Button disabled={isPending} onClick={() => run(() => actions.rotate(24), "Secret rotated", setRotated)}>
          Rotate secret
        </Button>
        <ConfirmDelete
          confirmLabel="Delete, with its deliveries"
          isPending={isPending}
          onConfirm={() => run(actions.remove, "Webhook deleted", () => router.push(pages.webhooks(scope)))}
        />
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {rotated ? (
        <ShownOnce
          label="New webhook secret"
          title="New signing secret: copy it now, it is shown only once."
          secret={rotated.secret}
          what="secret"
        >
          The old secret keeps signing beside it for 24 hours, so your receiver can switch over without missing a
          delivery.
        </ShownOnce>
      ) : null}
    </div>
  );
}
