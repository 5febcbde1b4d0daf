import "server-only";
import { db } from "@/server/db";
import type { ScopeKind, ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toDetailDto } from "@/server/models/model-dto";
import type { ModelVersionPageDto } from "@/lib/schemas/dto";
import { findVersionOrThrow } from "@/server/models/find-version";
import { membershipsOf } from "@/server/scopes/visibility";
import { getJob } from "@/server/jobs/get-job";
import { isAppError } from "@/lib/errors";

export type { ModelVersionPageDto } from "@/lib/schemas/dto";

export async function getModelVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number,
): Promise<ModelVersionPageDto> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findVersionOrThrow(db, scope.id, name, version);
  const copies = await db.modelVersion.findMany({
    where: { sourceVersionId: row.id, model: { scope: { memberships: { some: { userId: actor.userId } } } } },
    select: { name: true, version: true, model: { select: { scope: { select: { kind: true, name: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  const members = await membershipsOf(actor);
  const detail = toDetailDto(row, scope, members);
  // A registry copy's job lives in the workspace it was published from (named only if the reader is a member there).
  const origin = detail.publishedFrom;
  const jobScope =
    scope.kind === "workspace"
      ? scope.name
      : origin?.isVisible && origin.scope?.kind === "workspace"
        ? origin.scope.name
        : null;
  const isSourceHidden = scope.kind === "registry" && origin !== null && !origin.isVisible;
  return {
    ...detail,
    source: isSourceHidden && detail.source ? { jobId: null, runUrl: detail.source.runUrl } : detail.source,
    sourceJob: row.sourceJobId && jobScope ? await findSourceJob(actor, jobScope, row.sourceJobId) : null,
    sharedTo: copies.map((c) => ({
      scope: { kind: c.model.scope.kind as ScopeKind, name: c.model.scope.name },
      name: c.name,
      version: c.version,
    })),
  };
}

/** The source job, if it is a job of this studio that the actor may read (a free-text id otherwise). */
async function findSourceJob(
  actor: Actor,
  workspace: string,
  jobName: string,
): Promise<ModelVersionPageDto["sourceJob"]> {
  try {
    const job = await getJob(actor, workspace, jobName);
    return {
      workspace,
      name: job.name,
      displayName: job.displayName,
      status: job.status,
      experiment: job.experiment,
      git: job.git,
      environment: job.environment,
      dataInputs: Object.entries(job.inputs).flatMap(([name, input]) =>
        input.type === "data" ? [{ name, asset: input.asset }] : [],
      ),
    };
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found" || error.code === "forbidden")) return null;
    throw error;
  }
}
