import "server-only";
import { db } from "@/server/db";
import { recordEvent } from "@/server/events/record-event";
import { signalsSchema, type Signals } from "@/lib/schemas/monitors";
import { applyFeatureNames, featureNameMap } from "@/lib/monitoring/feature-names";
import type { FlatValue } from "@/lib/monitoring/flat-table";
import { classLabels, probabilityColumns, withPredictedLabel } from "@/lib/monitoring/task";
import { inferKind } from "@/lib/monitoring/stats/drift";
import { qualityBaselineOf } from "@/lib/monitoring/stats/quality";
import { categoryCounts, sortedFinite, type RawValue } from "@/lib/monitoring/stats/values";
import { WindowColumns, type FeatureSpec } from "@/lib/monitoring/window-columns";
import {
  compareResults,
  evaluateDrift,
  evaluatePerformance,
  evaluateQuality,
  sortScratch,
  outcomeOf,
  type BaselineFeature,
  type ResultRow,
} from "@/lib/monitoring/evaluate";
import type { BaselineTable } from "@/server/monitoring/baseline-data";
import { loadDataBaseline } from "@/server/monitoring/baseline-snapshot";
import { scoreBaseline } from "@/server/monitoring/baseline-outputs";
import { collectedColumns } from "@/server/monitoring/manage-monitors";
import { feedbackForWindow } from "@/server/monitoring/feedback";
import { PerformanceAccumulator } from "@/lib/monitoring/performance";
import { forEachLine, windowSegments, windowTable } from "@/server/monitoring/window-data";
import { parseStoredBaseline } from "@/server/monitoring/monitor-dto";

// One monitor run, start to finish (design note C4): read the baseline, stream the production window's
// segments into columns, compute every signal, and record the results, the run's outcome and, when
// something breached, a monitor.alert event, all in one transaction.

const MAX_ALERT_BREACHES = 20;

function baselineFeatures(table: BaselineTable, leaveOut: string | null): BaselineFeature[] {
  return table.columns
    .filter((name) => name !== leaveOut)
    .map((name) => {
      const values = table.values.get(name)!;
      const kind = inferKind(values);
      return {
        name,
        kind,
        values,
        quality: qualityBaselineOf(values),
        ...(kind === "numerical" ? { sorted: sortedFinite(values) } : { counts: categoryCounts(values) }),
      };
    });
}

const specOf = (f: BaselineFeature): FeatureSpec => ({ name: f.name, kind: f.kind, quality: f.quality });

/** Adds the predicted class (argmax of class probabilities) as a `prediction` output column. */
function predictedLabels(labelsFor: (k: number) => string[]) {
  const groups = new Map<string, ReturnType<typeof probabilityColumns>>();
  return (columns: string[], rows: FlatValue[][]) => {
    const key = columns.join("\u0000");
    if (!groups.has(key)) groups.set(key, probabilityColumns(columns, rows));
    const group = groups.get(key);
    if (!group) return { columns, rows };
    const derived = withPredictedLabel({ columns, rows }, group, labelsFor(group.indexes.length));
    return { columns: derived.columns, rows: derived.rows };
  };
}

type RunContext = Awaited<ReturnType<typeof loadRun>>;

/**
 * evaluateDrift a feature at a time, giving the event loop a turn between features: a run over a million
 * rows sorts for seconds, and the dispatcher's process also sends webhooks and fires schedules.
 */
