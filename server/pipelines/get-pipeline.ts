import "server-only";
import { db } from "@/server/db";
import type { PipelineDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toPipelineDto } from "@/server/pipelines/pipeline-dto";
import { findPipelineRow } from "@/server/pipelines/find-pipeline";

export async function getPipeline(actor: Actor, workspace: string, id: string): Promise<PipelineDto> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  return toPipelineDto(db, scope, await findPipelineRow(db, scope, id));
}
