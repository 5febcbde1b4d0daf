import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { upsertExperiment } from "@/server/jobs/experiments";
import { EXPERIMENT_FILTER, entityMeets, parseEntityFilter } from "@/lib/mlflow/entity-filter";
import { MlflowError, int64, mlflowInvalid, mlflowNotFound, optionalString, required } from "@/server/mlflow/protocol";
import { offsetOf, orderClauses, pageOf, sortBy } from "@/server/mlflow/paging";
import type { MlflowContext } from "@/server/mlflow/context";

// MLflow experiments are the studio's experiments. MLflow's "Default" experiment, id "0", which clients use
// without asking, is the workspace's `default` experiment (the one studio jobs go to when none is named).
// Deletion is soft, as in MLflow: the experiment and the runs it held leave the lists and can be restored.

export const DEFAULT_EXPERIMENT = "default";
const DEFAULT_ID = "0";
const MAX_NAME = 500;

type ExperimentRow = {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  tags: { key: string; value: string }[];
};

export const experimentIdOf = (row: { id: string; name: string }) =>
  row.name === DEFAULT_EXPERIMENT ? DEFAULT_ID : row.id;
export const experimentArtifactLocation = (id: string) => `mlflow-artifacts:/${id}`;

export function toMlflowExperiment(row: ExperimentRow) {
  const id = experimentIdOf(row);
  return {
    experiment_id: id,
    name: row.name,
    artifact_location: experimentArtifactLocation(id),
    lifecycle_stage: row.deletedAt ? "deleted" : "active",
    last_update_time: row.updatedAt.getTime(),
    creation_time: row.createdAt.getTime(),
    ...(row.tags.length ? { tags: row.tags.map((t) => ({ key: t.key, value: t.value })) } : {}),
  };
}

const withTags = { tags: { select: { key: true, value: true }, orderBy: { key: "asc" } } } as const;

/** The experiment an MLflow id names in the workspace ("0": the default one, made on first use). */
export async function experimentById(scope: ScopeAccess, id: string, actor: Actor): Promise<ExperimentRow> {
  if (id === DEFAULT_ID) {
    const row = await upsertExperiment(db, scope.id, DEFAULT_EXPERIMENT, actor.userId);
    return {
      ...row,
      tags: await db.experimentTag.findMany({ where: { experimentId: row.id }, orderBy: { key: "asc" } }),
    };
  }
  const row = await db.experiment.findFirst({ where: { id, scopeId: scope.id }, include: withTags });
  if (!row || row.name === DEFAULT_EXPERIMENT) throw mlflowNotFound(`No Experiment with id=${id} exists`);
  return row;
}

export function assertActive(row: { deletedAt: Date | null }, id: string) {
  if (row.deletedAt)
    throw mlflowInvalid(`The experiment ${id} must be in the 'active' state. Current state is deleted.`);
}

function checkedName(name: string): string {
  if (!name.trim() || name.length > MAX_NAME || [...name].some((ch) => ch.charCodeAt(0) < 32))
    throw mlflowInvalid(
      name.length > MAX_NAME
        ? `Experiment name exceeds the maximum length of ${MAX_NAME} characters`
        : `Invalid experiment name: '${name}'`,
    );
  return name;
}

function checkedTag(key: unknown, value: unknown): { key: string; value: string } {
  if (typeof key !== "string" || !key || key.length > 250)
    throw mlflowInvalid(`Invalid experiment tag key: '${String(key)}'`);
  const text = value === undefined || value === null ? "" : value;
  if (typeof text !== "string" || text.length > 5000)
    throw mlflowInvalid(`Experiment tag value for '${key}' must be a string of at most 5000 characters.`);
  return { key, value: text };
}

const readScope = (c: MlflowContext) => requireScope(c.actor, { kind: "workspace", name: c.workspace }, "read");
const writeScope = (c: MlflowContext) => requireScope(c.actor, { kind: "workspace", name: c.workspace }, "write");

async function touch(id: string) {
  await db.experiment.update({ where: { id }, data: { updatedAt: new Date() } });
}

