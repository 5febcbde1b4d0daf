import { tableOf, type CollectedLine } from "@/lib/monitoring/collected-line";
import type { FlatTable, FlatValue } from "@/lib/monitoring/flat-table";
import { argmaxLabels, probabilityColumns } from "@/lib/monitoring/task";
import { quantileSorted } from "@/lib/monitoring/stats/sorted";
import type { ChallengerCriteria, CriterionCheck } from "@/lib/monitoring/criteria";

// The challenger comparison (design note C5): a mirrored request's line holds both answers, so the live
// and challenger outputs are compared row by row. Classifiers (outputs of class probabilities) compare
// their top classes: agreement rate and a confusion table; other numeric outputs compare values: MAE,
// RMSE and the largest difference; other values compare for equality. Both sides' error rates and
// latencies come from the same requests, and the rows where the two differ most are kept with their inputs.

export type ComparisonKind = "classification" | "regression" | "equality";

export type Disagreement = {
  requestId: string | null;
  at: string;
  row: number;
  inputs: { columns: string[]; values: FlatValue[] };
  live: FlatValue;
  challenger: FlatValue;
  /** |Δ| for values; for classes, how much less the challenger trusts the live model's class. */
  gap: number;
};

export type ComparisonSummary = {
  kind: ComparisonKind | null;
  /** The output compared: the probability columns' prefix, or the value column. */
  output: string | null;
  live: string[];
  challenger: string[];
  pairedRequests: number;
  comparedRows: number;
  /** Rows whose outputs could not be compared (a failed side, different shapes). */
  skippedRows: number;
  agreement: number | null;
  confusion: { labels: string[]; counts: number[][] } | null;
  mae: number | null;
  rmse: number | null;
  maxAbsDiff: number | null;
  errorRate: { live: number | null; challenger: number | null };
  latencyMs: {
    live: { p50: number | null; p95: number | null };
    challenger: { p50: number | null; p95: number | null };
  };
  disagreements: Disagreement[];
};

/** The comparison the API answers: the summary over a window, and the endpoint's mirror now. */
export type EndpointComparison = ComparisonSummary & {
  window: { from: string; to: string };
  /** The endpoint's mirror now (the window may hold pairs of an earlier one). */
  mirror: { deployment: string; percent: number } | null;
  /** The endpoint's promotion criteria, each checked over their own window; null when none are set. */
  criteria: {
    definition: ChallengerCriteria;
    meets: boolean;
    checks: CriterionCheck[];
    /** Since when they have held (null: they do not now). */
    metAt: string | null;
  } | null;
};

const KEPT_DISAGREEMENTS = 20;

type Plan =
  | { kind: "classification"; prefix: string; liveIdx: number[]; challengerIdx: number[] }
  | { kind: "regression" | "equality"; column: string; liveIdx: number; challengerIdx: number };

/** How two answers compare: by their shared probability group, else their first shared column. */
function planFor(live: FlatTable, challenger: FlatTable): Plan | null {
  const group = probabilityColumns(live.columns, live.rows);
  if (group) {
    const challengerIdx = group.columns.map((c) => challenger.columns.indexOf(c));
    if (challengerIdx.every((i) => i >= 0))
      return { kind: "classification", prefix: group.prefix, liveIdx: group.indexes, challengerIdx };
  }
  for (let i = 0; i < live.columns.length; i++) {
    const j = challenger.columns.indexOf(live.columns[i]);
    if (j < 0) continue;
    const numeric =
      live.rows.every((r) => typeof r[i] === "number") && challenger.rows.every((r) => typeof r[j] === "number");
    return { kind: numeric ? "regression" : "equality", column: live.columns[i], liveIdx: i, challengerIdx: j };
  }
  return null;
}

/** Accumulates mirrored lines of a window into a summary (one pass, bounded memory but latencies). */
export class ComparisonAccumulator {
  private readonly live = new Set<string>();
  private readonly challengers = new Set<string>();
  private paired = 0;
  private compared = 0;
  private skipped = 0;
  private agree = 0;
  private absSum = 0;
  private sqSum = 0;
  private maxAbs: number | null = null;
  private liveErrors = 0;
  private challengerErrors = 0;
  private readonly liveLatency: number[] = [];
  private readonly challengerLatency: number[] = [];
  private readonly confusion = new Map<string, Map<string, number>>();
  private kind: ComparisonKind | null = null;
  private output: string | null = null;
  private kept: Disagreement[] = [];

  constructor(private readonly names: { inputs?: (columns: string[]) => string[] } = {}) {}

