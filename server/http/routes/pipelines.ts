import "server-only";
import { apiRoute, json, readJson, searchParamsOf } from "@/server/http/api";
import { createPipeline } from "@/server/pipelines/create-pipeline";
import { getPipeline } from "@/server/pipelines/get-pipeline";
import { listPipelines } from "@/server/pipelines/list-pipelines";
import { savePipeline } from "@/server/pipelines/save-pipeline";
import { clonePipeline } from "@/server/pipelines/clone-pipeline";
import { deletePipeline } from "@/server/pipelines/delete-pipeline";
import { MAX_PIPELINE_GRAPH_BYTES } from "@/lib/schemas/pipelines";

type WorkspaceParams = { workspace: string };
type PipelineParams = WorkspaceParams & { pipeline: string };

/** Route handlers for pipeline drafts: list, create, open, save (autosave), clone, delete. */
export const pipelineRoutes = {
  list: apiRoute<WorkspaceParams>(async ({ req, params, actor }) => json({ items: await listPipelines(actor, params.workspace, searchParamsOf(req)) })),
  create: apiRoute<WorkspaceParams>(async ({ req, params, actor }) =>
    json(await createPipeline(actor, params.workspace, (await readJson(req, MAX_PIPELINE_GRAPH_BYTES + 64 * 1024)) as never), 201),
  ),
  get: apiRoute<PipelineParams>(async ({ params, actor }) => json(await getPipeline(actor, params.workspace, params.pipeline))),
  save: apiRoute<PipelineParams>(async ({ req, params, actor }) =>
    json(await savePipeline(actor, params.workspace, params.pipeline, (await readJson(req, MAX_PIPELINE_GRAPH_BYTES + 64 * 1024)) as never)),
  ),
  clone: apiRoute<PipelineParams>(async ({ params, actor }) => json(await clonePipeline(actor, params.workspace, params.pipeline), 201)),
  remove: apiRoute<PipelineParams>(async ({ params, actor }) => {
    await deletePipeline(actor, params.workspace, params.pipeline);
    return new Response(null, { status: 204 });
  }),
};
