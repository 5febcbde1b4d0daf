"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartRows, formatMetricValue, formatX, type MetricPoint, type XAxisKind } from "@/lib/metric-chart";

export type LineSeries = { id: string; label: string; colour: string; points: readonly MetricPoint[] };

/**
 * One chart: a line per series, smoothed (exponential moving average) with the raw line faint behind
 * it, on a step, wall-time or relative-time x axis, linear or log y.
 */
export function MetricLineChart({
  title,
  series,
  axis,
  smoothing,
  isLog,
  height = 260,
}: {
  title: string;
  series: LineSeries[];
  axis: XAxisKind;
  smoothing: number;
  isLog: boolean;
  height?: number;
}) {
  // Series ids become data keys: keep them free of dots and slashes, which recharts reads as paths.
  const keyed = series.map((s, i) => ({ ...s, key: `s${i}` }));
  const rows = chartRows(
    keyed.map((s) => ({ id: s.key, points: s.points })),
    axis,
    smoothing,
  );
  const isSmoothed = smoothing > 0;
  return (
    <figure aria-label={title} className="m-0" data-testid="metric-chart">
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(x: number) => formatX(axis, x)}
            stroke="var(--muted)"
            fontSize={11}
            allowDataOverflow
          />
          <YAxis
            scale={isLog ? "log" : "linear"}
            domain={isLog ? ["auto", "auto"] : ["auto", "auto"]}
            tickFormatter={(v: number) => formatMetricValue(v)}
            stroke="var(--muted)"
            fontSize={11}
            width={64}
            allowDataOverflow
          />
          <Tooltip
            contentStyle={{
              background: "var(--surface)",
              border: "1px solid var(--border)",
              borderRadius: 6,
              fontSize: 12,
              color: "var(--text)",
            }}
            labelFormatter={(x) => `${axis === "step" ? "step " : ""}${formatX(axis, Number(x))}`}
            formatter={(value, name) => [formatMetricValue(Number(value)), String(name)]}
          />
          {keyed.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} /> : null}
          {isSmoothed
            ? keyed.map((s) => (
                <Line
                  key={`${s.key}-raw`}
                  dataKey={`${s.key}__raw`}
                  name={`${s.label} (raw)`}
                  stroke={s.colour}
                  strokeOpacity={0.25}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls
                  legendType="none"
                  tooltipType="none"
                />
              ))
            : null}
          {keyed.map((s) => (
            <Line
              key={s.key}
              dataKey={isSmoothed ? s.key : `${s.key}__raw`}
              name={s.label}
              stroke={s.colour}
              strokeWidth={1.75}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
