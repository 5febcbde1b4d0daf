import Link from "next/link";
import { formatDateTimeSeconds } from "@/lib/format";
import { formatMetricValue } from "@/lib/metric-chart";
import { pages } from "@/lib/routes";
import type { ProductionOverview } from "@/lib/schemas/dashboards";
import { Badge, EmptyState } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";

const link = "text-accent hover:underline";
const DRIFT_TONE: Record<string, "success" | "danger" | "neutral" | "warning"> = {
  pass: "success",
  alert: "danger",
  insufficient_data: "neutral",
  failed: "warning",
};

/** One table per prod workspace: endpoint → deployment → model version, traffic, health, drift, last change. */
export function ProductionTables({ overview }: { overview: ProductionOverview }) {
  if (!overview.workspaces.length)
    return (
      <EmptyState title="You are not a member of a prod workspace">Ask an owner to add you as a reader.</EmptyState>
    );
  return (
    <div className="flex flex-col gap-6">
      {overview.workspaces.map((w) => (
        <section key={w.name} aria-label={`Production in ${w.name}`}>
          <h2 className="mb-2 text-sm font-semibold">
            <Link className={link} href={pages.endpoints(w.name)}>
              {w.displayName}
            </Link>{" "}
            <span className="font-normal text-muted">workspace {w.name}</span>
          </h2>
          {w.endpoints.length === 0 ? (
            <p className="text-sm text-muted">No endpoint.</p>
          ) : (
            <Table aria-label={`Endpoints of ${w.name}`}>
              <thead>
                <tr>
                  <Th>Endpoint</Th>
                  <Th>Deployment</Th>
                  <Th>Model version</Th>
                  <Th className="text-right">Traffic</Th>
                  <Th>State</Th>
                  <Th className="text-right">Requests 24 h</Th>
                  <Th className="text-right">Errors</Th>
                  <Th className="text-right">p95</Th>
                  <Th>Drift</Th>
                  <Th>Last change</Th>
                </tr>
              </thead>
              <tbody>
                {w.endpoints.flatMap((e) =>
                  (e.deployments.length ? e.deployments : [null]).map((d, i) => (
                    <Tr key={`${e.name}/${d?.name ?? ""}`}>
                      {i === 0 ? (
                        <Td className="align-top font-medium" rowSpan={Math.max(1, e.deployments.length)}>
                          {e.exists ? (
                            <Link className={link} href={pages.endpoint(w.name, e.name)}>
                              {e.name}
                            </Link>
                          ) : (
                            <span>
                              {e.name} <span className="text-muted">(deleted since)</span>
                            </span>
                          )}
                        </Td>
                      ) : null}
                      {d ? (
                        <>
                          <Td>
                            {d.exists ? (
                              <Link className={link} href={pages.endpoint(w.name, e.name, { deployment: d.name })}>
                                {d.name}
                              </Link>
                            ) : (
                              <span>
                                {d.name} <span className="text-muted">(deleted)</span>
                              </span>
                            )}
                          </Td>
                          <Td>
                            {d.model ? (
                              <Link
                                className={link}
                                href={pages.assetVersion(d.model.scope, "models", d.model.name, d.model.version)}
                              >
                                {d.model.name}:{d.model.version}
                              </Link>
                            ) : (
                              "—"
                            )}{" "}
                            {d.model?.scope.kind === "registry" ? (
                              <Badge tone="accent">registry {d.model.scope.name}</Badge>
                            ) : null}
                            {d.approvedBy.length ? (
                              <div className="text-xs text-muted">approved by {d.approvedBy.join(", ")}</div>
                            ) : null}
                          </Td>
                          <Td className="text-right font-mono text-xs">
                            {d.traffic}%{d.mirror ? <div className="text-muted">mirror {d.mirror}%</div> : null}
                          </Td>
                          <Td>
                            <Badge
                              tone={d.state === "succeeded" ? "success" : d.state === "failed" ? "danger" : "neutral"}
                            >
                              {d.state}
                            </Badge>
                          </Td>
                          <Td className="text-right font-mono text-xs">
                            <Link className={link} href={pages.endpoint(w.name, e.name, { tab: "monitoring" })}>
                              {d.requests24h.toLocaleString("en-US")}
                            </Link>
                          </Td>
                          <Td className="text-right font-mono text-xs">
                            {d.errorRate24h === null ? "—" : `${formatMetricValue(d.errorRate24h * 100)}%`}
                          </Td>
                          <Td className="text-right font-mono text-xs">
                            {d.p95Ms24h === null ? "—" : `${d.p95Ms24h} ms`}
                          </Td>
                          <Td>
                            {d.drift && d.monitor ? (
                              <Link href={pages.monitor(w.name, d.monitor)}>
                                <Badge tone={DRIFT_TONE[d.drift] ?? "neutral"}>{d.drift.replace("_", " ")}</Badge>
                              </Link>
                            ) : (
                              <span className="text-xs text-muted">{d.monitor ? "not run" : "no monitor"}</span>
                            )}
                          </Td>
                        </>
                      ) : (
                        <Td colSpan={8} className="text-sm text-muted">
                          No deployment.
                        </Td>
                      )}
                      {i === 0 ? (
                        <Td className="align-top text-xs" rowSpan={Math.max(1, e.deployments.length)}>
                          {e.lastChange && e.exists ? (
                            <Link className={link} href={pages.endpoint(w.name, e.name)}>
                              {e.lastChange.what}
                            </Link>
                          ) : (
                            (e.lastChange?.what ?? "—")
                          )}
                          {e.lastChange ? (
                            <div className="text-muted">
                              {formatDateTimeSeconds(e.lastChange.at)} by {e.lastChange.by}
                              {e.lastChange.reason ? <> · “{e.lastChange.reason}”</> : null}
                            </div>
                          ) : null}
                        </Td>
                      ) : null}
                    </Tr>
                  )),
                )}
              </tbody>
            </Table>
          )}
        </section>
      ))}
    </div>
  );
}
