import "server-only";
import { db, lockRows } from "@/server/db";
import { invalid, notFound } from "@/lib/errors";
import { aliasNameProblem } from "@/lib/models/alias-name";
import type { ScopeRef } from "@/lib/scopes";
import type { AliasChangeDto, ModelAliasDto, SetModelAliasDto } from "@/lib/schemas/models";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { readEventData } from "@/server/db/stored-json";
import { requireScope } from "@/server/scopes/scope-access";
import { moveAliasFollowers } from "@/server/endpoints/follow-alias";

// Model aliases: a named pointer per model (champion, challenger) to one of its versions, moved with a reason.
// Every move is an event on the model, so "which version was champion on date X" is read from the trail.

const SET = "model.alias.set";
const DELETED = "model.alias.deleted";

async function modelOf(actor: Actor, scopeRef: ScopeRef, name: string, action: "read" | "write") {
  const scope = await requireScope(actor, scopeRef, action);
  const model = await db.model.findUnique({
    where: { scopeId_name: { scopeId: scope.id, name } },
    select: { id: true, name: true },
  });
  if (!model) throw notFound(`Model "${name}" in ${scope.kind} ${scope.name}`);
  return { scope, model };
}

export async function listModelAliases(actor: Actor, scopeRef: ScopeRef, name: string): Promise<ModelAliasDto[]> {
  const { model } = await modelOf(actor, scopeRef, name, "read");
  return aliasesOfModel(model.id);
}

export async function aliasesOfModel(modelId: string): Promise<ModelAliasDto[]> {
  const rows = await db.modelAlias.findMany({
    where: { modelId },
    orderBy: { alias: "asc" },
    select: { alias: true, updatedAt: true, updatedByLabel: true, version: { select: { version: true } } },
  });
  return rows.map((r) => ({
    alias: r.alias,
    version: r.version.version,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedByLabel,
  }));
}

/** Points an alias at a version (moving it if it pointed elsewhere). */
export async function setModelAlias(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  alias: string,
  version: number,
  reason?: string,
): Promise<SetModelAliasDto> {
  const problem = aliasNameProblem(alias);
  if (problem) throw invalid(problem, { field: "alias" });
  const { scope, model } = await modelOf(actor, scopeRef, name, "write");
  const result = await db.$transaction(async (tx) => {
    // Moves of one model's aliases queue on PostgreSQL, so each event names the version it really replaced.
    await lockRows(tx, "Model", { id: model.id });
    const target = await tx.modelVersion.findUnique({
      where: { modelId_version: { modelId: model.id, version } },
      select: { id: true },
    });
    if (!target) throw notFound(`Model version ${name}:${version}`);
    const previous = await tx.modelAlias.findUnique({
      where: { modelId_alias: { modelId: model.id, alias } },
      select: { version: { select: { version: true } } },
    });
    const now = new Date();
    await tx.modelAlias.upsert({
      where: { modelId_alias: { modelId: model.id, alias } },
      create: { modelId: model.id, alias, versionId: target.id, updatedAt: now, updatedByLabel: actor.email },
      update: { versionId: target.id, updatedAt: now, updatedByLabel: actor.email },
    });
    await tx.model.update({ where: { id: model.id }, data: { updatedAt: now } });
    await recordEvent(tx, {
      actor,
      action: SET,
      subject: { type: "model", id: model.id, label: `${name}@${alias}` },
      scopeId: scope.id,
      reason,
      data: { name, alias, version, previousVersion: previous?.version.version ?? null },
    });
    return { alias, version, updatedAt: now.toISOString(), updatedBy: actor.email, versionId: target.id };
  });
  // Deployments following the alias move with it (after the commit: they read the alias as it now is).
  const followers = await moveAliasFollowers(actor, model.id, alias, reason);
  const { versionId: _versionId, ...set } = result;
  return { ...set, followers };
}

export async function deleteModelAlias(actor: Actor, scopeRef: ScopeRef, name: string, alias: string, reason?: string) {
  const { scope, model } = await modelOf(actor, scopeRef, name, "write");
  await db.$transaction(async (tx) => {
    await lockRows(tx, "Model", { id: model.id });
    const existing = await tx.modelAlias.findUnique({
      where: { modelId_alias: { modelId: model.id, alias } },
      select: { version: { select: { version: true } } },
    });
    if (!existing) throw notFound(`Alias "${alias}" of model "${name}"`);
    await tx.modelAlias.delete({ where: { modelId_alias: { modelId: model.id, alias } } });
    await recordEvent(tx, {
      actor,
      action: DELETED,
      subject: { type: "model", id: model.id, label: `${name}@${alias}` },
      scopeId: scope.id,
      reason,
      data: { name, alias, version: null, previousVersion: existing.version.version },
    });
  });
}

/** Every move of the model's aliases, newest first; with `at`, only those at or before it. */
export async function aliasHistory(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  at?: Date,
): Promise<AliasChangeDto[]> {
  const { model } = await modelOf(actor, scopeRef, name, "read");
  const events = await db.event.findMany({
    where: {
      subjectType: "model",
      subjectId: model.id,
      action: { in: [SET, DELETED] },
      ...(at ? { at: { lte: at } } : {}),
    },
    orderBy: { seq: "desc" },
    take: 1000,
    select: { at: true, actorLabel: true, reason: true, data: true },
  });
  return events.map((e) => {
    const data = readEventData(e.data) as { alias?: string; version?: number | null; previousVersion?: number | null };
    return {
      at: e.at.toISOString(),
      alias: String(data.alias ?? ""),
      version: data.version ?? null,
      previousVersion: data.previousVersion ?? null,
      by: e.actorLabel,
      reason: e.reason,
    };
  });
}

/** Where each alias pointed at an instant, from the trail (aliases since deleted are not listed). */
export function aliasesAt(history: AliasChangeDto[]): Record<string, number> {
  const at: Record<string, number> = {};
  const seen = new Set<string>();
  for (const change of history) {
    if (seen.has(change.alias)) continue;
    seen.add(change.alias);
    if (change.version !== null) at[change.alias] = change.version;
  }
  return at;
}
