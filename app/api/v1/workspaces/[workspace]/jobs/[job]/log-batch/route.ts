import { apiRoute, json, readJson } from "@/server/http/api";
import type { LogBatchInput } from "@/lib/schemas/jobs";
import { logBatch } from "@/server/jobs/log-batch";

/** Metrics, params and tags in one request (MLflow's limits: 1000 / 100 / 100, and 1 MB). */
export const POST = apiRoute<{ workspace: string; job: string }>(async ({ req, params, actor }) =>
  // logBatch validates the body against logBatchSchema itself (a plain pass for the points, zod for the
  // rest and for anything unusual); parsing it here as well cost ~2.5 ms per 1000 points.
  json({ logged: await logBatch(actor, params.workspace, params.job, (await readJson(req)) as LogBatchInput) }),
);
