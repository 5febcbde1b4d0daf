"use client";
import { Eye, EyeOff } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import type { ScopeRef } from "@/lib/scopes";
import type { WatchSubjectType } from "@/lib/schemas/notifications";

export type SetWatch = (input: unknown) => Promise<ActionResult<unknown>>;

/** Watch a model, endpoint, pipeline or experiment: its events then come as notifications. */
export function WatchButton({
  scope,
  subjectType,
  name,
  label,
  isWatching,
  setWatch,
}: {
  scope: ScopeRef;
  subjectType: WatchSubjectType;
  name: string;
  /** What is watched, as the page calls it ("model iris"). */
  label: string;
  isWatching: boolean;
  setWatch: SetWatch;
}) {
  const { isPending, run } = useServerAction();
  return (
    <Button
      aria-pressed={isWatching}
      disabled={isPending}
      title={isWatching ? `You are told of changes to ${label}` : `Be told of changes to ${label}`}
      onClick={() =>
        run(
          () => setWatch({ scope: { kind: scope.kind, name: scope.name }, subjectType, name, isWatching: !isWatching }),
          isWatching ? `No longer watching ${label}` : `Watching ${label}`,
        )
      }
    >
      {isWatching ? <EyeOff size={14} aria-hidden /> : <Eye size={14} aria-hidden />}
      {isWatching ? "Unwatch" : "Watch"}
    </Button>
  );
}
