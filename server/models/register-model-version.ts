import "server-only";
import { db, type Tx } from "@/server/db";
import { invalid } from "@/lib/errors";
import { checkUploadPaths } from "@/lib/file-paths";
import { registerModelVersionSchema, type RegisterModelVersionInput } from "@/lib/schemas/models";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";

import { artifactStore } from "@/server/artifacts/store";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { captureLineage, writeLineage, type CapturedLineage } from "@/server/lineage/capture-lineage";
import {
  toDetailDto,
  versionDetailInclude,
  type ModelVersionDto,
  type VersionDetailRow,
} from "@/server/models/model-dto";

/** A file whose bytes are already in the artifact store. */
export type NewModelFile = { path: string; sha256: string; size: number };

/** Lineage kept when a version is a copy of another one (publishing to a registry). */
export type VersionOrigin = {
  versionId: string;
  scope: ScopeRef;
  name: string;
  version: number;
  publishedBy: string;
  reason: string;
};

/**
 * Registers the next version of a model (creating the model on its first version). The version number
 * comes from a per-model counter bumped by an atomic upsert inside the transaction, so concurrent
 * registrations of one name get 1..n with no gap and no repeat, and a failed registration rolls its
 * number back.
 */
export async function registerModelVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  input: RegisterModelVersionInput,
  files: NewModelFile[],
): Promise<ModelVersionDto> {
  const data = registerModelVersionSchema.parse(input);
  const pathCheck = checkUploadPaths(files.map((f) => f.path));
  if (!pathCheck.ok) throw invalid(pathCheck.message);
  for (const file of files) {
    if (!(await artifactStore.has(file.sha256)))
      throw invalid(`The bytes of "${file.path}" are not in the artifact store.`);
  }
  const scope = await requireScope(actor, scopeRef, "write");
  const row = await db.$transaction(async (tx) => {
    // A source naming a job of this workspace is that job: its lineage is captured. Other text stays text.
    const jobName = data.source?.jobId;
    const job = jobName
      ? await tx.job.findUnique({ where: { scopeId_name: { scopeId: scope.id, name: jobName } }, select: { id: true } })
      : null;
    return insertVersion(tx, actor, scope, data, files, null, job ? await captureLineage(tx, job.id) : null);
  });
  return toDetailDto(row, scope);
}

type ParsedInput = ReturnType<typeof registerModelVersionSchema.parse>;

export async function insertVersion(
  tx: Tx,
  actor: Actor,
  scope: { id: string; kind: ScopeRef["kind"]; name: string },
  data: ParsedInput,
  files: NewModelFile[],
  origin: VersionOrigin | null,
  lineage: CapturedLineage | null,
): Promise<VersionDetailRow> {
  const model = await tx.model.upsert({
    where: { scopeId_name: { scopeId: scope.id, name: data.name } },
    create: { scopeId: scope.id, name: data.name, versionCounter: 1 },
    update: { versionCounter: { increment: 1 } },
  });
  const version = model.versionCounter;
  await tx.modelVersion.updateMany({ where: { modelId: model.id, isLatest: true }, data: { isLatest: false } });
  const now = new Date();
  const created = await tx.modelVersion.create({
    data: {
      modelId: model.id,
      scopeId: scope.id,
      name: data.name,
      nameKey: data.name.toLowerCase(),
      version,
      isLatest: true,
      description: data.description,
      type: data.type,
      properties: JSON.stringify(data.properties),
      fileCount: files.length,
      totalSize: BigInt(files.reduce((sum, f) => sum + f.size, 0)),
      createdById: actor.userId,
      createdByLabel: actor.email,
      createdAt: now,
      updatedAt: now,
      sourceJobId: data.source?.jobId ?? null,
      sourceRunUrl: data.source?.runUrl ?? null,
      sourceVersionId: origin?.versionId ?? null,
      sourceScopeKind: origin?.scope.kind ?? null,
      sourceScopeName: origin?.scope.name ?? null,
      sourceModelName: origin?.name ?? null,
      sourceVersion: origin?.version ?? null,
      publishReason: origin?.reason ?? null,
      publishedBy: origin?.publishedBy ?? null,
      files: { createMany: { data: files.map((f) => ({ path: f.path, size: BigInt(f.size), sha256: f.sha256 })) } },
      tags: { createMany: { data: Object.entries(data.tags).map(([key, value]) => ({ key, value })) } },
    },
    select: { id: true },
  });
  if (lineage) await writeLineage(tx, created.id, lineage, origin?.versionId ?? null);
  const inserted = await tx.modelVersion.findUniqueOrThrow({
    where: { id: created.id },
    include: versionDetailInclude,
  });
  await recordEvent(tx, {
    actor,
    action: "model.version.registered",
    subject: { type: "model_version", id: created.id, label: `${data.name}:${version}` },
    scopeId: scope.id,
    reason: origin?.reason,
    data: {
      scope: `${scope.kind}/${scope.name}`,
      name: data.name,
      version,
      tags: data.tags,
      type: data.type,
      files: files.length,
      totalSize: files.reduce((sum, f) => sum + f.size, 0),
      ...(origin
        ? { publishedFrom: `${origin.scope.kind}/${origin.scope.name}/${origin.name}:${origin.version}` }
        : {}),
      ...(data.source?.jobId ? { sourceJobId: data.source.jobId } : {}),
    },
  });
  return inserted;
}
