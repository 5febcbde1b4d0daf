import "server-only";
import type { NextRequest } from "next/server";
import { apiRoute, json, readJson, searchParamsOf } from "@/server/http/api";
import { createPipeline } from "@/server/pipelines/create-pipeline";
import { getPipeline } from "@/server/pipelines/get-pipeline";
import { listPipelines } from "@/server/pipelines/list-pipelines";
import { savePipeline } from "@/server/pipelines/save-pipeline";
import { clonePipeline } from "@/server/pipelines/clone-pipeline";
import { copyPipeline } from "@/server/pipelines/copy-pipeline";
import { deletePipeline } from "@/server/pipelines/delete-pipeline";
import {
  createPipelineSchema,
  MAX_PIPELINE_GRAPH_BYTES,
  savePipelineSchema,
  submitPipelineSchema,
} from "@/lib/schemas/pipelines";
import { submitPipeline } from "@/server/pipelines/submit-pipeline";
import { resubmitJob } from "@/server/jobs/resubmit-job";
import { exportPipelineYaml } from "@/server/pipelines/export-pipeline";
import { importPipeline } from "@/server/pipelines/import-pipeline";
import { clonePipelineJob } from "@/server/pipelines/clone-pipeline-job";
import { contentDisposition } from "@/server/http/downloads";
import { withUpload } from "@/server/http/upload";
import { expandZipUpload } from "@/server/artifacts/expand-zip";
import { requireScope } from "@/server/scopes/scope-access";

type WorkspaceParams = { workspace: string };

/** A submit's options; an empty body submits with the defaults. */
const submitBodyOf = async (req: NextRequest) =>
  submitPipelineSchema.parse((req.headers.get("content-length") ?? "0") === "0" ? {} : await readJson(req));
type PipelineParams = WorkspaceParams & { pipeline: string };

/** Route handlers for pipeline drafts: list, create, open, save (autosave), clone, delete. */
export const pipelineRoutes = {
  list: apiRoute<WorkspaceParams>(async ({ req, params, actor }) =>
    json({ items: await listPipelines(actor, params.workspace, searchParamsOf(req)) }),
  ),
  create: apiRoute<WorkspaceParams>(async ({ req, params, actor }) =>
    json(
      await createPipeline(
        actor,
        params.workspace,
        createPipelineSchema.parse(await readJson(req, MAX_PIPELINE_GRAPH_BYTES + 64 * 1024)),
      ),
      201,
    ),
  ),
  get: apiRoute<PipelineParams>(async ({ params, actor }) =>
    json(await getPipeline(actor, params.workspace, params.pipeline)),
  ),
  save: apiRoute<PipelineParams>(async ({ req, params, actor }) =>
    json(
      await savePipeline(
        actor,
        params.workspace,
        params.pipeline,
        savePipelineSchema.parse(await readJson(req, MAX_PIPELINE_GRAPH_BYTES + 64 * 1024)),
      ),
    ),
  ),
  /** To another workspace: without `confirm` a report of every reference; with it, the copy (201). */
  copy: apiRoute<PipelineParams>(async ({ req, params, actor }) => {
    const copied = await copyPipeline(actor, params.workspace, params.pipeline, await readJson(req));
    return json(copied, copied.pipeline ? 201 : 200);
  }),
  clone: apiRoute<PipelineParams>(async ({ params, actor }) =>
    json(await clonePipeline(actor, params.workspace, params.pipeline), 201),
  ),
  submit: apiRoute<PipelineParams>(async ({ req, params, actor }) => {
    return json(await submitPipeline(actor, params.workspace, params.pipeline, await submitBodyOf(req)), 201);
  }),
  exportYaml: apiRoute<PipelineParams>(async ({ params, actor }) => {
    const { fileName, yaml } = await exportPipelineYaml(actor, params.workspace, params.pipeline);
    return new Response(yaml, {
      headers: {
        "Content-Type": "application/yaml; charset=utf-8",
        "Content-Disposition": contentDisposition(fileName),
      },
    });
  }),
  /**
   * Multipart: the folder (or its files) with the pipeline YAML, its component YAMLs and their code
   * folders, or one .zip of them; field `pipelinePath` to pick the YAML.
   */
  importYaml: apiRoute<WorkspaceParams>(async ({ req, params, actor }) => {
    const { pipeline, warnings } = await withUpload(
      req,
      () => requireScope(actor, { kind: "workspace", name: params.workspace }, "write"),
      async ({ fields, files, holds }) =>
        importPipeline(actor, params.workspace, await expandZipUpload(files, holds), {
          pipelinePath: fields.pipelinePath || undefined,
        }),
    );
    return json({ ...pipeline, warnings }, 201);
  }),
  resubmitJob: apiRoute<{ workspace: string; job: string }>(async ({ req, params, actor }) => {
    return json(await resubmitJob(actor, params.workspace, params.job, await submitBodyOf(req)), 201);
  }),
  cloneJob: apiRoute<{ workspace: string; job: string }>(async ({ params, actor }) =>
    json(await clonePipelineJob(actor, params.workspace, params.job), 201),
  ),
  remove: apiRoute<PipelineParams>(async ({ params, actor }) => {
    await deletePipeline(actor, params.workspace, params.pipeline);
    return new Response(null, { status: 204 });
  }),
};
