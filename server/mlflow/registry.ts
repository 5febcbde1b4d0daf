import "server-only";
import { db } from "@/server/db";
import { assetNameSchema } from "@/lib/schemas/common";
import { MODEL_FILTER, VERSION_FILTER, entityMeets, parseEntityFilter } from "@/lib/mlflow/entity-filter";
import type { ScopeRef } from "@/lib/scopes";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { readStringMap } from "@/server/db/stored-json";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { registerModelVersion } from "@/server/models/register-model-version";
import { updateModelVersion } from "@/server/models/update-model-version";
import { deleteModelVersion } from "@/server/models/delete-model-version";
import { deleteModelAlias, setModelAlias } from "@/server/models/aliases";
import type { MlflowContext } from "@/server/mlflow/context";
import { MlflowError, int64, mlflowInvalid, mlflowNotFound, optionalString, required } from "@/server/mlflow/protocol";
import { offsetOf, orderClauses, pageOf, sortBy } from "@/server/mlflow/paging";
import { pairsOf } from "@/server/mlflow/runs";
import { modelArtifactUri, runArtifactFiles } from "@/server/mlflow/artifacts";

// MLflow's model registry over the studio's: registered models are the workspace's models and model versions its
// versions (numbered by the studio, gapless under concurrency; deleting one a deployment uses is refused, as
// everywhere). A version is created from a run's artifacts, with the run as its lineage. Stages are deprecated in
// MLflow: a transition is recorded as the version's tag `mlflow.stage`.

const STAGE_TAG = "mlflow.stage";
const STAGES = ["None", "Staging", "Production", "Archived"];
const SOURCE_PROPERTY = "mlflow.source";

const versionInclude = {
  tags: { select: { key: true, value: true }, orderBy: { key: "asc" } },
  aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
} as const;
const modelInclude = {
  tags: { select: { key: true, value: true }, orderBy: { key: "asc" } },
  aliases: { select: { alias: true, version: { select: { version: true } } }, orderBy: { alias: "asc" } },
  versions: { include: versionInclude, orderBy: { version: "asc" } },
} as const;

type VersionRow = NonNullable<Awaited<ReturnType<typeof versionRow>>>;
type ModelRow = NonNullable<Awaited<ReturnType<typeof modelRow>>>;

const workspaceOf = (c: MlflowContext): ScopeRef => ({ kind: "workspace", name: c.workspace });
const scopeFor = (c: MlflowContext, action: "read" | "write") => requireScope(c.actor, workspaceOf(c), action);

function modelRow(scopeId: string, name: string) {
  return db.model.findUnique({ where: { scopeId_name: { scopeId, name } }, include: modelInclude });
}
function versionRow(modelId: string, version: number) {
  return db.modelVersion.findUnique({ where: { modelId_version: { modelId, version } }, include: versionInclude });
}

async function modelOrThrow(c: MlflowContext, name: string, action: "read" | "write" = "read"): Promise<ModelRow> {
  const scope = await scopeFor(c, action);
  const row = await modelRow(scope.id, name);
  if (!row) throw mlflowNotFound(`Registered Model with name=${name} not found`);
  return row;
}

function versionNumber(value: unknown): number {
  const n =
    typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw mlflowInvalid(`Model version must be an integer, got '${String(value)}'`);
  return n;
}

async function versionOrThrow(c: MlflowContext, action: "read" | "write" = "read") {
  const name = required(c.message, "name");
  const version = versionNumber(c.message.version ?? required(c.message, "version"));
  const model = await modelOrThrow(c, name, action);
  const row = await versionRow(model.id, version);
  if (!row) throw mlflowNotFound(`Model Version (name=${name}, version=${version}) not found`);
  return { model, row, name, version };
}

const stageOf = (row: { tags: { key: string; value: string }[] }) =>
  row.tags.find((t) => t.key === STAGE_TAG)?.value ?? "None";

