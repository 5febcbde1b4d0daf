"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMetricValue } from "@/lib/metric-chart";

/** A metric across a model's versions: one bar per version that recorded it, the best one highlighted. */
export function LeaderboardChart({
  metric,
  points,
  best,
}: {
  metric: string;
  points: { version: number; value: number }[];
  best: number | null;
}) {
  const data = points.map((p) => ({ x: `v${p.version}`, value: p.value, isBest: p.version === best }));
  return (
    <figure
      aria-label={`${metric} by version`}
      className="m-0"
      data-testid="leaderboard-chart"
      data-points={points.length}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="x" stroke="var(--muted)" fontSize={11} />
          <YAxis
            tickFormatter={(v: number) => formatMetricValue(v)}
            stroke="var(--muted)"
            fontSize={11}
            width={64}
            domain={["auto", "auto"]}
          />
          <Tooltip
            cursor={{ fill: "var(--surface-2)" }}
            contentStyle={{
              background: "var(--surface)",
              border: "1px solid var(--border)",
              borderRadius: 6,
              fontSize: 12,
              color: "var(--text)",
            }}
            formatter={(value) => [formatMetricValue(Number(value)), metric]}
          />
          <Bar
            dataKey="value"
            isAnimationActive={false}
            shape={(props: {
              x?: number;
              y?: number;
              width?: number;
              height?: number;
              payload?: { isBest: boolean };
            }) => (
              <rect
                x={props.x}
                y={props.y}
                width={props.width}
                height={props.height}
                fill={props.payload?.isBest ? "var(--accent)" : "var(--muted)"}
                fillOpacity={props.payload?.isBest ? 1 : 0.55}
              />
            )}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