async function driftByFeature(...[signal, config, features, production, minRows]: Parameters<typeof evaluateDrift>) {
  const scratch = sortScratch(production);
  const rows: ResultRow[] = [];
  for (const feature of features) {
    rows.push(...evaluateDrift(signal, config, [feature], production, minRows, scratch));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

async function loadRun(runId: string) {
  return db.monitorRun.findUniqueOrThrow({
    where: { id: runId },
    include: {
      monitor: {
        include: {
          deployment: {
            select: {
              id: true,
              name: true,
              featureNames: true,
              signature: true,
              endpoint: { select: { name: true, kind: true } },
              modelVersion: { select: { name: true, version: true } },
            },
          },
          scope: { select: { name: true } },
        },
      },
    },
  });
}

/** Computes a run's results (no writes). */
export async function computeRun(
  run: RunContext,
): Promise<{ rows: ResultRow[]; productionRows: number; baselineRows: number }> {
  const { monitor } = run;
  const signals: Signals = signalsSchema.parse(JSON.parse(monitor.signals));
  const baseline = parseStoredBaseline(monitor.baseline);
  const names = featureNameMap(monitor.deployment.featureNames);
  const nameInputs = (columns: string[]) => applyFeatureNames(columns, names);

  let inputs: BaselineTable;
  let outputs: BaselineTable | null = null;
  let target: ArrayLike<RawValue> | null = null;
  if (baseline.kind === "data") {
    inputs = await loadDataBaseline({ ...monitor, assetVersionId: baseline.assetVersionId });
    if (baseline.targetColumn) target = inputs.values.get(baseline.targetColumn) ?? null;
  } else {
    const from = run.baselineStart!;
    const to = run.baselineEnd!;
    const segments = await windowSegments(monitor.deploymentId, from, to);
    inputs = await windowTable(segments, from, to, "x", nameInputs);
    outputs = await windowTable(
      segments,
      from,
      to,
      "y",
      (c) => c,
      predictedLabels((k) => classLabels(k).labels),
    );
  }
  const labelsFor = (k: number) => classLabels(k, { baselineTarget: target }).labels;
  const inputFeatures = baselineFeatures(inputs, baseline.kind === "data" ? baseline.targetColumn : null);
  // A data baseline has no model outputs: an online deployment scores it (quietly) for prediction drift.
  let outputsProblem: string | null = null;
  if (!outputs && signals.predictionDrift.enabled) {
    const { deployment } = monitor;
    if (deployment.endpoint.kind !== "online") {
      outputsProblem = "a batch deployment's baseline outputs come from an earlier window: use a window baseline";
    } else {
      const scored = await scoreBaseline(
        { workspace: monitor.scope.name, endpoint: deployment.endpoint.name, deployment: deployment.name },
        inputs,
        await collectedColumns(deployment),
        (raw) => names?.[raw] ?? raw,
        predictedLabels(labelsFor),
      );
      if ("error" in scored) outputsProblem = scored.error;
      else outputs = scored;
    }
  }
  const outputFeatures = outputs ? baselineFeatures(outputs, null) : [];

  const segments = await windowSegments(monitor.deploymentId, run.windowStart, run.windowEnd);
  const production = new WindowColumns({
    inputs: inputFeatures.map(specOf),
    outputs: outputFeatures.map(specOf),
    expectedRows: segments.reduce((sum, s) => sum + s.rows, 0),
    nameInputs,
    deriveOutputs: predictedLabels(labelsFor),
    from: run.windowStart.getTime(),
    to: run.windowEnd.getTime(),
  });
  const performance = new PerformanceAccumulator(
    signals.modelPerformance.enabled
      ? await feedbackForWindow(monitor.endpointId, run.windowStart, run.windowEnd)
      : new Map(),
    predictedLabels(labelsFor),
  );
  const from = run.windowStart.getTime();
  const to = run.windowEnd.getTime();
  await forEachLine(segments, (line) => {
    production.add(line);
    if (line.t >= from && line.t < to) performance.add(line);
  });

  const rows: ResultRow[] = [];
  if (signals.dataDrift.enabled)
    rows.push(
      ...(await driftByFeature("data_drift", signals.dataDrift, inputFeatures, production.inputs, monitor.minRows)),
    );
  if (signals.predictionDrift.enabled) {
    if (outputFeatures.length)
      rows.push(
        ...(await driftByFeature(
          "prediction_drift",
          signals.predictionDrift,
          outputFeatures,
          production.outputs,
          monitor.minRows,
        )),
      );
    else
      rows.push({
        signal: "prediction_drift",
        feature: "",
        featureType: "",
        metric: "",
        value: null,
        threshold: null,
        direction: "above",
        isBreached: false,
        status: "not_applicable",
        severity: -1e6,
        details: { reason: `no baseline outputs to compare with: ${outputsProblem ?? "the baseline has none"}` },
      });
  }
  if (signals.dataQuality.enabled) rows.push(...evaluateQuality(signals.dataQuality, inputFeatures, production.inputs));
  if (signals.modelPerformance.enabled) {
    const task = monitor.task === "classification" || monitor.task === "regression" ? monitor.task : null;
    rows.push(...evaluatePerformance(signals.modelPerformance, performance.result(task), monitor.minRows));
  }
  if (!inputFeatures.some((f) => production.inputs.get(f.name)?.seen) && production.rows > 0) {
    const unknown = [...production.unknownInputs].slice(0, 10).join(", ");
    throw new Error(
      `No production column matches a baseline column (production has ${unknown}; the baseline has ${inputFeatures
        .map((f) => f.name)
        .join(", ")}). Name the deployment's collected columns (feature names) after the baseline's.`,
    );
  }
  return { rows, productionRows: production.rows, baselineRows: inputs.rows };
}

/** Runs a claimed run and records its results, or its failure. */
export async function executeMonitorRun(runId: string, owner: string): Promise<void> {
  const run = await loadRun(runId);
  const started = Date.now();
  let computed: Awaited<ReturnType<typeof computeRun>>;
  try {
    computed = await computeRun(run);
  } catch (error) {
    await finishFailed(run, owner, (error as Error).message, started);
    return;
  }
  await recordResults(run, owner, computed, started);
}

async function finishFailed(run: RunContext, owner: string, message: string, started: number) {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const done = await tx.monitorRun.updateMany({
      where: { id: run.id, status: "running", leaseOwner: owner },
      data: {
        status: "failed",
        error: message.slice(0, 2000),
        finishedAt: now,
        durationMs: Date.now() - started,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    if (!done.count) return;
    await tx.monitor.update({
      where: { id: run.monitorId },
      data: { lastRunId: run.id, lastOutcome: "failed", lastRunAt: now },
    });
  });
}

async function recordResults(
  run: RunContext,
  owner: string,
  computed: Awaited<ReturnType<typeof computeRun>>,
  started: number,
) {
  const { monitor } = run;
  const outcome = outcomeOf(computed.rows);
  const now = new Date();
  await db.$transaction(async (tx) => {
    const done = await tx.monitorRun.updateMany({
      where: { id: run.id, status: "running", leaseOwner: owner },
      data: {
        status: "succeeded",
        outcome,
        productionRows: computed.productionRows,
        baselineRows: computed.baselineRows,
        finishedAt: now,
        durationMs: Date.now() - started,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    if (!done.count) return; // the lease was lost: another worker took the run over
    await tx.monitorResult.createMany({
      data: computed.rows.map((r) => ({
        runId: run.id,
        monitorId: monitor.id,
        at: run.windowEnd,
        signal: r.signal,
        feature: r.feature,
        featureType: r.featureType,
        metric: r.metric,
        value: r.value,
        threshold: r.threshold,
        direction: r.direction,
        isBreached: r.isBreached,
        status: r.status,
        severity: r.severity,
        details: JSON.stringify(r.details),
      })),
    });
    await tx.monitor.update({
      where: { id: monitor.id },
      data: { lastRunId: run.id, lastOutcome: outcome, lastRunAt: now },
    });
    if (outcome !== "alert") return;
    const breaches = computed.rows.filter((r) => r.isBreached).sort(compareResults);
    const { deployment } = monitor;
    await recordEvent(tx, {
      actor: null,
      anonymousLabel: `monitor ${monitor.name}`,
      action: "monitor.alert",
      subject: { type: "monitor", id: monitor.id, label: monitor.name },
      scopeId: monitor.scopeId,
      data: {
        monitor: monitor.name,
        endpoint: deployment.endpoint.name,
        deployment: deployment.name,
        model: `${deployment.modelVersion.name}:${deployment.modelVersion.version}`,
        run: run.id,
        window: { from: run.windowStart.toISOString(), to: run.windowEnd.toISOString() },
        productionRows: computed.productionRows,
        breachCount: breaches.length,
        breaches: breaches.slice(0, MAX_ALERT_BREACHES).map((b) => ({
          signal: b.signal,
          feature: b.feature,
          metric: b.metric,
          value: b.value,
          threshold: b.threshold,
        })),
      },
    });
  });
}
