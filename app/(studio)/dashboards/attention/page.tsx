import { requirePageActor } from "@/server/auth/session";
import { needsAttention } from "@/server/dashboards/attention";
import { Card } from "@/components/ui/misc";
import { EventTable } from "@/components/events/event-table";
import { DashboardHeader } from "@/app/(studio)/dashboards/dashboard-header";
import type { EventDto } from "@/lib/schemas/dto";

export const metadata = { title: "Needs attention" };

function Section({ title, events, empty }: { title: string; events: EventDto[]; empty: string }) {
  return (
    <Card title={`${title} (${events.length})`}>
      {events.length ? <EventTable events={events} label={title} /> : <p className="text-sm text-muted">{empty}</p>}
    </Card>
  );
}

/** Failed jobs and deployments, monitor alerts and recent promotions, over the last seven days. */
export default async function AttentionPage() {
  const actor = await requirePageActor();
  const attention = await needsAttention(actor);
  return (
    <>
      <DashboardHeader current="attention" />
      <p className="mb-3 text-xs text-muted">The last seven days, in the workspaces and registries you belong to.</p>
      <div className="flex flex-col gap-4">
        <Section title="Monitor alerts" events={attention.monitorAlerts} empty="No monitor raised an alert." />
        <Section title="Failed deployments" events={attention.failedDeployments} empty="No deployment failed." />
        <Section title="Failed jobs" events={attention.failedJobs} empty="No job failed." />
        <Section title="Promotions" events={attention.promotions} empty="Nothing was promoted or refused." />
      </div>
    </>
  );
}