export const experimentRpcs = {
  "experiments/create": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const name = checkedName(required(c.message, "name"));
      if (optionalString(c.message, "artifact_location"))
        throw mlflowInvalid(
          "artifact_location cannot be set: the studio keeps every run's artifacts in its own store.",
        );
      const tags = Array.isArray(c.message.tags)
        ? (c.message.tags as { key?: unknown; value?: unknown }[]).map((t) => checkedTag(t.key, t.value))
        : [];
      const scope = await writeScope(c);
      try {
        const created = await db.$transaction(async (tx) => {
          const row = await tx.experiment.create({
            data: { scopeId: scope.id, name, createdById: c.actor.userId, tags: { create: tags } },
          });
          await recordEvent(tx, {
            actor: c.actor,
            action: "experiment.created",
            subject: { type: "experiment", id: row.id, label: name },
            scopeId: scope.id,
          });
          return row;
        });
        return { experiment_id: experimentIdOf(created) };
      } catch (error) {
        if (isUniqueViolation(error))
          throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Experiment(name=${name}) already exists.`);
        throw error;
      }
    },
  },
  "experiments/get": {
    methods: ["GET"],
    handle: async (c: MlflowContext) => {
      const id = required(c.message, "experiment_id");
      return { experiment: toMlflowExperiment(await experimentById(await readScope(c), String(id), c.actor)) };
    },
  },
  "experiments/get-by-name": {
    methods: ["GET"],
    handle: async (c: MlflowContext) => {
      const name = required(c.message, "experiment_name");
      const scope = await readScope(c);
      const row = await db.experiment.findUnique({
        where: { scopeId_name: { scopeId: scope.id, name } },
        include: withTags,
      });
      if (!row) throw mlflowNotFound(`Could not find experiment with name '${name}'`);
      return { experiment: toMlflowExperiment(row) };
    },
  },
  "experiments/search": { methods: ["POST", "GET"], lists: ["order_by"], handle: searchExperiments },
  // MLflow 1.x clients list experiments instead of searching them.
  "experiments/list": { methods: ["GET"], handle: searchExperiments },
  "experiments/update": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const id = required(c.message, "experiment_id");
      const newName = checkedName(required(c.message, "new_name"));
      const scope = await writeScope(c);
      const row = await experimentById(scope, id, c.actor);
      if (row.deletedAt) throw mlflowInvalid("Cannot rename a non-active experiment.");
      if (row.name === DEFAULT_EXPERIMENT) throw mlflowInvalid("The default experiment cannot be renamed.");
      try {
        await db.$transaction(async (tx) => {
          await tx.experiment.update({ where: { id: row.id }, data: { name: newName, updatedAt: new Date() } });
          await recordEvent(tx, {
            actor: c.actor,
            action: "experiment.renamed",
            subject: { type: "experiment", id: row.id, label: newName },
            scopeId: scope.id,
            data: { from: row.name, to: newName },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Experiment(name=${newName}) already exists.`);
        throw error;
      }
      return {};
    },
  },
  "experiments/delete": { methods: ["POST"], handle: (c: MlflowContext) => setDeleted(c, true) },
  "experiments/restore": { methods: ["POST"], handle: (c: MlflowContext) => setDeleted(c, false) },
  "experiments/set-experiment-tag": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const id = required(c.message, "experiment_id");
      const tag = checkedTag(required(c.message, "key"), c.message.value);
      const row = await experimentById(await writeScope(c), id, c.actor);
      assertActive(row, id);
      await db.experimentTag.upsert({
        where: { experimentId_key: { experimentId: row.id, key: tag.key } },
        create: { experimentId: row.id, ...tag },
        update: { value: tag.value },
      });
      await touch(row.id);
      return {};
    },
  },
  "experiments/delete-experiment-tag": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const id = required(c.message, "experiment_id");
      const key = required(c.message, "key");
      const row = await experimentById(await writeScope(c), id, c.actor);
      assertActive(row, id);
      const { count } = await db.experimentTag.deleteMany({ where: { experimentId: row.id, key } });
      if (!count) throw mlflowNotFound(`No tag with name: ${key} in experiment with id ${id}`);
      await touch(row.id);
      return {};
    },
  },
} as const;

/**
 * Soft deletion, as MLflow's: the experiment and its active runs are marked with one instant, so restoring
 * brings back exactly the runs its deletion took (runs deleted on their own before stay deleted).
 */
