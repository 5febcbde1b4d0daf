import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute, json, readJson, searchParamsOf } from "@/server/http/api";
import {
  createMonitor,
  deleteMonitor,
  getMonitor,
  getMonitorRun,
  listMonitorRuns,
  listMonitors,
  monitorTrend,
  runMonitor,
  updateMonitor,
} from "@/server/monitoring/manage-monitors";

// /workspaces/{workspace}/monitors: model monitors, their runs (queued by POST …/run), each run's results
// per signal and feature, and one metric's trend across runs.
type WorkspaceParams = { workspace: string };
type MonitorParams = WorkspaceParams & { monitor: string };
type RunParams = MonitorParams & { run: string };

/** `?wait=<seconds>` on POST …/run: answer once the run has finished, for scripts and tests (at most 120 s). */
const waitSchema = z.object({ wait: z.coerce.number().min(0).max(120).default(0) });

export const monitorRoutes = {
  list: apiRoute<WorkspaceParams>(async ({ req, params, actor }) =>
    json({ items: await listMonitors(actor, params.workspace, searchParamsOf(req)) }),
  ),
  create: apiRoute<WorkspaceParams>(async ({ req, params, actor }) =>
    json(await createMonitor(actor, params.workspace, await readJson(req)), 201),
  ),
  get: apiRoute<MonitorParams>(async ({ params, actor }) =>
    json(await getMonitor(actor, params.workspace, params.monitor)),
  ),
  update: apiRoute<MonitorParams>(async ({ req, params, actor }) =>
    json(await updateMonitor(actor, params.workspace, params.monitor, await readJson(req))),
  ),
  remove: apiRoute<MonitorParams>(async ({ params, actor }) => {
    await deleteMonitor(actor, params.workspace, params.monitor);
    return new NextResponse(null, { status: 204 });
  }),
  run: apiRoute<MonitorParams>(async ({ req, params, actor }) => {
    const { wait } = waitSchema.parse(searchParamsOf(req));
    const queued = await runMonitor(actor, params.workspace, params.monitor, await readJson(req, undefined, true));
    const deadline = Date.now() + wait * 1000;
    while (Date.now() < deadline) {
      const run = await getMonitorRun(actor, params.workspace, params.monitor, queued.id);
      if (run.status === "succeeded" || run.status === "failed") return json(run, 201);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return json(queued, 201);
  }),
  runs: apiRoute<MonitorParams>(async ({ params, actor }) =>
    json({ items: await listMonitorRuns(actor, params.workspace, params.monitor) }),
  ),
  getRun: apiRoute<RunParams>(async ({ params, actor }) =>
    json(await getMonitorRun(actor, params.workspace, params.monitor, params.run)),
  ),
  trend: apiRoute<MonitorParams>(async ({ req, params, actor }) =>
    json({ points: await monitorTrend(actor, params.workspace, params.monitor, searchParamsOf(req)) }),
  ),
};
