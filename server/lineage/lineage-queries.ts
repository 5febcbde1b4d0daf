import "server-only";
import { Prisma } from "@/generated/sqlite/client";
import { queryRows } from "@/server/db";
import { env } from "@/server/env";

// The lineage graph's reads, as plain SQL on indexed columns: the graph touches thousands of rows across six
// tables per request, so each read returns only the columns the graph uses (turning a column into JavaScript
// strings is most of a read's cost). A read that meets a node's row anyway also returns what the graph shows of
// it (the `…Row` columns), so most nodes need no second read; scopes are read once, at the end.

// One bound parameter for the whole list: the statement's text stays the same whatever the list's length (so it
// is compiled once), and binding one string costs less than binding hundreds.
const list = (ids: readonly string[]) =>
  env.isPostgres
    ? Prisma.sql`SELECT unnest(${[...ids]}::text[])`
    : Prisma.sql`SELECT value FROM json_each(${JSON.stringify(ids)})`;

async function many<T>(ids: readonly string[], sql: (list: Prisma.Sql) => Prisma.Sql): Promise<T[]> {
  return ids.length ? queryRows<T>(sql(list(ids))) : [];
}

// Versions come back as the driver gives them (a BigInt on SQLite); they are only printed.
export type VersionRow = {
  id: string;
  name: string;
  version: number | bigint;
  scopeId: string;
  /** A registry copy's origin. */
  sourceVersionId: string | null;
};
export type JobRow = { id: string; name: string; displayName: string; status: string; kind: string; scopeId: string };
export type DeploymentRow = { id: string; name: string; state: string; endpoint: string; scopeId: string };
export type EndpointRow = { id: string; name: string; kind: string; scopeId: string };

const VERSION = Prisma.raw(`v.id, v.name, v.version, v."scopeId", v."sourceVersionId"`);
const JOB = Prisma.raw(`j.id, j.name, j."displayName", j.status, j.kind, j."scopeId"`);
const DEPLOYMENT = Prisma.raw(`d.id, d.name, d.state, e.name AS endpoint, e."scopeId"`);

