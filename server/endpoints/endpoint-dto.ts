import "server-only";
import { readRuntime } from "@/server/environments/stored-runtime";
import { featureNameMap } from "@/lib/monitoring/feature-names";
import { deploymentSchema } from "@/lib/schemas/endpoints";
import { z } from "zod";
import { formatAssetRef } from "@/lib/asset-ref";
import type {
  DeploymentDto,
  DeploymentState,
  EndpointDto,
  EndpointKind,
  EndpointSummaryDto,
  ScoringMethod,
} from "@/lib/schemas/endpoints";
import type { ScopeKind } from "@/lib/scopes";
import { scoringBaseUrl } from "@/server/env";

export const deploymentInclude = {
  files: { select: { path: true, size: true }, orderBy: { path: "asc" } },
  modelVersion: {
    select: {
      id: true,
      name: true,
      version: true,
      model: { select: { scope: { select: { kind: true, name: true } } } },
    },
  },
} as const;

export type DeploymentRow = {
  id: string;
  name: string;
  description: string;
  state: string;
  stateReason: string | null;
  scoringMethod: string;
  scoringScript: string | null;
  environmentLabel: string | null;
  followsAlias: string | null;
  instanceCount: number;
  requestTimeoutMs: number;
  dataCollectionPercent: number;
  collectRetentionDays: number;
  collectMaxRows: number;
  featureNames: string | null;
  miniBatchSize: number;
  signature: string | null;
  sandbox: string | null;
  runtime: string | null;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
  files: { path: string; size: bigint }[];
  modelVersion: { id: string; name: string; version: number; model: { scope: { kind: string; name: string } } };
};

export type EndpointRow = {
  id: string;
  name: string;
  kind: string;
  description: string;
  traffic: string;
  mirrorTraffic: string;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
};

export type TrafficState = { traffic: Record<string, number>; mirror: { deployment: string; percent: number } | null };

/** Percent of traffic by deployment name, as the `traffic` and `mirrorTraffic` columns hold it. */
const percentsSchema = z.record(z.string(), z.number());

/** An endpoint's `traffic` column alone: percent of live traffic by deployment name. */
export function trafficPercentsOf(traffic: string): Record<string, number> {
  return percentsSchema.parse(JSON.parse(traffic));
}

/** An endpoint's traffic columns, read in one place and parsed, not cast. */
export function trafficOf(row: { traffic: string; mirrorTraffic: string }): TrafficState {
  const traffic = trafficPercentsOf(row.traffic);
  const [mirrorName, mirrorPercent] = Object.entries(percentsSchema.parse(JSON.parse(row.mirrorTraffic)))[0] ?? [];
  return { traffic, mirror: mirrorName ? { deployment: mirrorName, percent: mirrorPercent } : null };
}

export function scoringUriOf(workspace: string, endpoint: { name: string; kind: string }): string | null {
  const base = scoringBaseUrl();
  return base && endpoint.kind === "online" ? `${base}/${workspace}/${endpoint.name}/score` : null;
}

export function modelLabelOf(row: Omit<DeploymentRow["modelVersion"], "id">): string {
  return formatAssetRef({ kind: row.model.scope.kind as ScopeKind, name: row.model.scope.name }, row.name, row.version);
}

export function toDeploymentDto(row: DeploymentRow, traffic: TrafficState): DeploymentDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    state: row.state as DeploymentState,
    stateReason: row.stateReason,
    model: {
      id: row.modelVersion.id,
      scope: { kind: row.modelVersion.model.scope.kind as ScopeKind, name: row.modelVersion.model.scope.name },
      name: row.modelVersion.name,
      version: row.modelVersion.version,
      label: modelLabelOf(row.modelVersion),
    },
    followsAlias: row.followsAlias,
    environment: row.environmentLabel,
    scoringMethod: row.scoringMethod as ScoringMethod,
    scoringScript: row.scoringScript,
    codeFiles: row.files.map((f) => ({ path: f.path, size: Number(f.size) })),
    instanceCount: row.instanceCount,
    requestTimeoutMs: row.requestTimeoutMs,
    dataCollectionPercent: row.dataCollectionPercent,
    collectRetentionDays: row.collectRetentionDays,
    collectMaxRows: row.collectMaxRows,
    featureNames: featureNameMap(row.featureNames),
    miniBatchSize: row.miniBatchSize,
    traffic: traffic.traffic[row.name] ?? 0,
    mirrorTraffic: traffic.mirror?.deployment === row.name ? traffic.mirror.percent : 0,
    signature: row.signature ? deploymentSchema.shape.signature.parse(JSON.parse(row.signature)) : null,
    sandbox:
      row.scoringMethod !== "onnx" && (row.sandbox === "bubblewrap" || row.sandbox === "none") ? row.sandbox : null,
    runtime: readRuntime(row.runtime),
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toEndpointSummaryDto(workspace: string, row: EndpointRow, deploymentCount: number): EndpointSummaryDto {
  const traffic = trafficOf(row);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as EndpointKind,
    description: row.description,
    authMode: "key",
    scoringUri: scoringUriOf(workspace, row),
    traffic: traffic.traffic,
    mirror: traffic.mirror,
    deploymentCount,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toEndpointDto(workspace: string, row: EndpointRow & { deployments: DeploymentRow[] }): EndpointDto {
  const traffic = trafficOf(row);
  // Every deployment is listed in the traffic, those that take none at 0.
  const complete = Object.fromEntries(row.deployments.map((d) => [d.name, traffic.traffic[d.name] ?? 0]));
  return {
    ...toEndpointSummaryDto(workspace, row, row.deployments.length),
    traffic: complete,
    deployments: row.deployments.map((d) => toDeploymentDto(d, traffic)),
  };
}
