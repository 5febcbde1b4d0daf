import "server-only";
import { Prisma } from "@/generated/sqlite/client";
import { queryRows } from "@/server/db";

// The lineage graph's reads, as plain SQL on indexed columns: the graph touches thousands of rows across six
// tables per request, and joining their scopes in SQL (rather than loading each relation as its own query)
// keeps it near what a hand-written walk costs. Portable SQL: quoted identifiers, no dialect functions.

const list = (ids: readonly string[]) => Prisma.join([...ids]);
type Rows<T> = Promise<T[]>;

async function many<T>(ids: readonly string[], sql: (list: Prisma.Sql) => Prisma.Sql): Rows<T> {
  return ids.length ? queryRows<T>(sql(list(ids))) : [];
}

export const lineageQueries = {
  /** The versions of a model (all, or one), or of a data asset, in a scope: a graph's roots. */
  versionIds: (table: "ModelVersion" | "AssetVersion", scopeId: string, name: string, version: number | null) =>
    queryRows<{ id: string }>(
      Prisma.sql`SELECT id FROM ${Prisma.raw(`"${table}"`)} WHERE "scopeId" = ${scopeId} AND name = ${name}${
        table === "AssetVersion" ? Prisma.sql` AND kind = 'data'` : Prisma.empty
      }${version ? Prisma.sql` AND version = ${version}` : Prisma.empty}`,
    ),
  lineageOfVersions: (ids: readonly string[]) =>
    many<{
      versionId: string;
      jobId: string | null;
      pipelineJobId: string | null;
      scopeId: string | null;
      originVersionId: string | null;
    }>(
      ids,
      (l) =>
        Prisma.sql`SELECT "versionId", "jobId", "pipelineJobId", "scopeId", "originVersionId" FROM "ModelLineage" WHERE "versionId" IN (${l})`,
    ),
  originsOfCopies: (ids: readonly string[]) =>
    many<{ id: string; sourceVersionId: string; sourceScopeId: string }>(
      ids,
      (l) => Prisma.sql`SELECT v.id, v."sourceVersionId", o."scopeId" AS "sourceScopeId" FROM "ModelVersion" v
        JOIN "ModelVersion" o ON o.id = v."sourceVersionId" WHERE v.id IN (${l})`,
    ),
  jobsWithSpecs: (ids: readonly string[]) =>
    many<{ id: string; kind: string; spec: string }>(
      ids,
      (l) => Prisma.sql`SELECT id, kind, spec FROM "Job" WHERE id IN (${l})`,
    ),
  stepsOf: (ids: readonly string[]) =>
    many<{ id: string; parentJobId: string; scopeId: string }>(
      ids,
      (l) => Prisma.sql`SELECT id, "parentJobId", "scopeId" FROM "Job" WHERE "parentJobId" IN (${l})`,
    ),
  parentsOf: (ids: readonly string[]) =>
    many<{ id: string; parentJobId: string; scopeId: string }>(
      ids,
      (l) =>
        Prisma.sql`SELECT id, "parentJobId", "scopeId" FROM "Job" WHERE id IN (${l}) AND "parentJobId" IS NOT NULL`,
    ),
  dataScopes: (ids: readonly string[]) =>
    many<{ id: string; scopeId: string }>(
      ids,
      (l) => Prisma.sql`SELECT id, "scopeId" FROM "AssetVersion" WHERE id IN (${l})`,
    ),
  copiesOf: (ids: readonly string[]) =>
    many<{ id: string; scopeId: string; sourceVersionId: string }>(
      ids,
      (l) => Prisma.sql`SELECT id, "scopeId", "sourceVersionId" FROM "ModelVersion" WHERE "sourceVersionId" IN (${l})`,
    ),
  deploymentsOfVersions: (ids: readonly string[]) =>
    many<{ id: string; modelVersionId: string; scopeId: string; modelScopeId: string }>(
      ids,
      (l) => Prisma.sql`SELECT d.id, d."modelVersionId", e."scopeId", v."scopeId" AS "modelScopeId" FROM "Deployment" d
        JOIN "Endpoint" e ON e.id = d."endpointId" JOIN "ModelVersion" v ON v.id = d."modelVersionId" WHERE d."modelVersionId" IN (${l})`,
    ),
  deploymentsById: (ids: readonly string[]) =>
    many<{ id: string; modelVersionId: string; endpointId: string; scopeId: string; modelScopeId: string }>(
      ids,
      (
        l,
      ) => Prisma.sql`SELECT d.id, d."modelVersionId", d."endpointId", e."scopeId", v."scopeId" AS "modelScopeId" FROM "Deployment" d
        JOIN "Endpoint" e ON e.id = d."endpointId" JOIN "ModelVersion" v ON v.id = d."modelVersionId" WHERE d.id IN (${l})`,
    ),
  deploymentsOfEndpoints: (ids: readonly string[]) =>
    many<{ id: string; endpointId: string; scopeId: string }>(
      ids,
      (l) =>
        Prisma.sql`SELECT d.id, d."endpointId", e."scopeId" FROM "Deployment" d JOIN "Endpoint" e ON e.id = d."endpointId" WHERE d."endpointId" IN (${l})`,
    ),
  versionsFromJobs: (ids: readonly string[]) =>
    many<{ versionId: string; jobId: string | null; pipelineJobId: string | null; scopeId: string }>(
      ids,
      (
        l,
      ) => Prisma.sql`SELECT ml."versionId", ml."jobId", ml."pipelineJobId", v."scopeId" FROM "ModelLineage" ml JOIN "ModelVersion" v ON v.id = ml."versionId"
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

  // Node descriptions, each with its scope.
  describeModels: (ids: readonly string[]) =>
    many<{ id: string; name: string; version: number; scopeId: string; scopeKind: string; scopeName: string }>(
      ids,
      (l) => Prisma.sql`SELECT v.id, v.name, v.version, s.id AS "scopeId", s.kind AS "scopeKind", s.name AS "scopeName"
        FROM "ModelVersion" v JOIN "Scope" s ON s.id = v."scopeId" WHERE v.id IN (${l})`,
    ),
  describeJobs: (ids: readonly string[]) =>
    many<{
      id: string;
      name: string;
      displayName: string;
      status: string;
      kind: string;
      scopeId: string;
      scopeKind: string;
      scopeName: string;
    }>(
      ids,
      (
        l,
      ) => Prisma.sql`SELECT j.id, j.name, j."displayName", j.status, j.kind, s.id AS "scopeId", s.kind AS "scopeKind", s.name AS "scopeName"
        FROM "Job" j JOIN "Scope" s ON s.id = j."scopeId" WHERE j.id IN (${l})`,
    ),
  describeData: (ids: readonly string[]) =>
    many<{ id: string; name: string; version: number; scopeId: string; scopeKind: string; scopeName: string }>(
      ids,
      (l) => Prisma.sql`SELECT v.id, v.name, v.version, s.id AS "scopeId", s.kind AS "scopeKind", s.name AS "scopeName"
        FROM "AssetVersion" v JOIN "Scope" s ON s.id = v."scopeId" WHERE v.id IN (${l})`,
    ),
  describeDeployments: (ids: readonly string[]) =>
    many<{
      id: string;
      name: string;
      state: string;
      endpoint: string;
      scopeId: string;
      scopeKind: string;
      scopeName: string;
    }>(
      ids,
      (
        l,
      ) => Prisma.sql`SELECT d.id, d.name, d.state, e.name AS endpoint, s.id AS "scopeId", s.kind AS "scopeKind", s.name AS "scopeName"
        FROM "Deployment" d JOIN "Endpoint" e ON e.id = d."endpointId" JOIN "Scope" s ON s.id = e."scopeId" WHERE d.id IN (${l})`,
    ),
  monitorOutcomes: (ids: readonly string[]) =>
    many<{ deploymentId: string; lastOutcome: string | null }>(
      ids,
      (l) => Prisma.sql`SELECT "deploymentId", "lastOutcome" FROM "Monitor" WHERE "deploymentId" IN (${l})`,
    ),
  describeEndpoints: (ids: readonly string[]) =>
    many<{ id: string; name: string; kind: string; scopeId: string; scopeKind: string; scopeName: string }>(
      ids,
      (l) => Prisma.sql`SELECT e.id, e.name, e.kind, s.id AS "scopeId", s.kind AS "scopeKind", s.name AS "scopeName"
        FROM "Endpoint" e JOIN "Scope" s ON s.id = e."scopeId" WHERE e.id IN (${l})`,
    ),
};
