"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, errorMessage } from "@/components/ui/api-request";
import { Button } from "@/components/ui/button";
import { Alert, Badge, EmptyState } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import { formatDateTime } from "@/lib/format";
import { queryKeys } from "@/lib/query-keys";
import { api } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import type { WebhookDeliveryDto } from "@/lib/schemas/webhooks";

const POLL_MS = 2000;
const TONE = { delivered: "success", pending: "accent", dead: "danger" } as const;

/** A webhook's deliveries, newest first, kept live: what was sent, how often, what came back. */
export function DeliveryTable({
  scope,
  webhookId,
  redeliver,
}: {
  scope: ScopeRef;
  webhookId: string;
  redeliver: (deliveryId: string) => Promise<ActionResult<unknown>>;
}) {
  const client = useQueryClient();
  const key = queryKeys.webhooks.deliveries(`${scope.kind}/${scope.name}`, webhookId);
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => apiGet<{ items: WebhookDeliveryDto[] }>(api.webhookDeliveries(scope, webhookId, { limit: 100 })),
    refetchInterval: POLL_MS,
  });
  const action = useServerAction();
  if (error) return <Alert>Could not read the deliveries: {errorMessage(error)}</Alert>;
  if (!data) return <p className="text-sm text-muted">Loading deliveries…</p>;
  if (!data.items.length) {
    return (
      <EmptyState title="No deliveries yet">
        Send a test event, or wait for an event this webhook listens to.
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      {action.error ? <Alert>{action.error}</Alert> : null}
      <Table aria-label="Deliveries">
        <thead>
          <tr>
            <Th>When</Th>
            <Th>Event</Th>
            <Th>Status</Th>
            <Th>Tries</Th>
            <Th>Answer</Th>
            <Th>Latency</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((d) => (
            <Tr key={d.id}>
              <Td className="whitespace-nowrap text-muted">{formatDateTime(d.createdAt)}</Td>
              <Td>
                <span className="font-mono text-xs">{d.eventType}</span>
                {d.subject ? <p className="max-w-64 truncate text-xs text-muted">{d.subject}</p> : null}
              </Td>
              <Td>
                <Badge tone={TONE[d.status]}>{d.status}</Badge>
                {d.status === "pending" && d.nextAttemptAt && d.attempts > 0 ? (
                  <p className="text-xs text-muted">next try {formatDateTime(d.nextAttemptAt)}</p>
                ) : null}
              </Td>
              <Td className="tabular-nums">{d.attempts}</Td>
              <Td className="max-w-72">
                {d.lastStatusCode !== null ? <span className="font-mono">{d.lastStatusCode}</span> : null}
                {d.lastError ? (
                  <p className="truncate text-xs text-danger" title={d.lastError}>
                    {d.lastError}
                  </p>
                ) : null}
                {d.lastResponse ? (
                  <details className="text-xs">
                    <summary className="cursor-pointer text-muted">response</summary>
                    <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-surface-2 p-2">
                      {d.lastResponse}
                    </pre>
                  </details>
                ) : null}
              </Td>
              <Td className="whitespace-nowrap tabular-nums text-muted">
                {d.lastLatencyMs !== null ? `${d.lastLatencyMs} ms` : ""}
              </Td>
              <Td>
                {d.status !== "pending" ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={action.isPending}
                    aria-label={`Send ${d.eventType} again`}
                    onClick={() =>
                      action.run(
                        () => redeliver(d.id),
                        "Queued to send again",
                        () => void client.invalidateQueries({ queryKey: key }),
                      )
                    }
                  >
                    Send again
                  </Button>
                ) : null}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
