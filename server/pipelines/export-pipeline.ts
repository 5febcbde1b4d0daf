import "server-only";
import { db } from "@/server/db";
import { graphToPipelineYaml } from "@/lib/pipeline/pipeline-yaml-write";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findPipelineRow } from "@/server/pipelines/find-pipeline";
import { parseStoredGraph } from "@/server/pipelines/pipeline-dto";

/** A draft as an Azure ML pipeline-job YAML, its components referenced as `azureml:<name>:<version>`. */
export async function exportPipelineYaml(
  actor: Actor,
  workspace: string,
  id: string,
): Promise<{ fileName: string; yaml: string }> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const row = await findPipelineRow(db, scope, id);
  const yaml = graphToPipelineYaml(parseStoredGraph(row.graph), {
    name: row.name,
    description: row.description || null,
    experimentName: row.experimentName,
  });
  const base = row.name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "pipeline";
  return { fileName: `${base}.yml`, yaml };
}