export function toMlflowVersion(name: string, row: VersionRow) {
  const properties = readStringMap(row.properties);
  return {
    name,
    version: String(row.version),
    creation_timestamp: row.createdAt.getTime(),
    last_updated_timestamp: row.updatedAt.getTime(),
    user_id: row.createdByLabel,
    current_stage: stageOf(row),
    description: row.description,
    source: properties[SOURCE_PROPERTY] ?? modelArtifactUri(name, row.version),
    ...(row.sourceJobId ? { run_id: row.sourceJobId } : {}),
    status: "READY",
    ...(row.tags.length ? { tags: row.tags } : {}),
    ...(row.aliases.length ? { aliases: row.aliases.map((a) => a.alias) } : {}),
  };
}

/** The newest version in each stage (or in the stages asked for). */
function latestByStage(model: ModelRow, stages: string[] = []) {
  const wanted = stages.map((s) => canonicalStage(s));
  const latest = new Map<string, VersionRow>();
  for (const v of model.versions) {
    const stage = stageOf(v);
    if (wanted.length && !wanted.includes(stage)) continue;
    if ((latest.get(stage)?.version ?? 0) < v.version) latest.set(stage, v);
  }
  return [...latest.values()].sort((a, b) => a.version - b.version).map((v) => toMlflowVersion(model.name, v));
}

export function toMlflowModel(model: ModelRow) {
  const latest = latestByStage(model);
  return {
    name: model.name,
    creation_timestamp: model.createdAt.getTime(),
    last_updated_timestamp: Math.max(model.updatedAt.getTime(), ...model.versions.map((v) => v.updatedAt.getTime())),
    ...(model.description ? { description: model.description } : {}),
    ...(latest.length ? { latest_versions: latest } : {}),
    ...(model.tags.length ? { tags: model.tags } : {}),
    ...(model.aliases.length
      ? { aliases: model.aliases.map((a) => ({ alias: a.alias, version: String(a.version.version) })) }
      : {}),
  };
}

function canonicalStage(stage: string): string {
  const found = STAGES.find((s) => s.toLowerCase() === stage.toLowerCase());
  if (!found) throw mlflowInvalid(`Invalid Model Version stage ${stage}.`);
  return found;
}

function modelName(c: MlflowContext, field = "name"): string {
  const name = required(c.message, field);
  if (!assetNameSchema.safeParse(name).success)
    throw mlflowInvalid(
      `Invalid model name '${name}': the studio's names are letters, digits, '-', '_' and '.' (at most 255).`,
    );
  return name;
}

function tagOf(c: MlflowContext) {
  const [tag] = pairsOf([{ key: required(c.message, "key"), value: c.message.value }], "tag");
  if (tag!.key.length > 250 || tag!.value.length > 5000)
    throw mlflowInvalid("Registry tags have keys of at most 250 characters and values of at most 5000.");
  return tag!;
}

/** A version's tags as the studio keeps them (a record), with one set or removed. */
async function retagVersion(c: MlflowContext, change: (tags: Record<string, string>) => void) {
  const { row, name, version } = await versionOrThrow(c, "write");
  const tags = Object.fromEntries(row.tags.map((t) => [t.key, t.value]));
  change(tags);
  await updateModelVersion(c.actor, workspaceOf(c), name, version, { tags });
}

