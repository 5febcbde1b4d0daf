import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { pages } from "@/lib/routes";
import type { MonitorDto } from "@/lib/schemas/monitors";
import type { ActionResult } from "@/lib/action-result";
import { Card } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { OutcomeBadge } from "@/components/monitors/outcome-badge";
import { CreateMonitorButton } from "@/components/monitors/create-monitor-button";
import { baselineText } from "@/components/monitors/monitor-table";

/** The endpoint's deployments with their monitors' latest outcome, and a monitor in one click for the rest. */
export function DeploymentMonitors({
  workspace,
  endpoint,
  deployments,
  monitors,
  create,
}: {
  workspace: string;
  endpoint: string;
  deployments: string[];
  monitors: MonitorDto[];
  /** The one-click action per deployment; null for readers. */
  create: ((deployment: string) => () => Promise<ActionResult<{ name: string }>>) | null;
}) {
  return (
    <Card title="Model monitors">
      <p className="mb-2 text-xs text-muted">
        A monitor compares a deployment&apos;s collected inputs with its training data (drift per feature, data quality)
        and raises an alert beyond its thresholds. One click uses the data asset the model names in its dataset tag, a
        one-day window and Azure ML&apos;s default thresholds.
      </p>
      <Table aria-label="Model monitors by deployment">
        <thead>
          <tr>
            <Th>Deployment</Th>
            <Th>Monitor</Th>
            <Th>Baseline</Th>
            <Th>Latest</Th>
            <Th />
          </tr>
        </thead>
        <tbody>
          {deployments.flatMap((deployment) => {
            const own = monitors.filter((m) => m.deployment === deployment);
            if (!own.length)
              return [
                <Tr key={deployment}>
                  <Td className="font-medium">{deployment}</Td>
                  <Td className="text-muted" colSpan={3}>
                    Not monitored
                  </Td>
                  <Td className="text-right">
                    {create ? (
                      <div className="flex flex-col items-end gap-1">
                        <CreateMonitorButton
                          workspace={workspace}
                          deployment={deployment}
                          create={create(deployment)}
                        />
                        <Link
                          href={pages.newMonitor(workspace, { endpoint, deployment })}
                          className="text-xs text-accent hover:underline"
                        >
                          or set it up in full
                        </Link>
                      </div>
                    ) : null}
                  </Td>
                </Tr>,
              ];
            return own.map((m) => (
              <Tr key={m.id}>
                <Td className="font-medium">{deployment}</Td>
                <Td>
                  <Link href={pages.monitor(workspace, m.name)} className="text-accent hover:underline">
                    {m.name}
                  </Link>
                </Td>
                <Td className="text-xs">{baselineText(m.baseline)}</Td>
                <Td className="whitespace-nowrap">
                  <OutcomeBadge outcome={m.lastRun?.outcome ?? null} status={m.lastRun?.status} />
                  {m.lastRun ? <span className="ml-2 text-xs text-muted">{formatDateTime(m.lastRun.at)}</span> : null}
                </Td>
                <Td />
              </Tr>
            ));
          })}
        </tbody>
      </Table>
    </Card>
  );
}
