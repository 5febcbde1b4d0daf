import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { formatMetricValue } from "@/lib/metric-chart";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { modelLeaderboard } from "@/server/models/model-leaderboard";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { Card, EmptyState, PageHeader } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { LeaderboardChart } from "@/components/models/leaderboard-chart";

export const metadata = { title: "Leaderboard" };

const AGGREGATES = ["last", "max", "min"] as const;
type Aggregate = (typeof AGGREGATES)[number];
/** Losses and errors are better small; everything else large. */
const isLowerBetter = (metric: string) => /loss|error|mae|rmse|mse/i.test(metric);

/** A chosen training metric across a model's versions (from their lineage), as a chart and a ranking. */
export default async function LeaderboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string; name: string }>;
  searchParams: Promise<{ metric?: string; agg?: string }>;
}) {
  const p = await params;
  const { actor, ref } = await loadScopePage(p);
  const name = safeDecode(p.name);
  const search = await searchParams;
  const board = await orNotFound(modelLeaderboard(actor, ref, name));
  const metric =
    search.metric && board.metricKeys.includes(search.metric)
      ? search.metric
      : // Held-out accuracy says most about a model; then any accuracy; then whatever was logged.
        (board.metricKeys.find((k) => /(val|test).*acc/i.test(k)) ??
        board.metricKeys.find((k) => /acc/i.test(k)) ??
        board.metricKeys[0] ??
        null);
  const agg: Aggregate = AGGREGATES.includes(search.agg as Aggregate) ? (search.agg as Aggregate) : "last";
  const points = metric
    ? board.entries.flatMap((e) =>
        e.metrics[metric] ? [{ version: e.version, value: e.metrics[metric][agg], entry: e }] : [],
      )
    : [];
  const lower = metric ? isLowerBetter(metric) : false;
  const ranked = [...points].sort((a, b) => (lower ? a.value - b.value : b.value - a.value));
  const here = pages.asset(ref, "models", name);
  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={here} className="hover:underline">
            {name}
          </Link>
        }
        title="Leaderboard"
        subtitle="Training metrics recorded in each version's lineage"
      />
      {!metric ? (
        <EmptyState title="No version recorded training metrics">
          Versions registered from a job carry its metrics; this model has none yet.
        </EmptyState>
      ) : (
        <>
          <form
            method="get"
            action={`${here}/leaderboard`}
            className="mb-4 flex flex-wrap items-end gap-2"
            aria-label="Leaderboard metric"
          >
            <label className="flex flex-col gap-1 text-sm">
              <span className="text-muted">Metric</span>
              <Select name="metric" defaultValue={metric} aria-label="Metric">
                {board.metricKeys.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </Select>
            </label>
            <label className="flex flex-col gap-1 text-sm">
              <span className="text-muted">Value</span>
              <Select name="agg" defaultValue={agg} aria-label="Value">
                {AGGREGATES.map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </Select>
            </label>
            <Button type="submit" variant="secondary">
              Show
            </Button>
          </form>
          <Card title={`${metric} (${agg}) by version, ${lower ? "lower" : "higher"} is better`} className="mb-4">
            <LeaderboardChart
              metric={metric}
              points={points.map(({ version, value }) => ({ version, value }))}
              best={ranked[0]?.version ?? null}
            />
          </Card>
          <form method="get" action={`${here}/compare`} aria-label="Compare versions">
            <Table aria-label="Ranking">
              <thead>
                <tr>
                  <Th>Compare</Th>
                  <Th>Rank</Th>
                  <Th>Version</Th>
                  <Th className="text-right">{metric}</Th>
                  <Th>Job</Th>
                  <Th>Created</Th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((r, i) => (
                  <Tr key={r.version}>
                    <Td>
                      <input
                        type="checkbox"
                        name="versions"
                        value={r.version}
                        aria-label={`Compare version ${r.version}`}
                      />
                    </Td>
                    <Td>{i + 1}</Td>
                    <Td>
                      <Link
                        className="text-accent hover:underline"
                        href={pages.assetVersion(ref, "models", name, r.version)}
                      >
                        Version {r.version}
                      </Link>
                      {r.entry.isArchived ? <span className="ml-1 text-xs text-muted">archived</span> : null}
                    </Td>
                    <Td className="text-right font-mono text-xs">{formatMetricValue(r.value)}</Td>
                    <Td className="font-mono text-xs">{r.entry.job ?? "—"}</Td>
                    <Td className="text-xs text-muted">{formatDateTime(r.entry.createdAt)}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
            <div className="mt-3">
              <Button type="submit">Compare selected</Button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
