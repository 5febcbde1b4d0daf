"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { seriesColour } from "@/lib/metric-chart";
import { formatDateTime } from "@/lib/format";
import { Card, EmptyState } from "@/components/ui/misc";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { apiGet, errorMessage } from "@/components/ui/api-request";
import { queryKeys } from "@/lib/query-keys";
import { api } from "@/lib/routes";
import type { EndpointMonitoring as Monitoring } from "@/lib/schemas/endpoints";
type Metric = "requests" | "errors" | "p50Ms" | "p95Ms" | "mirrored";

const WINDOWS = [
  { id: "1", label: "1 hour" },
  { id: "24", label: "24 hours" },
  { id: "168", label: "7 days" },
];

const timeLabel = (ms: number, bucketMinutes: number) => {
  const d = new Date(ms);
  return bucketMinutes >= 60 * 24
    ? d.toLocaleDateString()
    : bucketMinutes >= 60
      ? d.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })
      : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
};

/** One chart per measure, a line per deployment, over time buckets (1 minute for the last hour). */
function SeriesChart({ title, data, metric, unit }: { title: string; data: Monitoring; metric: Metric; unit: string }) {
  const rows = new Map<number, Record<string, number>>();
  data.deployments.forEach((d, i) => {
    for (const p of d.points) {
      const at = Date.parse(p.minute);
      const row = rows.get(at) ?? { x: at };
      const value = p[metric];
      if (value !== null) row[`d${i}`] = value;
      rows.set(at, row);
    }
  });
  const sorted = [...rows.values()].sort((a, b) => a.x - b.x);
  return (
    <figure aria-label={title} className="m-0" data-testid={`chart-${metric}`}>
      <figcaption className="mb-1 text-sm font-medium">{title}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={sorted} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[Date.parse(data.from), Date.parse(data.to)]}
            tickFormatter={(x: number) => timeLabel(x, data.bucketMinutes)}
            stroke="var(--muted)"
            fontSize={11}
          />
          <YAxis
            stroke="var(--muted)"
            fontSize={11}
            width={56}
            allowDecimals={metric !== "requests" && metric !== "errors" && metric !== "mirrored"}
          />
          <Tooltip
            contentStyle={{
              background: "var(--surface)",
              border: "1px solid var(--border)",
              borderRadius: 6,
              fontSize: 12,
              color: "var(--text)",
            }}
            labelFormatter={(x) => formatDateTime(new Date(Number(x)).toISOString())}
            formatter={(value, name) => [`${value}${unit}`, String(name)]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.deployments.map((d, i) => (
            <Line
              key={d.deployment}
              dataKey={`d${i}`}
              name={d.deployment}
              stroke={seriesColour(i)}
              strokeWidth={1.75}
              dot={sorted.length < 3}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Requests, errors and latency per deployment, refreshed every 10 s (counters are written every 5 s). */
export function MonitoringPanel({ workspace, endpoint }: { workspace: string; endpoint: string }) {
  const [hours, setHours] = useState("1");
  const { data, error } = useQuery<Monitoring>({
    queryKey: queryKeys.endpoints.monitoring(workspace, endpoint, hours),
    queryFn: () => apiGet<Monitoring>(api.monitoring(workspace, endpoint, hours)),
    refetchInterval: 10_000,
  });
  const total = data?.deployments.reduce((n, d) => n + d.totals.requests + d.totals.mirrored, 0) ?? 0;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <SegmentedControl label="Time window" value={hours} onChange={setHours} options={WINDOWS} />
        <span className="text-xs text-muted" aria-live="polite">
          {error
            ? `Could not read the counters: ${errorMessage(error)}`
            : data
              ? `${data.bucketMinutes}-minute buckets · refreshed every 10 s`
              : "Loading…"}
        </span>
      </div>
      {data && data.deployments.length > 0 ? (
        <Card title="Per deployment">
          <Table aria-label="Scoring per deployment">
            <thead>
              <tr>
                <Th>Deployment</Th>
                <Th className="text-right">Requests</Th>
                <Th className="text-right">Errors</Th>
                <Th className="text-right">p50</Th>
                <Th className="text-right">p95</Th>
                <Th className="text-right">Mirrored copies</Th>
                <Th className="text-right">Mirror errors</Th>
              </tr>
            </thead>
            <tbody>
              {data.deployments.map((d) => (
                <Tr key={d.deployment}>
                  <Td className="font-medium">{d.deployment}</Td>
                  <Td className="text-right tabular-nums">{d.totals.requests}</Td>
                  <Td className={d.totals.errors ? "text-right tabular-nums text-danger" : "text-right tabular-nums"}>
                    {d.totals.errors}
                  </Td>
                  <Td className="text-right tabular-nums">{d.totals.p50Ms === null ? "—" : `${d.totals.p50Ms} ms`}</Td>
                  <Td className="text-right tabular-nums">{d.totals.p95Ms === null ? "—" : `${d.totals.p95Ms} ms`}</Td>
                  <Td className="text-right tabular-nums">{d.totals.mirrored}</Td>
                  <Td
                    className={
                      d.totals.mirrorErrors ? "text-right tabular-nums text-danger" : "text-right tabular-nums"
                    }
                  >
                    {d.totals.mirrorErrors}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </Card>
      ) : null}
      {data && total === 0 ? (
        <EmptyState title="No requests in this window">
          Send some from the Test tab or with the code on the Consume tab; counts appear within seconds.
        </EmptyState>
      ) : data ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <SeriesChart title="Requests" data={data} metric="requests" unit="" />
          </Card>
          <Card>
            <SeriesChart title="Errors" data={data} metric="errors" unit="" />
          </Card>
          <Card>
            <SeriesChart title="Latency p50" data={data} metric="p50Ms" unit=" ms" />
          </Card>
          <Card>
            <SeriesChart title="Latency p95" data={data} metric="p95Ms" unit=" ms" />
          </Card>
        </div>
      ) : null}
    </div>
  );
}
