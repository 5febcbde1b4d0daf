import { apiRoute, json, readJson } from "@/server/http/api";
import { logBatchSchema } from "@/lib/schemas/jobs";
import { logBatch } from "@/server/jobs/log-batch";

/** Metrics, params and tags in one request (MLflow's limits: 1000 / 100 / 100, and 1 MB). */
export const POST = apiRoute<{ workspace: string; job: string }>(async ({ req, params, actor }) =>
  json({ logged: await logBatch(actor, params.workspace, params.job, logBatchSchema.parse(await readJson(req))) }),
);
