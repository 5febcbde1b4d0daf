import { apiRoute, json, readJson } from "@/server/http/api";
import { createJobSchema } from "@/lib/schemas/jobs";
import { createExternalJob } from "@/server/jobs/create-job";

/** Open a job that a script runs and logs from outside the studio. */
export const POST = apiRoute<{ workspace: string }>(async ({ req, params, actor }) =>
  json(await createExternalJob(actor, params.workspace, createJobSchema.parse(await readJson(req))), 201),
);
