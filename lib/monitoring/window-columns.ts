import { tableOf, type CollectedLine } from "@/lib/monitoring/collected-line";
import type { FlatValue } from "@/lib/monitoring/flat-table";
import type { FeatureKind } from "@/lib/monitoring/stats/methods";
import { QualityCounter, type QualityBaseline } from "@/lib/monitoring/stats/quality";
import { sortFloat64 } from "@/lib/monitoring/stats/radix-sort";
import { categoryKey, type RawValue } from "@/lib/monitoring/stats/values";

// A window of collected data as columns, filled one line at a time so a monitor run streams its segments
// (design note C4): a numerical feature keeps only its finite values, in one Float64Array sized from the
// segment index's row count (no doubling for the expected size); a categorical one keeps category counts;
// both count data quality as they go. Nothing else of a line is kept.

export type FeatureSpec = { name: string; kind: FeatureKind; quality: QualityBaseline | null };

export class ColumnSink {
  private numbers: Float64Array;
  private size = 0;
  readonly counts = new Map<string, number>();
  readonly quality: QualityCounter | null;
  /** Values of this column seen in the window (nulls included). */
  seen = 0;

  constructor(
    readonly spec: FeatureSpec,
    capacity: number,
  ) {
    this.numbers = new Float64Array(spec.kind === "numerical" ? Math.max(16, capacity) : 0);
    this.quality = spec.quality ? new QualityCounter(spec.quality) : null;
  }

  add(value: RawValue): void {
    this.seen++;
    this.quality?.add(value);
    if (this.spec.kind === "numerical") {
      if (typeof value !== "number" || !Number.isFinite(value)) return;
      if (this.size === this.numbers.length) {
        const grown = new Float64Array(this.numbers.length * 2);
        grown.set(this.numbers);
        this.numbers = grown;
      }
      this.numbers[this.size++] = value;
      return;
    }
    const key = categoryKey(value);
    if (key !== null) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Finite values held. */
  get count(): number {
    return this.size;
  }

  /** The finite values, sorted in place (the sink is done once this is called); `scratch` as sortFloat64's. */
  sorted(scratch?: Uint32Array): Float64Array {
    return sortFloat64(this.numbers.subarray(0, this.size), scratch);
  }
}

export type WindowOptions = {
  inputs: FeatureSpec[];
  outputs: FeatureSpec[];
  /** Rows the window is expected to hold (the index's count), to size numerical columns once. */
  expectedRows: number;
  /** Display names of a line's raw input columns (the deployment's featureNames). */
  nameInputs: (columns: string[]) => string[];
  /** Derives extra output columns from a row of outputs (the predicted class label). */
  deriveOutputs?: (columns: string[], rows: FlatValue[][]) => { columns: string[]; rows: FlatValue[][] };
  from: number;
  to: number;
};

export class WindowColumns {
  readonly inputs = new Map<string, ColumnSink>();
  readonly outputs = new Map<string, ColumnSink>();
  rows = 0;
  requests = 0;
  /** Input columns production had that the baseline does not (not measured, but worth saying). */
  readonly unknownInputs = new Set<string>();

  constructor(private readonly options: WindowOptions) {
    for (const spec of options.inputs) this.inputs.set(spec.name, new ColumnSink(spec, options.expectedRows));
    for (const spec of options.outputs) this.outputs.set(spec.name, new ColumnSink(spec, options.expectedRows));
  }

  add(line: CollectedLine): void {
    if (line.t < this.options.from || line.t >= this.options.to) return;
    this.requests++;
    const x = tableOf(line.x);
    if (!x) return;
    this.rows += x.rows.length;
    this.fill(this.inputs, x.columns, x.rows, true);
    const y = tableOf(line.y);
    if (!y || y.rows.length !== x.rows.length || !this.outputs.size) return;
    const derived = this.options.deriveOutputs?.(y.columns, y.rows) ?? y;
    this.fill(this.outputs, derived.columns, derived.rows, false);
  }

  /** Which sink each column of a line feeds, and which sinks it leaves without a value (cached per layout). */
  private readonly layouts = new Map<string, { targets: (ColumnSink | undefined)[]; missing: ColumnSink[] }>();

  private fill(sinks: Map<string, ColumnSink>, columns: string[], rows: FlatValue[][], isInput: boolean) {
    const key = `${isInput ? "x" : "y"}\u0000${columns.join("\u0000")}`;
    let layout = this.layouts.get(key);
    if (!layout) {
      const named = isInput ? this.options.nameInputs(columns) : columns;
      const targets = named.map((name) => {
        const sink = sinks.get(name);
        if (!sink && isInput) this.unknownInputs.add(name);
        return sink;
      });
      const hit = new Set(targets);
      layout = { targets, missing: [...sinks.values()].filter((sink) => !hit.has(sink)) };
      this.layouts.set(key, layout);
    }
    const { targets, missing } = layout;
    for (const row of rows) for (let i = 0; i < targets.length; i++) targets[i]?.add(row[i] ?? null);
    // A column the request did not hold at all counts as null for its rows (data quality).
    for (const sink of missing) for (let r = 0; r < rows.length; r++) sink.add(null);
  }
}
