import "server-only";
import { formatDateTime } from "@/lib/format";
import { isClonable } from "@/lib/job-clone";
import type { Actor } from "@/server/auth/actor";
import { listJobs } from "@/server/jobs/list-jobs";
import { listPipelines } from "@/server/pipelines/list-pipelines";
import { listMonitors } from "@/server/monitoring/manage-monitors";

/** How many recent jobs the "job to run again" field suggests. */
const RECENT_JOBS = 100;

/** What the schedule form offers to run: the workspace's pipelines, and recent jobs that can run again. */
export async function loadScheduleFormChoices(actor: Actor, workspace: string) {
  const [pipelines, jobs, monitors] = await Promise.all([
    listPipelines(actor, workspace, { limit: 200 }),
    listJobs(actor, workspace, { limit: RECENT_JOBS }),
    listMonitors(actor, workspace, {}),
  ]);
  // Jobs that can run again: command jobs the studio ran, and pipeline jobs (steps are not listed).
  const runnable = jobs.items.filter((j) => isClonable(j) || (j.kind === "pipeline" && !j.parent));
  return {
    pipelines: pipelines
      .map((p) => ({ id: p.id, name: p.name, versionCount: p.versionCount }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    monitors: monitors.map((m) => ({ name: m.name, label: `${m.name} · ${m.endpoint}/${m.deployment}` })),
    jobs: runnable.map((j) => ({
      name: j.name,
      label: `${j.displayName || j.name} · ${j.kind} · ${j.experiment} · ${j.status} · ${formatDateTime(j.createdAt)}`,
    })),
  };
}
