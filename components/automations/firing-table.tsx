import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import type { FiringDto, FiringStatus } from "@/lib/schemas/automations";
import { Badge } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";

const TONE: Record<FiringStatus, "neutral" | "accent" | "success" | "warning" | "danger"> = {
  pending: "neutral",
  running: "accent",
  succeeded: "success",
  failed: "danger",
  skipped: "warning",
};

export function FiringStatusBadge({ status }: { status: FiringStatus }) {
  return (
    <Badge tone={TONE[status]} className="gap-1">
      {status === "running" ? <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" /> : null}
      {status}
    </Badge>
  );
}

/** A rule's firings, newest first: the event it acted on, how it went, and what each action did. */
export function FiringTable({ firings }: { firings: FiringDto[] }) {
  return (
    <Table aria-label="Firings">
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Event</Th>
          <Th>Status</Th>
          <Th>Reason</Th>
          <Th>What the actions did</Th>
        </tr>
      </thead>
      <tbody>
        {firings.map((f) => (
          <Tr key={f.id}>
            <Td className="whitespace-nowrap text-muted">{formatDateTime(f.createdAt)}</Td>
            <Td className="min-w-48 max-w-72">
              <span className="font-mono text-xs">{f.eventType}</span>
              <p className="break-all text-xs" title={f.eventSubject}>
                {f.eventSubject}
              </p>
              <p className="font-mono text-xs text-muted">{f.eventId}</p>
              {f.depth > 0 ? (
                <p className="text-xs text-muted">
                  set off by another rule ({f.depth} {f.depth === 1 ? "firing" : "firings"} deep)
                </p>
              ) : null}
            </Td>
            <Td>
              <FiringStatusBadge status={f.status} />
            </Td>
            <Td className="min-w-48 max-w-80 break-words text-muted">{f.reason ?? ""}</Td>
            <Td className="min-w-64 max-w-md">
              {f.results.length === 0 ? (
                <span className="text-muted">{f.status === "pending" || f.status === "running" ? "…" : "none"}</span>
              ) : (
                <ul className="flex flex-col gap-1.5">
                  {f.results.map((r, i) => (
                    <li key={i} className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                      <Badge tone={r.ok ? "success" : "danger"}>{r.ok ? "done" : "failed"}</Badge>
                      <span className="font-mono text-xs">{r.action}</span>
                      <span className="min-w-0 break-words">{r.message}</span>
                      {r.link ? (
                        <Link href={r.link} className="text-accent hover:underline">
                          Open
                        </Link>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