async function setDeleted(c: MlflowContext, deleted: boolean) {
  const id = required(c.message, "experiment_id");
  const scope = await writeScope(c);
  if (id === DEFAULT_ID)
    throw mlflowInvalid("Cannot delete the default experiment '0'. This is an internally reserved experiment.");
  const row = await experimentById(scope, id, c.actor);
  if (deleted === Boolean(row.deletedAt))
    throw mlflowNotFound(`No ${deleted ? "active" : "deleted"} experiment with id=${id} exists`);
  await db.$transaction(async (tx) => {
    const now = new Date();
    if (deleted) {
      await tx.experiment.update({ where: { id: row.id }, data: { deletedAt: now, updatedAt: now } });
      await tx.job.updateMany({ where: { experimentId: row.id, deletedAt: null }, data: { deletedAt: now } });
    } else {
      await tx.job.updateMany({ where: { experimentId: row.id, deletedAt: row.deletedAt }, data: { deletedAt: null } });
      await tx.experiment.update({ where: { id: row.id }, data: { deletedAt: null, updatedAt: now } });
    }
    await recordEvent(tx, {
      actor: c.actor,
      action: deleted ? "experiment.deleted" : "experiment.restored",
      subject: { type: "experiment", id: row.id, label: row.name },
      scopeId: scope.id,
    });
  });
  return {};
}

const VIEW_TYPES = ["ACTIVE_ONLY", "DELETED_ONLY", "ALL"] as const;

export function viewTypeOf(value: unknown, field: string): (typeof VIEW_TYPES)[number] {
  if (value === undefined || value === null || value === "") return "ACTIVE_ONLY";
  const named = typeof value === "number" || /^\d+$/.test(String(value)) ? VIEW_TYPES[Number(value) - 1] : value;
  if (!VIEW_TYPES.includes(named as (typeof VIEW_TYPES)[number]))
    throw mlflowInvalid(
      `Invalid value ${JSON.stringify(value)} for parameter '${field}': use ACTIVE_ONLY, DELETED_ONLY or ALL.`,
    );
  return named as (typeof VIEW_TYPES)[number];
}

const ORDERABLE = ["name", "experiment_id", "creation_time", "last_update_time"] as const;

/** experiments/search: a workspace holds few experiments, so they are filtered and sorted in memory. */
async function searchExperiments(c: MlflowContext) {
  const maxResults = int64(c.message.max_results, "max_results") ?? 1000;
  if (maxResults < 1 || maxResults > 50_000)
    throw mlflowInvalid(
      `Invalid value for max_results. It must be a positive integer at most 50000, but got ${maxResults}`,
    );
  const view = viewTypeOf(c.message.view_type, "view_type");
  const parsed = parseEntityFilter(optionalString(c.message, "filter") ?? "", EXPERIMENT_FILTER);
  if (!parsed.ok) throw mlflowInvalid(parsed.message);
  const orderBy = orderClauses(c.message.order_by, ORDERABLE);
  const offset = offsetOf(optionalString(c.message, "page_token"));
  const scope = await readScope(c);
  const rows = await db.experiment.findMany({
    where: {
      scopeId: scope.id,
      ...(view === "ACTIVE_ONLY" ? { deletedAt: null } : view === "DELETED_ONLY" ? { deletedAt: { not: null } } : {}),
    },
    include: withTags,
  });
  const matching = rows.filter((r) =>
    entityMeets(
      {
        attributes: { name: r.name, creation_time: r.createdAt.getTime(), last_update_time: r.updatedAt.getTime() },
        tags: Object.fromEntries(r.tags.map((t) => [t.key, t.value])),
      },
      parsed.conditions,
    ),
  );
  const sortValue = (r: ExperimentRow, key: string) =>
    key === "name"
      ? r.name
      : key === "experiment_id"
        ? experimentIdOf(r)
        : key === "creation_time"
          ? r.createdAt.getTime()
          : r.updatedAt.getTime();
  // MLflow's default: newest first, then by id.
  const clauses = orderBy.length ? orderBy : [{ key: "creation_time", desc: true }];
  sortBy(matching, [...clauses, { key: "experiment_id", desc: false }], sortValue);
  return pageOf(matching.map(toMlflowExperiment), offset, maxResults, "experiments");
}
