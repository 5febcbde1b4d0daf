"use client";
import { useQuery } from "@tanstack/react-query";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { HistogramDetails, MonitorResultDto } from "@/lib/schemas/monitors";
import { apiGet, errorMessage } from "@/components/ui/api-request";
import { queryKeys } from "@/lib/query-keys";
import { api } from "@/lib/routes";
import { formatDateTime } from "@/lib/format";

// A feature's two distributions overlaid (baseline and production as shares of their rows, on the bins or
// categories the metric used), and the metric's value across runs with its threshold.

const short = (x: number) => Number(x.toPrecision(3)).toString();

function shares(histogram: HistogramDetails) {
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0) || 1;
  const b = total(histogram.baseline);
  const p = total(histogram.production);
  const labels =
    "edges" in histogram
      ? histogram.baseline.map((_, i) => `${short(histogram.edges[i])}–${short(histogram.edges[i + 1])}`)
      : histogram.categories;
  return labels.map((label, i) => ({
    label,
    baseline: histogram.baseline[i] / b,
    production: histogram.production[i] / p,
  }));
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

export function DistributionChart({ feature, histogram }: { feature: string; histogram: HistogramDetails }) {
  const data = shares(histogram);
  return (
    <figure aria-label={`Distributions of ${feature}: baseline and production`} className="m-0 min-w-0 flex-1">
      <figcaption className="mb-1 text-sm font-medium">Baseline and production, share of rows</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 4 }} barGap={0}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="label" stroke="var(--muted)" fontSize={10} interval="preserveStartEnd" />
          <YAxis stroke="var(--muted)" fontSize={11} tickFormatter={percent} width={48} />
          <Tooltip
            formatter={(value) => percent(Number(value))}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="baseline" name="baseline" fill="var(--muted)" fillOpacity={0.55} isAnimationActive={false} />
          <Bar
            dataKey="production"
            name="production"
            fill="var(--accent)"
            fillOpacity={0.8}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
      {"otherCount" in histogram && histogram.otherCount ? (
        <p className="text-xs text-muted">{histogram.otherCount} rarer categories are not drawn.</p>
      ) : null}
    </figure>
  );
}

type TrendPoint = { at: string; value: number | null; threshold: number | null; isBreached: boolean };

export function TrendChart({
  workspace,
  monitor,
  result,
}: {
  workspace: string;
  monitor: string;
  result: Pick<MonitorResultDto, "signal" | "feature" | "metric" | "threshold">;
}) {
  const query = { signal: result.signal, feature: result.feature, metric: result.metric };
  const { data, error } = useQuery<TrendPoint[]>({
    queryKey: queryKeys.monitors.trend(workspace, monitor, result.signal, result.feature, result.metric),
    queryFn: async () => (await apiGet<{ points: TrendPoint[] }>(api.monitorTrend(workspace, monitor, query))).points,
  });
  const points = (data ?? []).map((p) => ({ x: Date.parse(p.at), value: p.value }));
  return (
    <figure aria-label={`Trend of ${result.metric} for ${result.feature} across runs`} className="m-0 min-w-0 flex-1">
      <figcaption className="mb-1 text-sm font-medium">{result.metric.replaceAll("_", " ")} across runs</figcaption>
      {error ? (
        <p className="text-sm text-danger">{errorMessage(error)}</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              type="number"
              domain={["dataMin", "dataMax"]}
              tickFormatter={(x: number) => new Date(x).toLocaleDateString([], { month: "short", day: "numeric" })}
              stroke="var(--muted)"
              fontSize={11}
            />
            <YAxis stroke="var(--muted)" fontSize={11} width={48} tickFormatter={short} />
            <Tooltip
              labelFormatter={(x) => formatDateTime(new Date(Number(x)).toISOString())}
              contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", fontSize: 12 }}
            />
            {result.threshold !== null ? (
              <ReferenceLine
                y={result.threshold}
                stroke="var(--danger)"
                strokeDasharray="4 4"
                label={{ value: "threshold", fill: "var(--danger)", fontSize: 11, position: "insideTopRight" }}
              />
            ) : null}
            <Line
              dataKey="value"
              stroke="var(--accent)"
              dot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
