import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Pencil } from "lucide-react";
import { formatDateTime } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { DeleteMonitor } from "@/components/monitors/delete-monitor";
import { deleteMonitorAction } from "@/app/(studio)/[scopeKind]/[scope]/monitors/actions";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getMonitor, getMonitorRun, listMonitorRuns } from "@/server/monitoring/manage-monitors";
import { Alert, Card, DetailRow, EmptyState, PageHeader } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { OutcomeBadge } from "@/components/monitors/outcome-badge";
import { RunNowButton } from "@/components/monitors/run-now-button";
import { ResultTable } from "@/components/monitors/result-table";
import { baselineText } from "@/components/monitors/monitor-table";
import { RefreshWhileRunning } from "@/components/monitors/refresh-while-running";

export const metadata: Metadata = { title: "Monitor" };

type Params = { scopeKind: string; scope: string; monitor: string };

const windowText = (w: { from: string; to: string }) => `${formatDateTime(w.from)} – ${formatDateTime(w.to)}`;

export default async function MonitorPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<{ run?: string; feature?: string }>;
}) {
  const p = await params;
  const query = await searchParams;
  const { actor, scope } = await loadScopePage(p);
  if (scope.kind !== "workspace") notFound();
  const ws = scope.name;
  const monitor = await orNotFound(getMonitor(actor, ws, safeDecode(p.monitor)));
  const runs = await listMonitorRuns(actor, ws, monitor.name);
  const chosen = runs.find((r) => r.id === query.run) ?? runs.find((r) => r.status === "succeeded") ?? runs[0];
  const detail = chosen ? await getMonitorRun(actor, ws, monitor.name, chosen.id) : null;
  const isLive = runs.some((r) => r.status === "queued" || r.status === "running");
  const signals = monitor.signals;
  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={pages.monitors(ws)} className="hover:underline">
            Monitors
          </Link>
        }
        title={monitor.name}
        subtitle={monitor.description || `Watches ${monitor.endpoint}/${monitor.deployment} (${monitor.model}).`}
        actions={
          roleAllows(scope.role, "write") ? (
            <div className="flex flex-wrap gap-2">
              <DeleteMonitor workspace={ws} remove={deleteMonitorAction.bind(null, ws, monitor.name)} />
              <ButtonLink href={pages.editMonitor(ws, monitor.name)}>
                <Pencil size={14} aria-hidden /> Edit
              </ButtonLink>
              <RunNowButton workspace={ws} monitor={monitor.name} />
            </div>
          ) : null
        }
      />
      <RefreshWhileRunning isLive={isLive} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <Card title="Definition">
          <dl className="flex flex-col gap-1 text-sm">
            <DetailRow label="Deployment">
              <Link
                href={pages.endpoint(ws, monitor.endpoint, { tab: "monitoring" })}
                className="text-accent hover:underline"
              >
                {monitor.endpoint}/{monitor.deployment}
              </Link>{" "}
              ({monitor.model})
            </DetailRow>
            <DetailRow label="Baseline">
              {baselineText(monitor.baseline)}
              {monitor.baseline.kind === "data" && monitor.baseline.targetColumn
                ? `, target ${monitor.baseline.targetColumn}`
                : ""}
            </DetailRow>
            <DetailRow label="Production window">
              {monitor.window === "since_last_run" ? "since the last run" : monitor.window}
            </DetailRow>
            <DetailRow label="Data drift">
              {signals.dataDrift.enabled
                ? `${signals.dataDrift.method === "default" ? "normalized Wasserstein (numbers), Jensen–Shannon (categories)" : signals.dataDrift.method}${signals.dataDrift.learnedThreshold ? ", learned thresholds" : ""}`
                : "off"}
            </DetailRow>
            <DetailRow label="Data quality">
              {signals.dataQuality.enabled
                ? `null ${signals.dataQuality.thresholds.null_value_rate}, type errors ${signals.dataQuality.thresholds.data_type_error_rate}, out of bounds ${signals.dataQuality.thresholds.out_of_bounds_rate}`
                : "off"}
            </DetailRow>
            <DetailRow label="Model performance">
              {signals.modelPerformance.enabled
                ? Object.entries(signals.modelPerformance.thresholds)
                    .map(([metric, t]) => `${metric} ${metric === "mae" || metric === "rmse" ? "≤" : "≥"} ${t}`)
                    .join(", ") || "measured, no thresholds"
                : "off"}{" "}
              <span className="text-xs text-muted">(labels sent to the endpoint&apos;s feedback API)</span>
            </DetailRow>
            <DetailRow label="Feature names">
              {monitor.featureNames
                ? Object.entries(monitor.featureNames)
                    .map(([raw, name]) => `${raw} → ${name}`)
                    .join(", ")
                : "as the requests name them"}
            </DetailRow>
            <DetailRow label="Runs by itself">
              {monitor.scheduleId ? (
                <Link href={pages.schedule(ws, monitor.scheduleId)} className="text-accent hover:underline">
                  on its schedule
                </Link>
              ) : (
                "no: on demand only"
              )}
            </DetailRow>
            <DetailRow label="Minimum rows">{monitor.minRows}</DetailRow>
            <DetailRow label="Created by">{monitor.createdBy}</DetailRow>
          </dl>
        </Card>
        <Card title="Runs">
          {runs.length === 0 ? (
            <p className="text-sm text-muted">No runs yet.</p>
          ) : (
            <div className="max-h-80 overflow-auto">
              <Table aria-label="Runs">
                <thead>
                  <tr>
                    <Th>Window</Th>
                    <Th>Outcome</Th>
                    <Th className="text-right">Rows</Th>
                    <Th>Breaches</Th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((r) => (
                    <Tr key={r.id} className={r.id === chosen?.id ? "bg-accent-soft/40" : ""}>
                      <Td className="whitespace-nowrap text-xs">
                        <Link
                          href={pages.monitor(ws, monitor.name, { run: r.id })}
                          className="text-accent hover:underline"
                        >
                          {windowText(r.window)}
                        </Link>
                      </Td>
                      <Td>
                        <OutcomeBadge outcome={r.outcome} status={r.status} />
                      </Td>
                      <Td className="text-right tabular-nums">{r.productionRows}</Td>
                      <Td className="text-xs text-muted">
                        {Object.entries(r.signals)
                          .filter(([, s]) => s.breached)
                          .map(([name, s]) => `${name.replaceAll("_", " ")} ${s.breached}`)
                          .join(", ") || "—"}
                      </Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
        </Card>
      </div>
      <div className="mt-4">
        {!detail ? (
          <EmptyState title="Not run yet">
            <p>Run the monitor to compare the production window with the baseline.</p>
          </EmptyState>
        ) : (
          <Card
            title={`Run of ${windowText(detail.window)}`}
            actions={<OutcomeBadge outcome={detail.outcome} status={detail.status} />}
          >
            {detail.status === "failed" ? <Alert>{detail.error}</Alert> : null}
            {detail.status === "queued" || detail.status === "running" ? (
              <p className="text-sm text-muted">The run is {detail.status}…</p>
            ) : null}
            {detail.status === "succeeded" ? (
              <>
                <p className="mb-3 text-sm text-muted">
                  {detail.productionRows} production rows against {detail.baselineRows} baseline rows
                  {detail.baselineWindow ? ` (${windowText(detail.baselineWindow)})` : ""}; computed in{" "}
                  {detail.durationMs} ms.
                </p>
                <ResultTable
                  workspace={ws}
                  monitor={monitor.name}
                  results={detail.results}
                  initialFeature={query.feature}
                />
              </>
            ) : null}
          </Card>
        )}
      </div>
    </>
  );
}
