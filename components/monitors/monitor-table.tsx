import Link from "next/link";
import { pages } from "@/lib/routes";
import { formatDateTime } from "@/lib/format";
import type { MonitorDto } from "@/lib/schemas/monitors";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { OutcomeBadge } from "@/components/monitors/outcome-badge";

export function baselineText(baseline: MonitorDto["baseline"]): string {
  return baseline.kind === "data"
    ? `data ${baseline.data}`
    : `traffic: ${baseline.window} ending ${baseline.offset} before`;
}

/** A workspace's monitors: what each watches, against what, and how its last run went. */
export function MonitorTable({ workspace, monitors }: { workspace: string; monitors: MonitorDto[] }) {
  return (
    <Table aria-label="Monitors">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Deployment</Th>
          <Th>Model</Th>
          <Th>Baseline</Th>
          <Th>Window</Th>
          <Th>Last run</Th>
        </tr>
      </thead>
      <tbody>
        {monitors.map((m) => (
          <Tr key={m.id}>
            <Td className="min-w-40 font-medium">
              <Link href={pages.monitor(workspace, m.name)} className="break-words text-accent hover:underline">
                {m.name}
              </Link>
              {m.isEnabled ? null : <span className="ml-2 text-xs text-muted">(off)</span>}
            </Td>
            <Td>
              <Link
                href={pages.endpoint(workspace, m.endpoint, { tab: "monitoring" })}
                className="text-accent hover:underline"
              >
                {m.endpoint}/{m.deployment}
              </Link>
            </Td>
            <Td className="whitespace-nowrap">{m.model}</Td>
            <Td className="min-w-40">{baselineText(m.baseline)}</Td>
            <Td className="whitespace-nowrap">{m.window === "since_last_run" ? "since last run" : m.window}</Td>
            <Td className="whitespace-nowrap">
              <OutcomeBadge outcome={m.lastRun?.outcome ?? null} status={m.lastRun?.status} />
              {m.lastRun ? <span className="ml-2 text-xs text-muted">{formatDateTime(m.lastRun.at)}</span> : null}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
