"use client";
import { Fragment, useState } from "react";
import { ChevronDown, ChevronRight } from "lucide-react";
import type { MonitorResultDto } from "@/lib/schemas/monitors";
import { Badge } from "@/components/ui/misc";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { DistributionChart, TrendChart } from "@/components/monitors/feature-charts";

// A run's results, breaches first: per signal and feature the metric against its threshold, the two
// windows side by side, and on opening a row the overlaid distributions and the metric's trend.

const SIGNALS = [
  { id: "all", label: "All" },
  { id: "data_drift", label: "Data drift" },
  { id: "prediction_drift", label: "Prediction drift" },
  { id: "data_quality", label: "Data quality" },
  { id: "model_performance", label: "Performance" },
];

const number = (v: number | null | undefined) =>
  v === null || v === undefined
    ? "—"
    : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3)
      ? v.toExponential(2)
      : Number(v.toPrecision(3)).toString();

function sides(result: MonitorResultDto): string {
  const { summary, counts, rows, matched } = result.details;
  if (matched !== undefined) return `${matched} labelled rows`;
  if (summary?.baseline && summary.production)
    return `mean ${number(summary.baseline.mean)} → ${number(summary.production.mean)}, sd ${number(summary.baseline.std)} → ${number(summary.production.std)}`;
  if (counts)
    return `${counts.nulls} null, ${counts.typeErrors} wrong type, ${counts.outOfBounds} out of bounds of ${counts.rows}`;
  if (rows) return `${rows.baseline} → ${rows.production} rows`;
  return "";
}

function Status({ result }: { result: MonitorResultDto }) {
  if (result.status !== "ok")
    return (
      <span className="text-xs text-muted" title={result.details.reason}>
        {result.status === "insufficient_data" ? "not enough data" : result.status.replaceAll("_", " ")}
      </span>
    );
  return result.isBreached ? <Badge tone="danger">breached</Badge> : <Badge tone="success">ok</Badge>;
}

export function ResultTable({
  workspace,
  monitor,
  results,
  initialFeature,
}: {
  workspace: string;
  monitor: string;
  results: MonitorResultDto[];
  initialFeature?: string;
}) {
  const [signal, setSignal] = useState("all");
  const firstBreach = results.find((r) => r.isBreached && r.details.histogram);
  const keyOf = (r: MonitorResultDto) => `${r.signal}/${r.feature}/${r.metric}`;
  const initial = results.find((r) => r.feature === initialFeature && r.details.histogram) ?? firstBreach;
  const [open, setOpen] = useState<string | null>(initial ? keyOf(initial) : null);
  const shown = results.filter((r) => signal === "all" || r.signal === signal);
  return (
    <div className="flex flex-col gap-3">
      <SegmentedControl label="Signal" value={signal} onChange={setSignal} options={SIGNALS} />
      <div className="overflow-x-auto">
        <Table aria-label="Results by feature">
          <thead>
            <tr>
              <Th className="w-8" />
              <Th>Feature</Th>
              <Th>Signal</Th>
              <Th>Metric</Th>
              <Th className="text-right">Value</Th>
              <Th className="text-right">Threshold</Th>
              <Th>Status</Th>
              <Th>Baseline → production</Th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const key = keyOf(r);
              const isOpen = open === key;
              const canOpen = Boolean(r.details.histogram) || r.status === "ok";
              return (
                <Fragment key={key}>
                  <Tr className={r.status === "ok" ? "" : "opacity-70"}>
                    <Td>
                      {canOpen ? (
                        <button
                          type="button"
                          aria-expanded={isOpen}
                          aria-label={`${isOpen ? "Hide" : "Show"} ${r.feature} ${r.metric}`}
                          onClick={() => setOpen(isOpen ? null : key)}
                          className="rounded p-0.5 text-muted hover:text-text"
                        >
                          {isOpen ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
                        </button>
                      ) : null}
                    </Td>
                    <Td className="font-medium">{r.feature || "—"}</Td>
                    <Td className="whitespace-nowrap text-xs">{r.signal.replaceAll("_", " ")}</Td>
                    <Td className="text-xs">{r.metric.replaceAll("_", " ")}</Td>
                    <Td className="text-right tabular-nums">{number(r.value)}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums">
                      {r.threshold === null ? "—" : `${r.direction === "below" ? "< " : "> "}${number(r.threshold)}`}
                      {r.details.thresholdKind === "learned" ? (
                        <span className="ml-1 text-xs text-muted">learned</span>
                      ) : null}
                    </Td>
                    <Td>
                      <Status result={r} />
                    </Td>
                    <Td className="min-w-56 text-xs text-muted">{r.status === "ok" ? sides(r) : r.details.reason}</Td>
                  </Tr>
                  {isOpen ? (
                    <tr>
                      <td colSpan={8} className="border-b border-border bg-surface-2/40 p-3">
                        {/* As wide as the screen, not the table, and kept in view while the table scrolls sideways. */}
                        <div className="sticky left-3 flex max-w-[calc(100vw-5rem)] flex-col gap-4 lg:max-w-none lg:flex-row">
                          {r.details.histogram ? (
                            <DistributionChart feature={r.feature} histogram={r.details.histogram} />
                          ) : null}
                          <TrendChart workspace={workspace} monitor={monitor} result={r} />
                        </div>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </Table>
      </div>
    </div>
  );
}
