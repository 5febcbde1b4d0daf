import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import type { WebhookDto } from "@/lib/schemas/webhooks";
import { Badge, EmptyState } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";

/** A scope's webhooks: where they send, what, whether they are on, and who made them. */
export function WebhookTable({ scope, webhooks }: { scope: ScopeRef; webhooks: WebhookDto[] }) {
  if (!webhooks.length) {
    return (
      <EmptyState title="No webhooks yet">Create one to send this scope&apos;s events to your services.</EmptyState>
    );
  }
  return (
    <Table aria-label="Webhooks">
      <thead>
        <tr>
          <Th>URL</Th>
          <Th>Events</Th>
          <Th>Status</Th>
          <Th>Created by</Th>
          <Th>Created</Th>
        </tr>
      </thead>
      <tbody>
        {webhooks.map((w) => (
          <Tr key={w.id}>
            <Td className="max-w-80 truncate font-medium">
              <Link href={pages.webhook(scope, w.id)} className="text-accent hover:underline" title={w.url}>
                {w.url}
              </Link>
              {w.description ? <p className="truncate text-xs font-normal text-muted">{w.description}</p> : null}
            </Td>
            <Td className="font-mono text-xs">{w.events.join(", ")}</Td>
            <Td>
              {w.isEnabled ? (
                <Badge tone="success">on</Badge>
              ) : (
                <span title={w.disabledReason ?? undefined}>
                  <Badge tone="warning">off</Badge>
                </span>
              )}
            </Td>
            <Td className="text-muted">{w.createdBy}</Td>
            <Td className="whitespace-nowrap text-muted">{formatDateTime(w.createdAt)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
