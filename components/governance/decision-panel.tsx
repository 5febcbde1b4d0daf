"use client";
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { useServerAction } from "@/components/ui/use-server-action";

type Decision = "approve" | "reject" | "cancel";

/** Approve, reject or cancel a pending request, with a comment kept in its history. */
export function DecisionPanel({
  canApprove,
  canCancel,
  decide,
}: {
  canApprove: boolean;
  canCancel: boolean;
  decide: (decision: Decision, comment: string) => Promise<ActionResult<unknown>>;
}) {
  const [comment, setComment] = useState("");
  const { error, isPending, run } = useServerAction();
  const act = (decision: Decision, done: string) =>
    run(
      () => decide(decision, comment),
      done,
      () => setComment(""),
    );
  return (
    <form aria-label="Decision" className="flex flex-col gap-3" onSubmit={(e) => e.preventDefault()}>
      {error ? <Alert title="The decision was not recorded">{error}</Alert> : null}
      <Field label="Comment" htmlFor="decision-comment" hint="Kept with the decision; the requester reads it.">
        <Textarea
          id="decision-comment"
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Field>
      <div className="flex flex-wrap gap-2">
        {canApprove ? (
          <>
            <Button variant="primary" disabled={isPending} onClick={() => act("approve", "Approved")}>
              Approve
            </Button>
            <Button variant="danger" disabled={isPending} onClick={() => act("reject", "Rejected")}>
              Reject
            </Button>
          </>
        ) : null}
        {canCancel ? (
          <Button disabled={isPending} onClick={() => act("cancel", "Request canceled")}>
            Cancel request
          </Button>
        ) : null}
      </div>
    </form>
  );
}
