import { apiRoute, json, readJson } from "@/server/http/api";
import { finishJobSchema } from "@/lib/schemas/jobs";
import { getJob } from "@/server/jobs/get-job";
import { finishExternalJob } from "@/server/jobs/finish-job";

type Params = { workspace: string; job: string };

export const GET = apiRoute<Params>(async ({ params, actor }) =>
  json(await getJob(actor, params.workspace, params.job)),
);

/** Finish a job logged from outside: {"status": "completed" | "failed" | "canceled", "reason"?}. */
export const PATCH = apiRoute<Params>(async ({ req, params, actor }) =>
  json(await finishExternalJob(actor, params.workspace, params.job, finishJobSchema.parse(await readJson(req)))),
);
