import { apiRoute, json, searchParamsOf } from "@/server/http/api";
import { getMetricHistory } from "@/server/jobs/get-job";

/** A metric's history, downsampled to `maxPoints` (default 1500) keeping first, last, min and max. */
export const GET = apiRoute<{ workspace: string; job: string; key: string[] }>(async ({ req, params, actor }) =>
  json(await getMetricHistory(actor, params.workspace, params.job, params.key.join("/"), searchParamsOf(req))),
);
