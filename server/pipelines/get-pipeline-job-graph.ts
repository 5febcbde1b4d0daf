import "server-only";
import { readPipelineJobSpec } from "@/server/jobs/stored-job-spec";
import { db } from "@/server/db";
import { conflict } from "@/lib/errors";
import type { PipelineGraph } from "@/lib/pipeline/types";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobOrThrow } from "@/server/jobs/find-job";

/** The graph a pipeline job ran, as it was submitted. */
export async function getPipelineJobGraph(actor: Actor, workspace: string, jobName: string): Promise<PipelineGraph> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const job = await findJobOrThrow(db, scope.id, jobName);
  if (job.kind !== "pipeline") throw conflict(`Job "${jobName}" is not a pipeline job.`);
  return readPipelineJobSpec(job.spec).graph;
}