  add(line: CollectedLine, liveDeployment: string): void {
    const mirror = line.m;
    if (!mirror) return;
    this.paired++;
    this.live.add(liveDeployment);
    this.challengers.add(mirror.d);
    this.liveLatency.push(line.l);
    this.challengerLatency.push(mirror.l);
    if (line.s !== 200) this.liveErrors++;
    if (mirror.s !== 200) this.challengerErrors++;
    const live = tableOf(line.y);
    const challenger = tableOf(mirror.y);
    const rows = "e" in line.x ? 1 : (line.x.n ?? line.x.r.length);
    if (!live || !challenger || live.rows.length !== challenger.rows.length) {
      this.skipped += rows;
      return;
    }
    const plan = planFor(live, challenger);
    if (!plan || (this.kind && this.kind !== plan.kind)) {
      this.skipped += live.rows.length;
      return;
    }
    this.kind ??= plan.kind;
    this.output ??= plan.kind === "classification" ? plan.prefix : plan.column;
    if (plan.kind === "classification") this.addClasses(line, plan, live, challenger);
    else this.addValues(line, plan, live, challenger);
  }

  private addClasses(
    line: CollectedLine,
    plan: Extract<Plan, { kind: "classification" }>,
    live: FlatTable,
    challenger: FlatTable,
  ) {
    const labels = plan.liveIdx.map((_, k) => String(k));
    const liveTop = argmaxLabels(live.rows, plan.liveIdx, labels);
    const challengerTop = argmaxLabels(challenger.rows, plan.challengerIdx, labels);
    liveTop.forEach((a, r) => {
      const b = challengerTop[r];
      if (a === null || b === null) return void this.skipped++;
      this.compared++;
      const row = this.confusion.get(a) ?? new Map<string, number>();
      row.set(b, (row.get(b) ?? 0) + 1);
      this.confusion.set(a, row);
      if (a === b) return void this.agree++;
      const k = Number(a);
      const gap = (live.rows[r][plan.liveIdx[k]] as number) - (challenger.rows[r][plan.challengerIdx[k]] as number);
      this.keep(line, r, a, b, gap);
    });
  }

  private addValues(
    line: CollectedLine,
    plan: Extract<Plan, { kind: "regression" | "equality" }>,
    live: FlatTable,
    challenger: FlatTable,
  ) {
    live.rows.forEach((liveRow, r) => {
      const a = liveRow[plan.liveIdx];
      const b = challenger.rows[r][plan.challengerIdx];
      if (plan.kind === "regression") {
        if (typeof a !== "number" || typeof b !== "number") return void this.skipped++;
        const diff = Math.abs(a - b);
        this.compared++;
        this.absSum += diff;
        this.sqSum += diff * diff;
        this.maxAbs = Math.max(this.maxAbs ?? 0, diff);
        if (diff > 0) this.keep(line, r, a, b, diff);
        return;
      }
      this.compared++;
      if (a === b) this.agree++;
      else this.keep(line, r, a, b, 1);
    });
  }

  private keep(line: CollectedLine, row: number, live: FlatValue, challenger: FlatValue, gap: number) {
    if (this.kept.length >= KEPT_DISAGREEMENTS && gap <= this.kept[this.kept.length - 1].gap) return;
    const x = tableOf(line.x);
    this.kept.push({
      requestId: line.id,
      at: new Date(line.t).toISOString(),
      row,
      inputs: x
        ? { columns: this.names.inputs ? this.names.inputs(x.columns) : x.columns, values: x.rows[row] ?? [] }
        : { columns: [], values: [] },
      live,
      challenger,
      gap,
    });
    this.kept.sort((p, q) => q.gap - p.gap);
    if (this.kept.length > KEPT_DISAGREEMENTS) this.kept.length = KEPT_DISAGREEMENTS;
  }

  summary(): ComparisonSummary {
    const labels = [
      ...new Set([...this.confusion.keys(), ...[...this.confusion.values()].flatMap((m) => [...m.keys()])]),
    ].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    const latency = (values: number[]) => {
      const sorted = Float64Array.from(values).sort();
      return sorted.length
        ? { p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) }
        : { p50: null, p95: null };
    };
    const isValues = this.kind === "regression";
    return {
      kind: this.kind,
      output: this.output,
      live: [...this.live].sort(),
      challenger: [...this.challengers].sort(),
      pairedRequests: this.paired,
      comparedRows: this.compared,
      skippedRows: this.skipped,
      agreement: !isValues && this.compared ? this.agree / this.compared : null,
      confusion:
        this.kind === "classification"
          ? { labels, counts: labels.map((a) => labels.map((b) => this.confusion.get(a)?.get(b) ?? 0)) }
          : null,
      mae: isValues && this.compared ? this.absSum / this.compared : null,
      rmse: isValues && this.compared ? Math.sqrt(this.sqSum / this.compared) : null,
      maxAbsDiff: isValues ? this.maxAbs : null,
      errorRate: {
        live: this.paired ? this.liveErrors / this.paired : null,
        challenger: this.paired ? this.challengerErrors / this.paired : null,
      },
      latencyMs: { live: latency(this.liveLatency), challenger: latency(this.challengerLatency) },
      disagreements: this.kept,
    };
  }
}
