import Link from "next/link";
import { pages } from "@/lib/routes";
import type { ScheduleDto } from "@/lib/schemas/schedules";
import { Badge } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { ScheduleTargetText } from "@/components/schedules/schedule-target";
import { ZonedTime } from "@/components/schedules/zoned-time";

/** A workspace's schedules: when each fires, what it runs, whether it is on, and who made it. */
export function ScheduleTable({
  workspace,
  schedules,
  pipelineNames,
}: {
  workspace: string;
  schedules: ScheduleDto[];
  /** Pipeline names by id, for targets that are pipelines. */
  pipelineNames: Record<string, string>;
}) {
  return (
    <Table aria-label="Schedules">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>When</Th>
          <Th>What it runs</Th>
          <Th>Status</Th>
          <Th>Next run</Th>
          <Th>Last fired</Th>
          <Th>Created by</Th>
        </tr>
      </thead>
      <tbody>
        {schedules.map((s) => (
          <Tr key={s.id}>
            <Td className="min-w-40 max-w-64 font-medium">
              <Link href={pages.schedule(workspace, s.id)} className="break-words text-accent hover:underline">
                {s.name}
              </Link>
              {s.description ? (
                <p className="truncate text-xs font-normal text-muted" title={s.description}>
                  {s.description}
                </p>
              ) : null}
            </Td>
            <Td className="min-w-48 max-w-72">{s.summary}</Td>
            <Td className="min-w-48 max-w-72">
              <ScheduleTargetText
                workspace={workspace}
                target={s.target}
                pipelineName={s.target.kind === "pipeline" ? pipelineNames[s.target.pipeline] : null}
              />
            </Td>
            <Td>{s.isEnabled ? <Badge tone="success">enabled</Badge> : <Badge tone="warning">disabled</Badge>}</Td>
            <Td className="whitespace-nowrap text-muted">
              {s.nextFireAt ? <ZonedTime iso={s.nextFireAt} zone={s.timeZone} /> : s.isEnabled ? "never again" : "—"}
            </Td>
            <Td className="whitespace-nowrap text-muted">
              {s.lastFiredAt ? <ZonedTime iso={s.lastFiredAt} zone={s.timeZone} /> : "never"}
            </Td>
            <Td className="text-muted">{s.createdBy}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
