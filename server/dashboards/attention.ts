import "server-only";
import type { EventDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { listEvents } from "@/server/events/list-events";

// What needs attention, across the workspaces and registries the reader belongs to, over the last week: jobs and
// deployments that failed, monitors that raised an alert, and what was promoted (or refused) lately. Read
// through the audit trail, so visibility is the Activity page's.

const WEEK_MS = 7 * 86_400_000;
const LIMIT = 20;

export type Attention = {
  failedJobs: EventDto[];
  failedDeployments: EventDto[];
  monitorAlerts: EventDto[];
  promotions: EventDto[];
};

export async function needsAttention(actor: Actor, now = new Date()): Promise<Attention> {
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  const recent = async (action: string, keep: (e: EventDto) => boolean = () => true) =>
    (await listEvents(actor, { action, since, limit: 100 })).items.filter(keep).slice(0, LIMIT);
  const [failedJobs, failedDeployments, monitorAlerts, promotions] = await Promise.all([
    recent("job.failed"),
    recent("deployment.failed"),
    recent("monitor.alert"),
    recent("promotion.", (e) =>
      ["promotion.applied", "promotion.rejected", "promotion.apply_failed"].includes(e.action),
    ),
  ]);
  return { failedJobs, failedDeployments, monitorAlerts, promotions };
}
