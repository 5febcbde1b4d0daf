import Link from "next/link";
import { describeAction } from "@/lib/event-labels";
import { formatDateTime } from "@/lib/format";
import { pages } from "@/lib/routes";
import { EmptyState } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";

type EventRow = {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: { type: string; id: string | null; label: string };
  scope: { kind: "workspace" | "registry"; name: string } | null;
  reason: string | null;
  data: Record<string, unknown>;
};

function details(event: EventRow): string | null {
  const d = event.data;
  if (event.action === "model.version.tags_updated") {
    const parts = [
      ...(Array.isArray(d.added) && d.added.length ? [`added ${d.added.join(", ")}`] : []),
      ...(Array.isArray(d.changed) && d.changed.length ? [`changed ${d.changed.join(", ")}`] : []),
      ...(Array.isArray(d.removed) && d.removed.length ? [`removed ${d.removed.join(", ")}`] : []),
    ];
    return parts.join("; ") || null;
  }
  if (event.action.startsWith("member.")) {
    return (
      [d.previousRole ? `was ${String(d.previousRole)}` : null, d.role ? `now ${String(d.role)}` : null]
        .filter(Boolean)
        .join(", ") || null
    );
  }
  if (event.action === "model.version.shared")
    return `as ${String(d.registryVersion)} in registry ${String(d.registry)}`;
  if (event.action === "model.version.registered") {
    const origin = d.publishedFrom
      ? `from ${String(d.publishedFrom)}`
      : d.publishedFromHidden
        ? "from a workspace you are not a member of"
        : null;
    return [`${String(d.files)} file${d.files === 1 ? "" : "s"}`, origin].filter(Boolean).join(", ");
  }
  return null;
}

export function EventTable({
  events,
  label = "Events",
  showScope = true,
}: {
  events: EventRow[];
  label?: string;
  showScope?: boolean;
}) {
  if (events.length === 0) return <EmptyState title="No events">Nothing has been recorded that matches.</EmptyState>;
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Who</Th>
          <Th>What</Th>
          {showScope ? <Th>Where</Th> : null}
          <Th>Reason</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const detail = details(e);
          const isVersion = e.subject.type === "model_version" && e.scope && e.action !== "model.version.deleted";
          const [name, version] = e.subject.label.split(":");
          return (
            <Tr key={e.id}>
              <Td className="whitespace-nowrap text-muted">{formatDateTime(e.at)}</Td>
              <Td className="max-w-56 truncate">{e.actor}</Td>
              <Td>
                {describeAction(e.action)}{" "}
                {isVersion && e.scope ? (
                  <Link
                    className="font-medium text-accent hover:underline"
                    href={pages.assetVersion(e.scope, "models", name, version)}
                  >
                    {e.subject.label}
                  </Link>
                ) : (
                  <span className="font-medium">{e.subject.label}</span>
                )}
                {detail ? <span className="block text-xs text-muted">{detail}</span> : null}
              </Td>
              {showScope ? (
                <Td className="whitespace-nowrap text-muted">
                  {e.scope ? `${e.scope.kind} ${e.scope.name}` : "account"}
                </Td>
              ) : null}
              <Td className="max-w-72 text-muted">{e.reason ?? ""}</Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}
