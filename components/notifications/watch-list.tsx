"use client";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ScopeKind } from "@/lib/scopes";
import type { SetWatch } from "@/components/notifications/watch-button";

type Watch = { scope: { kind: ScopeKind; name: string }; subjectType: string; name: string };

/** What one watches, each with a way to stop. */
export function WatchList({ items, setWatch }: { items: Watch[]; setWatch: SetWatch }) {
  const { isPending, run } = useServerAction();
  if (!items.length) {
    return <p className="text-sm text-muted">Nothing yet: use Watch on a model, endpoint, pipeline or experiment.</p>;
  }
  return (
    <ul aria-label="Watching" className="flex flex-col gap-2 text-sm">
      {items.map((w) => (
        <li key={`${w.scope.kind}/${w.scope.name}/${w.subjectType}/${w.name}`} className="flex items-center gap-2">
          <span className="min-w-0 flex-1 truncate">
            {w.subjectType} <span className="font-medium">{w.name}</span>{" "}
            <span className="text-muted">
              in {w.scope.kind} {w.scope.name}
            </span>
          </span>
          <Button
            size="sm"
            variant="ghost"
            disabled={isPending}
            onClick={() =>
              run(
                () => setWatch({ scope: w.scope, subjectType: w.subjectType, name: w.name, isWatching: false }),
                `No longer watching ${w.name}`,
              )
            }
          >
            Unwatch
          </Button>
        </li>
      ))}
    </ul>
  );
}
