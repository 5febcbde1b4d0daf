"use client";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Alert, Badge, EmptyState } from "@/components/ui/misc";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import { formatDateTime } from "@/lib/format";
import { queryKeys } from "@/lib/query-keys";
import type { NotificationDto } from "@/lib/schemas/notifications";

const REASONS: Record<NotificationDto["reason"], string> = {
  watch: "you watch it",
  my_job: "your job",
  prod_deployment: "prod deployment",
  rule: "an automation rule",
  approval: "an approval",
};

/** Notifications, newest first; opening one marks it read. */
export function NotificationList({
  items,
  unreadCount,
  markRead,
}: {
  items: NotificationDto[];
  unreadCount: number;
  markRead: (which: unknown) => Promise<ActionResult<unknown>>;
}) {
  const client = useQueryClient();
  const { error, isPending, run } = useServerAction();
  const refreshBell = () => void client.invalidateQueries({ queryKey: queryKeys.notifications.unread() });
  if (!items.length) {
    return (
      <EmptyState title="Nothing to tell yet">
        Watch a model, an endpoint, a pipeline or an experiment to hear of its changes here.
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-muted">{unreadCount ? `${unreadCount} unread` : "All read"}</p>
        <Button
          size="sm"
          disabled={isPending || unreadCount === 0}
          onClick={() => run(() => markRead({ all: true }), "Marked all read", refreshBell)}
        >
          Mark all read
        </Button>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      <ul aria-label="Notifications" className="divide-y divide-border rounded-lg border border-border bg-surface">
        {items.map((n) => (
          <li key={n.id} className={n.isRead ? "px-4 py-3" : "bg-accent/5 px-4 py-3"}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <Link
                href={n.link}
                className="font-medium text-accent hover:underline"
                onClick={() => (n.isRead ? undefined : void markRead({ ids: [n.id] }).then(refreshBell))}
              >
                {n.title}
              </Link>
              <span className="whitespace-nowrap text-xs text-muted">{formatDateTime(n.createdAt)}</span>
            </div>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
              {n.isRead ? null : <Badge tone="accent">new</Badge>}
              <span className="font-mono">{n.eventType}</span>
              <span>
                {n.scope.kind} {n.scope.name} · {REASONS[n.reason]}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