export const lineageQueries = {
  /** The versions of a model (all, or one), or of a data asset, in a scope: a graph's roots. */
  versionIds: (kind: "model" | "data", scopeId: string, name: string, version: number | null) => {
    const only = version ? Prisma.sql` AND v.version = ${version}` : Prisma.empty;
    return queryRows<VersionRow>(
      kind === "model"
        ? Prisma.sql`SELECT ${VERSION} FROM "Model" m JOIN "ModelVersion" v ON v."modelId" = m.id
            WHERE m."scopeId" = ${scopeId} AND m.name = ${name}${only}`
        : Prisma.sql`SELECT ${VERSION} FROM "Asset" a JOIN "AssetVersion" v ON v."assetId" = a.id
            WHERE a."scopeId" = ${scopeId} AND a.kind = 'data' AND a.name = ${name}${only}`,
    );
  },

  // Upstream.
  /** The job each version was registered from (a pipeline step's model: the pipeline job), unless it is a copy. */
  jobsOfVersions: (ids: readonly string[]) =>
    many<{ versionId: string; jobId: string; scopeId: string }>(
      ids,
      (l) => Prisma.sql`SELECT "versionId", COALESCE("pipelineJobId", "jobId") AS "jobId", "scopeId" FROM "ModelLineage"
        WHERE "versionId" IN (${l}) AND "originVersionId" IS NULL AND COALESCE("pipelineJobId", "jobId") IS NOT NULL`,
    ),
  /** The origins of registry copies, described (`id` is the origin's). */
  originsOfCopies: (ids: readonly string[]) =>
    many<VersionRow & { copyId: string }>(
      ids,
      (l) => Prisma.sql`SELECT c.id AS "copyId", ${VERSION} FROM "ModelVersion" c
        JOIN "ModelVersion" v ON v.id = c."sourceVersionId" WHERE c.id IN (${l})`,
    ),
  /**
   * The data asset versions jobs read, as their specs recorded them when submitted (pipelines' steps read theirs),
   * described. The spec is read in SQL: cheaper than sending every spec over and parsing it here. (CROSS JOIN
   * keeps SQLite's order: the listed jobs first, then their inputs.)
   */
  dataInputsOfJobs: (ids: readonly string[]) =>
    many<VersionRow & { jobId: string }>(ids, (l) =>
      env.isPostgres
        ? Prisma.sql`SELECT j.id AS "jobId", ${VERSION} FROM "Job" j
          CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(j.spec::jsonb -> 'inputs') = 'object' THEN j.spec::jsonb -> 'inputs' END) i
          JOIN "AssetVersion" v ON v.id = i.value ->> 'versionId'
          WHERE j.id IN (${l}) AND j.kind <> 'pipeline' AND i.value ->> 'type' = 'data' AND i.value ->> 'fromJob' IS NULL`
        : Prisma.sql`SELECT j.id AS "jobId", ${VERSION} FROM "Job" j CROSS JOIN json_each(j.spec, '$.inputs') i
          CROSS JOIN "AssetVersion" v ON v.id = json_extract(i.value, '$.versionId')
          WHERE j.id IN (${l}) AND j.kind <> 'pipeline' AND json_extract(i.value, '$.type') = 'data'
          AND json_extract(i.value, '$.fromJob') IS NULL`,
    ),
  stepsOf: (ids: readonly string[]) =>
    many<JobRow & { parentJobId: string }>(
      ids,
      (l) => Prisma.sql`SELECT ${JOB}, j."parentJobId" FROM "Job" j WHERE j."parentJobId" IN (${l})`,
    ),
  /** The versions deployments serve, described (`id` is the version's). */
  modelsOfDeployments: (ids: readonly string[]) =>
    many<VersionRow & { deploymentId: string }>(
      ids,
      (l) => Prisma.sql`SELECT d.id AS "deploymentId", ${VERSION} FROM "Deployment" d
        JOIN "ModelVersion" v ON v.id = d."modelVersionId" WHERE d.id IN (${l})`,
    ),
  deploymentsOfEndpoints: (ids: readonly string[]) =>
    many<DeploymentRow & { endpointId: string }>(
      ids,
      (
        l,
      ) => Prisma.sql`SELECT ${DEPLOYMENT}, d."endpointId" FROM "Deployment" d JOIN "Endpoint" e ON e.id = d."endpointId"
        WHERE d."endpointId" IN (${l})`,
    ),

  // Downstream.
  copiesOf: (ids: readonly string[]) =>
    many<VersionRow & { sourceVersionId: string }>(
      ids,
      (l) => Prisma.sql`SELECT ${VERSION} FROM "ModelVersion" v WHERE v."sourceVersionId" IN (${l})`,
    ),
  deploymentsOfVersions: (ids: readonly string[]) =>
    many<DeploymentRow & { modelVersionId: string }>(
      ids,
      (
        l,
      ) => Prisma.sql`SELECT ${DEPLOYMENT}, d."modelVersionId" FROM "Deployment" d JOIN "Endpoint" e ON e.id = d."endpointId"
        WHERE d."modelVersionId" IN (${l})`,
    ),
  /** The endpoints deployments belong to, described (`id` is the endpoint's). */
  endpointsOfDeployments: (ids: readonly string[]) =>
    many<EndpointRow & { deploymentId: string }>(
      ids,
      (l) => Prisma.sql`SELECT d.id AS "deploymentId", e.id, e.name, e.kind, e."scopeId" FROM "Deployment" d
        JOIN "Endpoint" e ON e.id = d."endpointId" WHERE d.id IN (${l})`,
    ),
  parentsOf: (ids: readonly string[]) =>
    many<{ id: string; parentJobId: string; scopeId: string }>(
      ids,
      (l) =>
        Prisma.sql`SELECT id, "parentJobId", "scopeId" FROM "Job" WHERE id IN (${l}) AND "parentJobId" IS NOT NULL`,
    ),
  versionsFromJobs: (ids: readonly string[]) =>
    many<VersionRow & { jobId: string | null; pipelineJobId: string | null }>(
      ids,
      (l) => Prisma.sql`SELECT ${VERSION}, ml."jobId", ml."pipelineJobId" FROM "ModelLineage" ml
        JOIN "ModelVersion" v ON v.id = ml."versionId"
        WHERE ml."originVersionId" IS NULL AND (ml."jobId" IN (${l}) OR ml."pipelineJobId" IN (${l}))`,
    ),
  jobsFromData: (ids: readonly string[]) =>
    many<{ assetVersionId: string; jobId: string | null; scopeId: string | null }>(
      ids,
      (
        l,
      ) => Prisma.sql`SELECT DISTINCT d."assetVersionId", ml."jobId", ml."scopeId" FROM "LineageData" d JOIN "ModelLineage" ml ON ml."versionId" = d."versionId"
        WHERE d."assetVersionId" IN (${l})`,
    ),

  // Nodes no read above described (met at the walk's edge, or behind a scope the reader is not in).
  describeModels: (ids: readonly string[]) =>
    many<VersionRow>(ids, (l) => Prisma.sql`SELECT ${VERSION} FROM "ModelVersion" v WHERE v.id IN (${l})`),
  describeData: (ids: readonly string[]) =>
    many<VersionRow>(ids, (l) => Prisma.sql`SELECT ${VERSION} FROM "AssetVersion" v WHERE v.id IN (${l})`),
  describeJobs: (ids: readonly string[]) =>
    many<JobRow>(ids, (l) => Prisma.sql`SELECT ${JOB} FROM "Job" j WHERE j.id IN (${l})`),
  describeDeployments: (ids: readonly string[]) =>
    many<DeploymentRow>(
      ids,
      (l) =>
        Prisma.sql`SELECT ${DEPLOYMENT} FROM "Deployment" d JOIN "Endpoint" e ON e.id = d."endpointId" WHERE d.id IN (${l})`,
    ),
  describeEndpoints: (ids: readonly string[]) =>
    many<EndpointRow>(
      ids,
      (l) => Prisma.sql`SELECT e.id, e.name, e.kind, e."scopeId" FROM "Endpoint" e WHERE e.id IN (${l})`,
    ),
  monitorOutcomes: (ids: readonly string[]) =>
    many<{ deploymentId: string; lastOutcome: string | null }>(
      ids,
      (l) => Prisma.sql`SELECT "deploymentId", "lastOutcome" FROM "Monitor" WHERE "deploymentId" IN (${l})`,
    ),
  scopes: (ids: readonly string[]) =>
    many<{ id: string; kind: string; name: string }>(
      ids,
      (l) => Prisma.sql`SELECT id, kind, name FROM "Scope" WHERE id IN (${l})`,
    ),
};
