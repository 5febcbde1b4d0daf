import "server-only";
import { featureNameMap } from "@/lib/monitoring/feature-names";
import {
  signalsSchema,
  type MonitorDto,
  type MonitorOutcome,
  type MonitorResultDetails,
  type MonitorResultDto,
  type MonitorRunDto,
} from "@/lib/schemas/monitors";

// Monitors, runs and results as the API answers them, from their rows.

export type StoredBaseline =
  | { kind: "data"; data: string; assetVersionId: string; targetColumn: string | null }
  | { kind: "window"; window: string; offset: string };

export function parseStoredBaseline(text: string): StoredBaseline {
  return JSON.parse(text) as StoredBaseline;
}

export const monitorInclude = {
  deployment: {
    select: {
      name: true,
      featureNames: true,
      endpoint: { select: { name: true } },
      modelVersion: { select: { name: true, version: true } },
    },
  },
} as const;

export type MonitorRow = {
  id: string;
  name: string;
  description: string;
  isEnabled: boolean;
  task: string | null;
  baseline: string;
  window: string;
  signals: string;
  minRows: number;
  scheduleId: string | null;
  lastRunId: string | null;
  lastOutcome: string | null;
  lastRunAt: Date | null;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
  deployment: {
    name: string;
    featureNames: string | null;
    endpoint: { name: string };
    modelVersion: { name: string; version: number };
  };
};

export function toMonitorDto(row: MonitorRow, lastRunStatus: string | null = null): MonitorDto {
  const baseline = parseStoredBaseline(row.baseline);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    endpoint: row.deployment.endpoint.name,
    deployment: row.deployment.name,
    model: `${row.deployment.modelVersion.name}:${row.deployment.modelVersion.version}`,
    isEnabled: row.isEnabled,
    task: row.task === "classification" || row.task === "regression" ? row.task : null,
    baseline:
      baseline.kind === "data"
        ? { kind: "data", data: baseline.data, targetColumn: baseline.targetColumn }
        : { kind: "window", window: baseline.window, offset: baseline.offset },
    window: row.window,
    signals: signalsSchema.parse(JSON.parse(row.signals)),
    minRows: row.minRows,
    featureNames: featureNameMap(row.deployment.featureNames),
    scheduleId: row.scheduleId,
    lastRun:
      row.lastRunId && row.lastRunAt
        ? {
            id: row.lastRunId,
            outcome: (row.lastOutcome as MonitorOutcome | null) ?? null,
            status: lastRunStatus ?? (row.lastOutcome === "failed" ? "failed" : "succeeded"),
            at: row.lastRunAt.toISOString(),
          }
        : null,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type RunRow = {
  id: string;
  trigger: string;
  status: string;
  outcome: string | null;
  windowStart: Date;
  windowEnd: Date;
  baselineStart: Date | null;
  baselineEnd: Date | null;
  productionRows: number;
  baselineRows: number;
  error: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  createdByLabel: string;
};

export type ResultRowStored = {
  signal: string;
  feature: string;
  featureType: string;
  metric: string;
  value: number | null;
  threshold: number | null;
  direction: string;
  isBreached: boolean;
  status: string;
  severity: number;
  details: string;
};

export function toRunDto(
  row: RunRow,
  results: readonly Pick<ResultRowStored, "signal" | "isBreached" | "status">[],
): MonitorRunDto {
  const signals: MonitorRunDto["signals"] = {};
  for (const r of results) {
    const s = (signals[r.signal] ??= { breached: 0, measured: 0, insufficient: 0 });
    if (r.status === "ok") s.measured++;
    if (r.status === "insufficient_data") s.insufficient++;
    if (r.isBreached) s.breached++;
  }
  return {
    id: row.id,
    trigger: row.trigger,
    status: row.status as MonitorRunDto["status"],
    outcome: row.outcome as MonitorRunDto["outcome"],
    window: { from: row.windowStart.toISOString(), to: row.windowEnd.toISOString() },
    baselineWindow:
      row.baselineStart && row.baselineEnd
        ? { from: row.baselineStart.toISOString(), to: row.baselineEnd.toISOString() }
        : null,
    productionRows: row.productionRows,
    baselineRows: row.baselineRows,
    error: row.error,
    queuedAt: row.queuedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    createdBy: row.createdByLabel,
    signals,
  };
}

export function toResultDto(row: ResultRowStored): MonitorResultDto {
  return {
    signal: row.signal as MonitorResultDto["signal"],
    feature: row.feature,
    featureType: row.featureType,
    metric: row.metric,
    value: row.value,
    threshold: row.threshold,
    direction: row.direction === "below" ? "below" : "above",
    isBreached: row.isBreached,
    status: row.status as MonitorResultDto["status"],
    severity: row.severity,
    details: JSON.parse(row.details) as MonitorResultDetails,
  };
}
