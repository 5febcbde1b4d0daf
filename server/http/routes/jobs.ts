import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { registerFromOutputSchema, submitCommandJobSchema } from "@/lib/schemas/jobs";
import { apiRoute, json, readJson, searchParamsOf } from "@/server/http/api";
import { requireScope } from "@/server/scopes/scope-access";
import { fileResponse, zipResponse } from "@/server/http/downloads";
import { jsonField, withUpload } from "@/server/http/upload";
import { cancelJob } from "@/server/jobs/cancel-job";
import { getJobLogs } from "@/server/jobs/get-job-logs";
import { listJobFiles, openJobFile, zipJobFiles, type JobFileSet } from "@/server/jobs/job-files";
import { registerModelFromOutput } from "@/server/jobs/register-model-from-output";
import { submitCommandJob } from "@/server/jobs/submit-command-job";
import { submitCommandJobYaml } from "@/server/jobs/submit-job-yaml";
import { authorizeJobOutputUpload, uploadJobOutputFiles } from "@/server/jobs/upload-job-output";
import { submitExampleJob } from "@/server/jobs/examples";
import { modelsFromJob } from "@/server/lineage/models-from-job";

type JobParams = { workspace: string; job: string };
type OutputParams = JobParams & { output: string };
type PathParams = { path: string[] };

const isMultipart = (req: NextRequest) =>
  (req.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");

/** Route handlers for command jobs: submit, cancel, logs, code and outputs. */
export const jobRoutes = {
  /**
   * JSON (a job with no code, or {"example": name}), or multipart: field `spec` (JSON) and `files` (the code
   * folder), or field `yamlPath` naming an Azure ML command job YAML among `files` (the YAML's folder).
   */
  submit: apiRoute<{ workspace: string }>(async ({ req, params, actor }) => {
    if (isMultipart(req)) {
      const job = await withUpload(
        req,
        () => requireScope(actor, { kind: "workspace", name: params.workspace }, "write"),
        async (upload) => {
          // Azure ML's command job YAML in a folder upload (`yamlPath` names it): the answer adds its warnings.
          if (upload.fields.yamlPath !== undefined) {
            const { job, warnings } = await submitCommandJobYaml(
              actor,
              params.workspace,
              upload.fields.yamlPath,
              upload.files,
            );
            return { ...job, warnings };
          }
          const spec = jsonField(upload.fields, "spec");
          if (spec === undefined)
            throw new AppError("invalid", 'Send the job as a JSON field "spec" next to the code files.', {
              field: "spec",
            });
          return submitCommandJob(actor, params.workspace, submitCommandJobSchema.parse(spec), upload.files);
        },
      );
      return json(job, 201);
    }
    const body = (await readJson(req)) as Record<string, unknown> | null;
    if (body && typeof body === "object" && "example" in body)
      return json(await submitExampleJob(actor, params.workspace, body), 201);
    return json(await submitCommandJob(actor, params.workspace, submitCommandJobSchema.parse(body)), 201);
  }),

  cancel: apiRoute<JobParams>(async ({ req, params, actor }) => {
    const reason = req.nextUrl.searchParams.get("reason") ?? undefined;
    return json(await cancelJob(actor, params.workspace, params.job, reason?.slice(0, 1000)));
  }),

  logs: apiRoute<JobParams>(async ({ req, params, actor }) =>
    json(await getJobLogs(actor, params.workspace, params.job, searchParamsOf(req))),
  ),

  /** The model versions registered from the job (and their registry copies the reader can see). */
  models: apiRoute<JobParams>(async ({ params, actor }) =>
    json(await modelsFromJob(actor, params.workspace, params.job)),
  ),

  listCode: apiRoute<JobParams>(async ({ params, actor }) =>
    json({ files: await listJobFiles(actor, params.workspace, params.job, { kind: "code" }) }),
  ),
  codeFile: apiRoute<JobParams & PathParams>(async ({ params, actor }) =>
    fileResponse(await openJobFile(actor, params.workspace, params.job, { kind: "code" }, params.path.join("/"))),
  ),
  codeZip: apiRoute<JobParams>(async ({ params, actor }) =>
    zipResponse(await zipJobFiles(actor, params.workspace, params.job, { kind: "code" })),
  ),

  listOutput: apiRoute<OutputParams>(async ({ params, actor }) =>
    json({ files: await listJobFiles(actor, params.workspace, params.job, outputSet(params)) }),
  ),
  uploadOutput: apiRoute<OutputParams>(async ({ req, params, actor }) => {
    const files = await withUpload(
      req,
      () => authorizeJobOutputUpload(actor, params.workspace, params.job, params.output),
      (upload) => uploadJobOutputFiles(actor, params.workspace, params.job, params.output, upload.files),
    );
    return json({ files }, 201);
  }),
  outputFile: apiRoute<OutputParams & PathParams>(async ({ params, actor }) =>
    fileResponse(await openJobFile(actor, params.workspace, params.job, outputSet(params), params.path.join("/"))),
  ),
  outputZip: apiRoute<OutputParams>(async ({ params, actor }) =>
    zipResponse(await zipJobFiles(actor, params.workspace, params.job, outputSet(params))),
  ),
  registerModel: apiRoute<OutputParams>(async ({ req, params, actor }) =>
    json(
      await registerModelFromOutput(
        actor,
        params.workspace,
        params.job,
        params.output,
        registerFromOutputSchema.parse(await readJson(req)),
      ),
      201,
    ),
  ),
};

function outputSet(params: OutputParams): JobFileSet {
  return { kind: "output", output: params.output };
}
