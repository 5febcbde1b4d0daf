"use client";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Pencil, Play } from "lucide-react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { useToast } from "@/components/ui/toast";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";

export type ScheduleActionSet = {
  runNow: () => Promise<ActionResult<{ status: string; job: string | null; reason: string | null }>>;
  setEnabled: (isEnabled: boolean) => Promise<ActionResult<unknown>>;
  remove: () => Promise<ActionResult<unknown>>;
};

/** What the schedule's author (or an owner) can do to it: run it now, edit it, turn it off and on, delete it. */
export function ScheduleActions({
  workspace,
  isEnabled,
  editHref,
  actions,
}: {
  workspace: string;
  isEnabled: boolean;
  /** The schedule's edit page. */
  editHref: string;
  actions: ScheduleActionSet;
}) {
  const router = useRouter();
  const toast = useToast();
  const { error, isPending, run } = useServerAction();
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          disabled={isPending}
          onClick={() => {
            setOutcome(null);
            run(actions.runNow, null, (r) => {
              if (r.status === "submitted") toast(r.job ? `Job ${r.job} submitted` : "Run submitted");
              // A run that submitted nothing says why, and stays until the next one.
              else setOutcome(`The run ${r.status}: ${r.reason ?? "no reason given"}`);
            });
          }}
        >
          <Play size={14} aria-hidden /> Run now
        </Button>
        <ButtonLink href={editHref}>
          <Pencil size={14} aria-hidden /> Edit
        </ButtonLink>
        <Button
          disabled={isPending}
          onClick={() =>
            run(() => actions.setEnabled(!isEnabled), isEnabled ? "Schedule disabled" : "Schedule enabled")
          }
        >
          {isEnabled ? "Disable" : "Enable"}
        </Button>
        <ConfirmDelete
          confirmLabel="Delete, with its runs"
          isPending={isPending}
          onConfirm={() => run(actions.remove, "Schedule deleted", () => router.push(pages.schedules(workspace)))}
        />
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {outcome ? <Alert tone="warning">{outcome}</Alert> : null}
    </div>
  );
}
