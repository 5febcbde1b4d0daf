import "server-only";
import type { ScoringMethod } from "@/lib/schemas/endpoints";
import type { DeploymentConfig } from "@/server/runtime/scoring/deployment-runtime";

// The columns of a deployment that the scoring service runs it from, and the runtime's config made of them.

export const DEPLOYMENT_SELECT = {
  id: true,
  name: true,
  state: true,
  scoringMethod: true,
  scoringScript: true,
  instanceCount: true,
  requestTimeoutMs: true,
  dataCollectionPercent: true,
  updatedAt: true,
  endpointId: true,
  environmentVersionId: true,
  environmentLabel: true,
  createdById: true,
  createdByLabel: true,
  endpoint: { select: { scopeId: true } },
  files: { select: { path: true, sha256: true } },
  modelVersion: { select: { name: true, version: true, files: { select: { path: true, sha256: true } } } },
} as const;

export type DeploymentRow = {
  id: string;
  name: string;
  state: string;
  scoringMethod: string;
  scoringScript: string | null;
  instanceCount: number;
  requestTimeoutMs: number;
  dataCollectionPercent: number;
  updatedAt: Date;
  endpointId: string;
  environmentVersionId: string | null;
  environmentLabel: string | null;
  createdById: string | null;
  createdByLabel: string;
  endpoint: { scopeId: string };
  files: { path: string; sha256: string }[];
  modelVersion: { name: string; version: number; files: { path: string; sha256: string }[] };
};

export function configOf(row: DeploymentRow): DeploymentConfig {
  return {
    id: row.id,
    endpointId: row.endpointId,
    name: row.name,
    scoringMethod: row.scoringMethod as ScoringMethod,
    scoringScript: row.scoringScript,
    instanceCount: row.instanceCount,
    requestTimeoutMs: row.requestTimeoutMs,
    dataCollectionPercent: row.dataCollectionPercent,
    modelVersion: `${row.modelVersion.name}:${row.modelVersion.version}`,
    modelFiles: row.modelVersion.files,
    codeFiles: row.files,
    fingerprint: `${row.updatedAt.getTime()}`,
    environment: {
      scopeId: row.endpoint.scopeId,
      environmentVersionId: row.environmentVersionId,
      environmentLabel: row.environmentLabel,
      createdById: row.createdById,
      createdByLabel: row.createdByLabel,
    },
  };
}
