"use client";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { useRouter } from "next/navigation";
import { Pencil } from "lucide-react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";

export type RuleActionSet = {
  setEnabled: (isEnabled: boolean) => Promise<ActionResult<unknown>>;
  remove: () => Promise<ActionResult<unknown>>;
};

/** What the rule's author (or an owner) can do to it: edit it, turn it off and on, delete it. */
export function RuleActions({
  workspace,
  isEnabled,
  editHref,
  actions,
}: {
  workspace: string;
  isEnabled: boolean;
  /** The rule's edit page. */
  editHref: string;
  actions: RuleActionSet;
}) {
  const router = useRouter();
  const { error, isPending, run } = useServerAction();
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={editHref}>
          <Pencil size={14} aria-hidden /> Edit
        </ButtonLink>
        <Button
          variant={isEnabled ? "secondary" : "primary"}
          disabled={isPending}
          onClick={() => run(() => actions.setEnabled(!isEnabled), isEnabled ? "Rule disabled" : "Rule enabled")}
        >
          {isEnabled ? "Disable" : "Enable"}
        </Button>
        <ConfirmDelete
          confirmLabel="Delete, with its firings"
          isPending={isPending}
          onConfirm={() => run(actions.remove, "Rule deleted", () => router.push(pages.automations(workspace)))}
        />
      </div>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
