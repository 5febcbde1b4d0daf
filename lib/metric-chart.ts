// Pure helpers behind the metric charts (components/charts): smoothing, x-axis choices, log-scale
// eligibility and the merge of several series into the rows a recharts LineChart draws.

export type MetricPoint = { step: number; value: number; timestamp: number };
export const X_AXES = ["step", "wall", "relative"] as const;
export type XAxisKind = (typeof X_AXES)[number];
export const X_AXIS_LABELS: Record<XAxisKind, string> = { step: "Step", wall: "Wall time", relative: "Relative time" };
export const MAX_SMOOTHING = 0.99;

export function parseXAxis(value: string | null | undefined): XAxisKind {
  return (X_AXES as readonly string[]).includes(value ?? "") ? (value as XAxisKind) : "step";
}

/**
 * TensorBoard's smoothing: an exponential moving average, debiased so the first points are not pulled
 * towards zero. weight 0 returns the values; weight is clamped to [0, MAX_SMOOTHING].
 */
export function smoothEma(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(Number.isFinite(weight) ? weight : 0, 0), MAX_SMOOTHING);
  if (w === 0) return [...values];
  let last = 0;
  let debias = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    last = last * w + (1 - w) * value;
    debias = debias * w + (1 - w);
    return last / debias;
  });
}

/** The x value of a point: its step, its wall-clock time (ms), or seconds since the series' first point. */
export function xOf(point: MetricPoint, axis: XAxisKind, origin: number): number {
  if (axis === "step") return point.step;
  if (axis === "wall") return point.timestamp;
  return (point.timestamp - origin) / 1000;
}

/** A log scale needs every value above zero; otherwise the reason it is off. */
export function logScaleBlocker(series: readonly { points: readonly { value: number }[] }[]): string | null {
  const all = series.flatMap((s) => s.points.map((p) => p.value));
  if (all.length === 0) return "No values to draw.";
  if (all.some((v) => v <= 0)) return "Log scale needs values above 0; this chart has values ≤ 0.";
  return null;
}

export type ChartSeries = { id: string; points: readonly MetricPoint[] };
/** One row per distinct x: `x`, and per series `<id>` (smoothed) and `<id>__raw` where it has a point. */
export type ChartRow = { x: number } & Record<string, number>;

/**
 * Rows for a LineChart with one line per series. Each series gets its own relative-time origin (its
 * first point), so runs started at different times line up. Series with several points at one x keep
 * the last one.
 */
export function chartRows(series: readonly ChartSeries[], axis: XAxisKind, smoothing: number): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const s of series) {
    const origin = s.points.length ? Math.min(...s.points.map((p) => p.timestamp)) : 0;
    const smoothed = smoothEma(
      s.points.map((p) => p.value),
      smoothing,
    );
    s.points.forEach((p, i) => {
      const x = xOf(p, axis, origin);
      let row = rows.get(x);
      if (!row) {
        row = { x } as ChartRow;
        rows.set(x, row);
      }
      row[s.id] = smoothed[i];
      row[`${s.id}__raw`] = p.value;
    });
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/** A short duration for a relative-time axis: 45s, 12m 5s, 3h 20m. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 60) return `${Number(s.toFixed(s < 10 ? 1 : 0))}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${Math.round(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.round((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.round((s % 86400) / 3600)}h`;
}

/** Tick and tooltip text for an x value. Wall time is shown in UTC, as the rest of the studio does. */
export function formatX(axis: XAxisKind, x: number): string {
  if (axis === "step") return String(x);
  if (axis === "relative") return formatDuration(x);
  return new Date(x).toISOString().slice(11, 19);
}

/** Compact numbers for axes and tooltips: 0.9312, 1.2e-5, 12,345. */
export function formatMetricValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return value.toExponential(3);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return Number(value.toPrecision(5)).toString();
}

/** Distinct, readable colours in both themes, for up to 50 lines (golden-angle hues after the first ten). */
const BASE_COLOURS = [
  "#2f6fdb",
  "#e4572e",
  "#17a589",
  "#a23bbd",
  "#d4a017",
  "#2e9ccf",
  "#c2185b",
  "#5b8c2a",
  "#8d6e63",
  "#6d6fd8",
];
export function seriesColour(index: number): string {
  if (index < BASE_COLOURS.length) return BASE_COLOURS[index];
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue} 65% 50%)`;
}