async function createModel(c: MlflowContext) {
  const name = modelName(c);
  const tags = pairsOf(c.message.tags, "tags");
  const description = optionalString(c.message, "description") ?? "";
  const scope = await scopeFor(c, "write");
  try {
    await db.$transaction(async (tx) => {
      const row = await tx.model.create({ data: { scopeId: scope.id, name, description, tags: { create: tags } } });
      await recordEvent(tx, {
        actor: c.actor,
        action: "model.created",
        subject: { type: "model", id: row.id, label: name },
        scopeId: scope.id,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Registered Model (name=${name}) already exists.`);
    throw error;
  }
  return { registered_model: toMlflowModel((await modelRow(scope.id, name))!) };
}

async function createVersion(c: MlflowContext) {
  const name = modelName(c);
  const source = required(c.message, "source");
  const runId = optionalString(c.message, "run_id");
  const tags = pairsOf(c.message.tags, "tags");
  const description = optionalString(c.message, "description") ?? "";
  const { run, files } = await runArtifactFiles(c.actor, c.workspace, source, runId);
  const dto = await registerModelVersion(
    c.actor,
    workspaceOf(c),
    {
      name,
      description,
      type: files.some((f) => f.path === "MLmodel") ? "mlflow_model" : "custom_model",
      tags: Object.fromEntries(tags.map((t) => [t.key, t.value])),
      properties: { [SOURCE_PROPERTY]: source },
      source: { jobId: run },
    },
    files,
  );
  const model = await modelOrThrow(c, name);
  return { model_version: toMlflowVersion(name, (await versionRow(model.id, dto.version))!) };
}

async function searchModels(c: MlflowContext) {
  const maxResults = int64(c.message.max_results, "max_results") ?? 100;
  if (maxResults < 1 || maxResults > 1000)
    throw mlflowInvalid(`Invalid value for max_results: it must be between 1 and 1000, got ${maxResults}.`);
  const parsed = parseEntityFilter(optionalString(c.message, "filter") ?? "", MODEL_FILTER);
  if (!parsed.ok) throw mlflowInvalid(parsed.message);
  const orderBy = orderClauses(c.message.order_by, ["name", "creation_timestamp", "last_updated_timestamp"]);
  const offset = offsetOf(optionalString(c.message, "page_token"));
  const scope = await scopeFor(c, "read");
  const models = (await db.model.findMany({ where: { scopeId: scope.id }, include: modelInclude })).map(toMlflowModel);
  const matching = models.filter((m) =>
    entityMeets(
      {
        attributes: {
          name: m.name,
          creation_timestamp: m.creation_timestamp,
          last_updated_timestamp: m.last_updated_timestamp,
        },
        tags: Object.fromEntries((m.tags ?? []).map((t) => [t.key, t.value])),
      },
      parsed.conditions,
    ),
  );
  sortBy(
    matching,
    [...orderBy, { key: "name", desc: false }],
    (m, key) => (m as Record<string, unknown>)[key] as string | number,
  );
  return pageOf(matching, offset, maxResults, "registered_models");
}

async function searchVersions(c: MlflowContext) {
  const maxResults = int64(c.message.max_results, "max_results") ?? 200_000;
  if (maxResults < 1 || maxResults > 200_000)
    throw mlflowInvalid(`Invalid value for max_results: it must be between 1 and 200000, got ${maxResults}.`);
  const parsed = parseEntityFilter(optionalString(c.message, "filter") ?? "", VERSION_FILTER);
  if (!parsed.ok) throw mlflowInvalid(parsed.message);
  const orderBy = orderClauses(c.message.order_by, [
    "name",
    "version_number",
    "creation_timestamp",
    "last_updated_timestamp",
  ]);
  const offset = offsetOf(optionalString(c.message, "page_token"));
  const scope = await scopeFor(c, "read");
  const rows = await db.modelVersion.findMany({ where: { scopeId: scope.id }, include: versionInclude });
  const versions = rows.map((r) => toMlflowVersion(r.name, r));
  const matching = versions.filter((v) =>
    entityMeets(
      {
        attributes: {
          name: v.name,
          run_id: v.run_id ?? "",
          source_path: v.source,
          version_number: Number(v.version),
          creation_timestamp: v.creation_timestamp,
          last_updated_timestamp: v.last_updated_timestamp,
        },
        tags: Object.fromEntries((v.tags ?? []).map((t) => [t.key, t.value])),
      },
      parsed.conditions,
    ),
  );
  sortBy(matching, [...orderBy, { key: "name", desc: false }, { key: "version_number", desc: true }], (v, key) =>
    key === "version_number" ? Number(v.version) : ((v as Record<string, unknown>)[key] as string | number),
  );
  return pageOf(matching, offset, maxResults, "model_versions");
}

async function setModelDeleted(c: MlflowContext) {
  const model = await modelOrThrow(c, required(c.message, "name"), "write");
  const deployed = await db.deployment.count({ where: { modelVersion: { modelId: model.id } } });
  if (deployed)
    throw mlflowInvalid(
      `Registered Model ${model.name} cannot be deleted: ${deployed} deployment(s) serve its versions.`,
    );
  await db.$transaction(async (tx) => {
    await tx.model.delete({ where: { id: model.id } });
    await recordEvent(tx, {
      actor: c.actor,
      action: "model.deleted",
      subject: { type: "model", id: model.id, label: model.name },
      scopeId: model.scopeId,
    });
  });
  return {};
}

async function renameModel(c: MlflowContext) {
  const model = await modelOrThrow(c, required(c.message, "name"), "write");
  const newName = modelName(c, "new_name");
  try {
    await db.$transaction(async (tx) => {
      await tx.model.update({ where: { id: model.id }, data: { name: newName, updatedAt: new Date() } });
      await tx.modelVersion.updateMany({
        where: { modelId: model.id },
        data: { name: newName, nameKey: newName.toLowerCase() },
      });
      await recordEvent(tx, {
        actor: c.actor,
        action: "model.renamed",
        subject: { type: "model", id: model.id, label: newName },
        scopeId: model.scopeId,
        data: { from: model.name, to: newName },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Registered Model (name=${newName}) already exists.`);
    throw error;
  }
  return { registered_model: toMlflowModel((await modelRow(model.scopeId, newName))!) };
}

export const registryRpcs = {
  "registered-models/create": { methods: ["POST"], handle: createModel },
  "registered-models/get": {
    methods: ["GET"],
    handle: async (c: MlflowContext) => ({
      registered_model: toMlflowModel(await modelOrThrow(c, required(c.message, "name"))),
    }),
  },
  "registered-models/rename": { methods: ["POST"], handle: renameModel },
  "registered-models/update": {
    methods: ["PATCH"],
    handle: async (c: MlflowContext) => {
      const model = await modelOrThrow(c, required(c.message, "name"), "write");
      const description = optionalString(c.message, "description") ?? "";
      if (description.length > 5000) throw mlflowInvalid("Descriptions are at most 5000 characters.");
      await db.model.update({ where: { id: model.id }, data: { description, updatedAt: new Date() } });
      return { registered_model: toMlflowModel((await modelRow(model.scopeId, model.name))!) };
    },
  },
  "registered-models/delete": { methods: ["DELETE"], handle: setModelDeleted },
  "registered-models/search": { methods: ["GET"], lists: ["order_by"], handle: searchModels },
  "registered-models/get-latest-versions": {
    methods: ["POST", "GET"],
    lists: ["stages"],
    handle: async (c: MlflowContext) => {
      const model = await modelOrThrow(c, required(c.message, "name"));
      const stages = Array.isArray(c.message.stages) ? c.message.stages.map(String) : [];
      const versions = latestByStage(model, stages);
      return versions.length ? { model_versions: versions } : {};
    },
  },
  "registered-models/set-tag": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const tag = tagOf(c);
      const model = await modelOrThrow(c, required(c.message, "name"), "write");
      await db.modelTag.upsert({
        where: { modelId_key: { modelId: model.id, key: tag.key } },
        create: { modelId: model.id, ...tag },
        update: { value: tag.value },
      });
      return {};
    },
  },
  "registered-models/delete-tag": {
    methods: ["DELETE"],
    handle: async (c: MlflowContext) => {
      const key = required(c.message, "key");
      const model = await modelOrThrow(c, required(c.message, "name"), "write");
      const { count } = await db.modelTag.deleteMany({ where: { modelId: model.id, key } });
      if (!count) throw mlflowNotFound(`No tag with key ${key} on registered model ${model.name}`);
      return {};
    },
  },
  "registered-models/alias": {
    methods: ["POST", "DELETE", "GET"],
    handle: async (c: MlflowContext) => {
      const name = required(c.message, "name");
      const alias = required(c.message, "alias");
      if (c.method === "GET") {
        const model = await modelOrThrow(c, name);
        const found = await db.modelAlias.findUnique({
          where: { modelId_alias: { modelId: model.id, alias } },
          select: { versionId: true },
        });
        const row = found ? model.versions.find((v) => v.id === found.versionId) : undefined;
        if (!row) throw mlflowNotFound(`Registered model alias ${alias} not found.`);
        return { model_version: toMlflowVersion(model.name, row) };
      }
      if (c.method === "DELETE") await deleteModelAlias(c.actor, workspaceOf(c), name, alias);
      else
        await setModelAlias(
          c.actor,
          workspaceOf(c),
          name,
          alias,
          versionNumber(c.message.version ?? required(c.message, "version")),
        );
      return {};
    },
  },
  "model-versions/create": { methods: ["POST"], handle: createVersion },
  "model-versions/get": {
    methods: ["GET"],
    handle: async (c: MlflowContext) => {
      const { row, name } = await versionOrThrow(c);
      return { model_version: toMlflowVersion(name, row) };
    },
  },
  "model-versions/update": {
    methods: ["PATCH"],
    handle: async (c: MlflowContext) => {
      const { name, version, model } = await versionOrThrow(c, "write");
      const description = optionalString(c.message, "description");
      if (description !== undefined) await updateModelVersion(c.actor, workspaceOf(c), name, version, { description });
      return { model_version: toMlflowVersion(name, (await versionRow(model.id, version))!) };
    },
  },
  "model-versions/delete": {
    methods: ["DELETE"],
    handle: async (c: MlflowContext) => {
      const { name, version } = await versionOrThrow(c, "write");
      await deleteModelVersion(c.actor, workspaceOf(c), name, version);
      return {};
    },
  },
  "model-versions/search": { methods: ["GET"], lists: ["order_by"], handle: searchVersions },
  "model-versions/get-download-uri": {
    methods: ["GET"],
    handle: async (c: MlflowContext) => {
      const { name, version } = await versionOrThrow(c);
      return { artifact_uri: modelArtifactUri(name, version) };
    },
  },
  "model-versions/set-tag": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const tag = tagOf(c);
      await retagVersion(c, (tags) => (tags[tag.key] = tag.value));
      return {};
    },
  },
  "model-versions/delete-tag": {
    methods: ["DELETE"],
    handle: async (c: MlflowContext) => {
      const key = required(c.message, "key");
      await retagVersion(c, (tags) => {
        if (!(key in tags)) throw mlflowNotFound(`No tag with key ${key} on this model version`);
        delete tags[key];
      });
      return {};
    },
  },
  // Stages are deprecated in MLflow; a transition is kept as the version's tag mlflow.stage.
  "model-versions/transition-stage": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const stage = canonicalStage(required(c.message, "stage"));
      const archive = String(c.message.archive_existing_versions).toLowerCase() === "true";
      const { model, name, version } = await versionOrThrow(c, "write");
      await retagVersion(c, (tags) => (tags[STAGE_TAG] = stage));
      if (archive && stage !== "None" && stage !== "Archived")
        for (const other of model.versions)
          if (other.version !== version && stageOf(other) === stage) {
            const tags = Object.fromEntries(other.tags.map((t) => [t.key, t.value]));
            await updateModelVersion(c.actor, workspaceOf(c), name, other.version, {
              tags: { ...tags, [STAGE_TAG]: "Archived" },
            });
          }
      return { model_version: toMlflowVersion(name, (await versionRow(model.id, version))!) };
    },
  },
} as const;
