"use client";

import Link from "next/link";
import { pages } from "@/lib/routes";
import { useState } from "react";
import type { JobComparison } from "@/lib/schemas/dto";
import { formatMetricValue, logScaleBlocker, seriesColour } from "@/lib/metric-chart";
import { Card } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { ChartControls, type ChartSettings } from "@/components/charts/chart-controls";
import { MetricLineChart } from "@/components/charts/metric-line-chart";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";

/** Charts with a line per job for each metric, the params side by side, and a metric summary table. */
export function CompareView({ comparison }: { comparison: JobComparison }) {
  const { jobs, histories } = comparison;
  const [settings, setSettings] = useState<ChartSettings>({ axis: "step", smoothing: 0, isLog: false });
  const [isDiffOnly, setIsDiffOnly] = useState(false);
  const colour = new Map(jobs.map((j, i) => [j.name, seriesColour(i)]));
  // Jobs of several workspaces say which workspace each ran in.
  const isAcross = new Set(jobs.map((j) => j.workspace)).size > 1;
  const labelOf = (j: (typeof jobs)[number]) => (isAcross ? `${j.workspace} / ${j.displayName}` : j.displayName);
  const metricKeys = [...new Set(jobs.flatMap((j) => j.metrics.map((m) => m.key)))].sort();
  const paramKeys = [...new Set(jobs.flatMap((j) => Object.keys(j.params)))].sort();
  const differs = (key: string) => new Set(jobs.map((j) => j.params[key] ?? "\u0000missing")).size > 1;
  const shownParams = isDiffOnly ? paramKeys.filter(differs) : paramKeys;
  const seriesFor = (key: string) =>
    jobs
      .filter((j) => histories[j.name]?.[key])
      .map((j) => ({
        id: j.name,
        label: labelOf(j),
        colour: colour.get(j.name)!,
        points: histories[j.name][key].points,
      }));
  const blockers = metricKeys.map((k) => logScaleBlocker(seriesFor(k)));

  const jobHeader = (j: (typeof jobs)[number]) => (
    <Th key={j.name}>
      <span className="flex items-center gap-1.5 normal-case tracking-normal">
        <span aria-hidden className="size-2.5 shrink-0 rounded-full" style={{ background: colour.get(j.name) }} />
        <Link href={pages.job(j.workspace, j.name)} className="text-accent hover:underline">
          {labelOf(j)}
        </Link>
      </span>
    </Th>
  );

  return (
    <div className="flex flex-col gap-4">
      <Card title="Jobs">
        <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
          {jobs.map((j) => (
            <li key={j.name} className="flex items-center gap-1.5">
              <span aria-hidden className="size-2.5 rounded-full" style={{ background: colour.get(j.name) }} />
              <Link href={pages.job(j.workspace, j.name)} className="font-medium hover:underline">
                {labelOf(j)}
              </Link>
              <JobStatusBadge status={j.status} />
              <span className="text-xs text-muted">{j.experiment}</span>
            </li>
          ))}
        </ul>
      </Card>

      <section aria-label="Metric charts" className="flex flex-col gap-3">
        <div className="rounded-lg border border-border bg-surface p-3">
          <ChartControls
            settings={settings}
            onChange={setSettings}
            logBlocker={blockers.length && blockers.every(Boolean) ? blockers[0] : null}
          />
        </div>
        {metricKeys.length === 0 ? (
          <p className="text-sm text-muted">None of these jobs logged metrics.</p>
        ) : (
          <div className="grid gap-4 xl:grid-cols-2">
            {metricKeys.map((key, i) => (
              <Card key={key} title={key}>
                <MetricLineChart
                  title={`Metric ${key}`}
                  series={seriesFor(key)}
                  axis={settings.axis}
                  smoothing={settings.smoothing}
                  isLog={settings.isLog && !blockers[i]}
                />
                {settings.isLog && blockers[i] ? (
                  <p className="mt-1 text-xs text-muted">Linear scale: {blockers[i]}</p>
                ) : null}
              </Card>
            ))}
          </div>
        )}
      </section>

      <Card
        title="Params"
        actions={
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={isDiffOnly} onChange={(e) => setIsDiffOnly(e.target.checked)} /> Show
            differences only
          </label>
        }
      >
        {shownParams.length === 0 ? (
          <p className="text-sm text-muted">
            {paramKeys.length === 0
              ? "None of these jobs has params."
              : "Every param has the same value in all these jobs."}
          </p>
        ) : (
          <Table aria-label="Params">
            <thead>
              <tr>
                <Th>Param</Th>
                {jobs.map(jobHeader)}
              </tr>
            </thead>
            <tbody>
              {shownParams.map((key) => (
                <Tr key={key} className={differs(key) ? "bg-warning-soft/40" : undefined}>
                  <Td className="font-mono text-xs">{key}</Td>
                  {jobs.map((j) => (
                    <Td key={j.name} className="break-all font-mono text-xs">
                      {j.params[key] ?? <span className="text-muted">—</span>}
                    </Td>
                  ))}
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>

      <Card title="Metrics summary">
        {metricKeys.length === 0 ? (
          <p className="text-sm text-muted">No metrics.</p>
        ) : (
          <Table aria-label="Metrics summary">
            <thead>
              <tr>
                <Th>Metric</Th>
                <Th>Value</Th>
                {jobs.map(jobHeader)}
              </tr>
            </thead>
            <tbody>
              {metricKeys.flatMap((key) =>
                (["last", "min", "max"] as const).map((agg) => (
                  <Tr key={`${key}-${agg}`}>
                    {agg === "last" ? (
                      <Td rowSpan={3} className="font-mono text-xs">
                        {key}
                      </Td>
                    ) : null}
                    <Td className="text-xs text-muted">{agg}</Td>
                    {jobs.map((j) => {
                      const m = j.metrics.find((x) => x.key === key);
                      return (
                        <Td key={j.name} className="font-mono tabular-nums">
                          {m ? formatMetricValue(m[agg]) : <span className="text-muted">—</span>}
                        </Td>
                      );
                    })}
                  </Tr>
                )),
              )}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
