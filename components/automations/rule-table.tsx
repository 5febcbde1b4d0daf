import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { pages } from "@/lib/routes";
import type { RuleDto } from "@/lib/schemas/automations";
import { Badge } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { describeActions, describeTrigger, type RuleTargetNames } from "@/components/automations/describe-rule";

export function RuleEnabledBadge({ isEnabled }: { isEnabled: boolean }) {
  return isEnabled ? <Badge tone="success">enabled</Badge> : <Badge tone="warning">disabled</Badge>;
}

/** A workspace's rules: when each acts, what it does, whether it is on, when it last did, who made it. */
export function RuleTable({
  workspace,
  rules,
  names,
}: {
  workspace: string;
  rules: RuleDto[];
  names: RuleTargetNames;
}) {
  return (
    <Table aria-label="Automation rules">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>When</Th>
          <Th>Then</Th>
          <Th>Status</Th>
          <Th>Last fired</Th>
          <Th>Created by</Th>
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <Tr key={r.id}>
            <Td className="min-w-40 max-w-64 font-medium">
              <Link href={pages.automation(workspace, r.id)} className="text-accent hover:underline">
                {r.name}
              </Link>
              {r.description ? (
                <p className="line-clamp-2 text-xs font-normal text-muted" title={r.description}>
                  {r.description}
                </p>
              ) : null}
            </Td>
            <Td className="min-w-56 max-w-96 break-words">{describeTrigger(r.trigger)}</Td>
            <Td className="min-w-56 max-w-96 break-words">
              {describeActions(r.actions, { names, author: r.createdBy, isShort: true })}
            </Td>
            <Td>
              <RuleEnabledBadge isEnabled={r.isEnabled} />
            </Td>
            <Td className="whitespace-nowrap text-muted">{r.lastFiredAt ? formatDateTime(r.lastFiredAt) : "never"}</Td>
            <Td className="whitespace-nowrap text-muted">{r.createdBy}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
