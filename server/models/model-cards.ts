import "server-only";
import { db, type Db, type Tx } from "@/server/db";
import { conflict, notFound } from "@/lib/errors";
import {
  CARD_FIELDS,
  putModelCardSchema,
  type CardField,
  type ModelCardDto,
  type RiskRating,
} from "@/lib/schemas/model-cards";
import type { ScopeKind, ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { findVersionOrThrow } from "@/server/models/find-version";
import { isUniqueViolation } from "@/server/db/unique-violation";

type CardRow = {
  intendedUse: string;
  limitations: string;
  evaluation: string;
  risk: string;
  revision: number;
  updatedByLabel: string;
  updatedAt: Date;
};

type Target = { modelId: string; model: string; versionId: string | null; version: number | null };

async function findTarget(client: Db | Tx, scopeId: string, name: string, version: number | null): Promise<Target> {
  if (version !== null) {
    const row = await findVersionOrThrow(client, scopeId, name, version);
    return { modelId: row.modelId, model: name, versionId: row.id, version };
  }
  const model = await client.model.findUnique({ where: { scopeId_name: { scopeId, name } }, select: { id: true } });
  if (!model) throw notFound(`Model "${name}"`);
  return { modelId: model.id, model: name, versionId: null, version: null };
}

/** A version's card is its own fields over the model's; a model's card is its own. */
export function mergeCard(
  scope: { kind: ScopeKind; name: string },
  target: Pick<Target, "model" | "version">,
  modelCard: CardRow | null,
  versionCard: CardRow | null,
): ModelCardDto {
  const own = target.version === null ? modelCard : versionCard;
  const inherited: ModelCardDto["inherited"] = [];
  const field = (key: CardField) => {
    const mine = own?.[key] ?? "";
    if (mine || target.version === null) return mine;
    if (modelCard?.[key]) inherited.push(key);
    return modelCard?.[key] ?? "";
  };
  const texts = Object.fromEntries(CARD_FIELDS.map((key) => [key, field(key)])) as Record<CardField, string>;
  let risk = (own?.risk || "") as RiskRating | "";
  if (!risk && target.version !== null && modelCard?.risk) {
    risk = modelCard.risk as RiskRating;
    inherited.push("risk");
  }
  const finalRisk: RiskRating = risk || "unknown";
  return {
    scope,
    model: target.model,
    version: target.version,
    ...texts,
    risk: finalRisk,
    inherited,
    revision: own?.revision ?? 0,
    updatedBy: own?.updatedByLabel ?? null,
    updatedAt: own?.updatedAt.toISOString() ?? null,
    isComplete: finalRisk !== "unknown" && CARD_FIELDS.some((key) => texts[key].trim() !== ""),
  };
}

async function readCard(client: Db | Tx, scope: { kind: ScopeKind; name: string }, target: Target) {
  const rows = await client.modelCard.findMany({
    where: { modelId: target.modelId, versionKey: { in: target.versionId ? ["", target.versionId] : [""] } },
  });
  const modelCard = rows.find((r) => r.versionKey === "") ?? null;
  const versionCard = target.versionId ? (rows.find((r) => r.versionKey === target.versionId) ?? null) : null;
  return mergeCard(scope, target, modelCard, versionCard);
}

/** The card of a model (version null) or of one of its versions (merged over the model's). */
export async function getModelCard(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number | null,
): Promise<ModelCardDto> {
  const scope = await requireScope(actor, scopeRef, "read");
  return readCard(db, scope, await findTarget(db, scope.id, name, version));
}

/** The effective card of a version by id, for evidence and policy checks (no access check: callers have done it). */
export async function cardOfVersion(versionId: string, client: Db | Tx = db): Promise<ModelCardDto | null> {
  const row = await client.modelVersion.findUnique({
    where: { id: versionId },
    select: {
      modelId: true,
      name: true,
      version: true,
      model: { select: { scope: { select: { kind: true, name: true } } } },
    },
  });
  if (!row) return null;
  const scope = { kind: row.model.scope.kind as ScopeKind, name: row.model.scope.name };
  return readCard(client, scope, { modelId: row.modelId, model: row.name, versionId, version: row.version });
}

/**
 * Writes a model's or a version's card: the fields given replace the stored ones. With `revision`, an edit made
 * from an older revision is refused (409) rather than overwriting someone else's change.
 */
export async function putModelCard(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number | null,
  input: unknown,
): Promise<ModelCardDto> {
  const data = putModelCardSchema.parse(input);
  const scope = await requireScope(actor, scopeRef, "write");
  const stale = () =>
    conflict(
      `The card of ${version === null ? name : `${name}:${version}`} was changed meanwhile; reload it and edit again.`,
    );
  const changes = {
    ...Object.fromEntries(CARD_FIELDS.flatMap((key) => (data[key] !== undefined ? [[key, data[key]]] : []))),
    ...(data.risk !== undefined ? { risk: data.risk ?? (version === null ? "unknown" : "") } : {}),
  };
  try {
    return await db.$transaction(async (tx) => {
      const target = await findTarget(tx, scope.id, name, version);
      const versionKey = target.versionId ?? "";
      const existing = await tx.modelCard.findUnique({
        where: { modelId_versionKey: { modelId: target.modelId, versionKey } },
        select: { id: true, revision: true },
      });
      if (data.revision !== undefined && data.revision !== (existing?.revision ?? 0)) throw stale();
      const stamp = { updatedById: actor.userId, updatedByLabel: actor.email, updatedAt: new Date() };
      if (existing) {
        // Conditional on the revision read: of two concurrent edits, the second finds it moved on.
        const updated = await tx.modelCard.updateMany({
          where: { id: existing.id, revision: existing.revision },
          data: { ...changes, ...stamp, revision: { increment: 1 } },
        });
        if (updated.count !== 1) throw stale();
      } else {
        await tx.modelCard.create({
          data: { modelId: target.modelId, versionKey, risk: version === null ? "unknown" : "", ...changes, ...stamp },
        });
      }
      await recordEvent(tx, {
        actor,
        action: "model.card.updated",
        subject:
          target.versionId !== null
            ? { type: "model_version", id: target.versionId, label: `${name}:${version}` }
            : { type: "model", id: target.modelId, label: name },
        scopeId: scope.id,
        reason: data.reason,
        data: {
          name,
          version,
          fields: Object.keys(changes),
          ...(changes.risk !== undefined ? { risk: changes.risk } : {}),
        },
      });
      return readCard(tx, scope, target);
    });
  } catch (error) {
    // Two first edits at once: the loser's insert meets the unique index.
    if (isUniqueViolation(error)) throw stale();
    throw error;
  }
}

/** On publishing: the registry model gets the workspace model's card if it has none, and the version its own. */
export async function copyCardsOnPublish(
  tx: Tx,
  from: { modelId: string; versionId: string },
  to: { modelId: string; versionId: string },
  actor: Actor,
): Promise<void> {
  const rows = await tx.modelCard.findMany({
    where: { modelId: from.modelId, versionKey: { in: ["", from.versionId] } },
  });
  const targetHasCard = await tx.modelCard.findUnique({
    where: { modelId_versionKey: { modelId: to.modelId, versionKey: "" } },
    select: { id: true },
  });
  for (const row of rows) {
    if (row.versionKey === "" && targetHasCard) continue;
    await tx.modelCard.create({
      data: {
        modelId: to.modelId,
        versionKey: row.versionKey === "" ? "" : to.versionId,
        intendedUse: row.intendedUse,
        limitations: row.limitations,
        evaluation: row.evaluation,
        risk: row.risk,
        updatedById: actor.userId,
        updatedByLabel: actor.email,
      },
    });
  }
}
