import "server-only";
import { NextResponse } from "next/server";
import { parseCreateSchedule, updateScheduleSchema } from "@/lib/schemas/schedules";
import { apiRoute, json, readJson, searchParamsOf } from "@/server/http/api";
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listScheduleRuns,
  listSchedules,
  previewSchedule,
  updateSchedule,
} from "@/server/schedules/manage-schedules";
import { runScheduleNow } from "@/server/schedules/fire-schedules";

// /workspaces/{workspace}/schedules: schedules, "run now", their runs, and a preview of fire times.
type WorkspaceParams = { workspace: string };
type ScheduleParams = WorkspaceParams & { id: string };

export const scheduleRoutes = {
  list: apiRoute<WorkspaceParams>(async ({ params, actor }) => json(await listSchedules(actor, params.workspace))),
  create: apiRoute<WorkspaceParams>(async ({ req, params, actor }) =>
    json(await createSchedule(actor, params.workspace, parseCreateSchedule(await readJson(req))), 201),
  ),
  preview: apiRoute<WorkspaceParams>(async ({ req, params, actor }) =>
    json(await previewSchedule(actor, params.workspace, await readJson(req))),
  ),
  get: apiRoute<ScheduleParams>(async ({ params, actor }) =>
    json(await getSchedule(actor, params.workspace, params.id)),
  ),
  update: apiRoute<ScheduleParams>(async ({ req, params, actor }) =>
    json(await updateSchedule(actor, params.workspace, params.id, updateScheduleSchema.parse(await readJson(req)))),
  ),
  remove: apiRoute<ScheduleParams>(async ({ params, actor }) => {
    await deleteSchedule(actor, params.workspace, params.id);
    return new NextResponse(null, { status: 204 });
  }),
  run: apiRoute<ScheduleParams>(async ({ params, actor }) =>
    json(await runScheduleNow(actor, params.workspace, params.id), 201),
  ),
  runs: apiRoute<ScheduleParams>(async ({ req, params, actor }) =>
    json(await listScheduleRuns(actor, params.workspace, params.id, searchParamsOf(req))),
  ),
};
