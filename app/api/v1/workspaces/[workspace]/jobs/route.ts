import { apiRoute, json, readJson, searchParamsOf } from "@/server/http/api";
import { listJobs } from "@/server/jobs/list-jobs";
import { createJobSchema } from "@/lib/schemas/jobs";
import { createExternalJob } from "@/server/jobs/create-job";

/** Open a job that a script runs and logs from outside the studio. */
export const POST = apiRoute<{ workspace: string }>(async ({ req, params, actor }) =>
  json(await createExternalJob(actor, params.workspace, createJobSchema.parse(await readJson(req))), 201),
);

/** Jobs: ?experiment=&status=&filter=metrics.acc > 0.9 and params.lr = 0.01&sort=metrics.acc.max:desc&cursor=&limit= */
export const GET = apiRoute<{ workspace: string }>(async ({ req, params, actor }) =>
  json(await listJobs(actor, params.workspace, searchParamsOf(req))),
);
