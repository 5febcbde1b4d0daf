"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { EndpointComparison } from "@/lib/monitoring/comparison";
import { Card } from "@/components/ui/misc";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { apiGet, errorMessage } from "@/components/ui/api-request";
import { queryKeys } from "@/lib/query-keys";
import { api } from "@/lib/routes";
import { ChallengerCriteria } from "@/components/endpoints/challenger-criteria";

const WINDOWS = [
  { id: "PT1H", label: "1 hour" },
  { id: "P1D", label: "24 hours" },
  { id: "P7D", label: "7 days" },
];

const percent = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);
const number = (v: number | null, digits = 4) => (v === null ? "—" : Number(v.toPrecision(digits)).toString());
const ms = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} ms`);
/** A value as shown in a table: numbers to 6 significant digits (no float noise such as 5.300000000000001). */
const cell = (v: unknown) =>
  typeof v === "string" ? v : typeof v === "number" ? String(Number(v.toPrecision(6))) : JSON.stringify(v);

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-md border border-border p-3">
      <div className="text-xs text-muted">{label}</div>
      <div className="text-xl font-semibold tabular-nums">{value}</div>
      {hint ? <div className="text-xs text-muted">{hint}</div> : null}
    </div>
  );
}

/** Live rows × challenger columns; the diagonal (agreement) in green, the rest shaded by their share. */
function ConfusionTable({ labels, counts }: { labels: string[]; counts: number[][] }) {
  const largest = Math.max(1, ...counts.flat());
  return (
    <Table aria-label="Confusion table: live class by row, challenger class by column">
      <thead>
        <tr>
          <Th>Live ↓ / challenger →</Th>
          {labels.map((l) => (
            <Th key={l} className="text-right">
              {l}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {labels.map((live, i) => (
          <Tr key={live}>
            <Th scope="row">{live}</Th>
            {labels.map((challenger, j) => (
              <Td
                key={challenger}
                className="text-right tabular-nums"
                style={{
                  background: counts[i][j]
                    ? `color-mix(in srgb, var(--${i === j ? "success" : "danger"}) ${Math.round(12 + (50 * counts[i][j]) / largest)}%, transparent)`
                    : undefined,
                }}
              >
                {counts[i][j]}
              </Td>
            ))}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The mirrored challenger's answers beside the live ones: agreement or error figures, latency, differences. */
export function ChallengerComparison({
  workspace,
  endpoint,
  canEdit,
}: {
  workspace: string;
  endpoint: string;
  canEdit: boolean;
}) {
  const [window, setWindow] = useState("P1D");
  const { data, error } = useQuery<EndpointComparison>({
    queryKey: queryKeys.endpoints.comparison(workspace, endpoint, window),
    queryFn: () => apiGet<EndpointComparison>(api.comparison(workspace, endpoint, window)),
    refetchInterval: 15_000,
  });
  return (
    <Card
      title="Challenger comparison"
      actions={<SegmentedControl label="Comparison window" value={window} onChange={setWindow} options={WINDOWS} />}
    >
      {error ? (
        <p className="text-sm text-danger">Could not compare: {errorMessage(error)}</p>
      ) : !data ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : data.pairedRequests === 0 ? (
        <div className="flex flex-col gap-3">
          <p className="text-sm text-muted">
            {data.mirror
              ? `${data.mirror.percent}% of requests are mirrored to ${data.mirror.deployment}; none in this window yet.`
              : "Mirror a share of the traffic to a challenger deployment (Details → Traffic) to compare its answers with the live ones, request by request."}
          </p>
          {data.mirror || data.criteria ? (
            <ChallengerCriteria
              workspace={workspace}
              endpoint={endpoint}
              criteria={data.criteria}
              kind={data.kind}
              canEdit={canEdit}
            />
          ) : null}
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-muted">
            {data.live.join(", ")} (live) against {data.challenger.join(", ")} (challenger) on the same{" "}
            {data.pairedRequests} mirrored request{data.pairedRequests === 1 ? "" : "s"}, comparing{" "}
            {data.kind === "classification" ? `the top class of ${data.output}_*` : `"${data.output}"`}.
          </p>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Figure
              label="Compared rows"
              value={String(data.comparedRows)}
              hint={data.skippedRows ? `${data.skippedRows} could not be compared` : undefined}
            />
            {data.kind === "regression" ? (
              <>
                <Figure label="MAE" value={number(data.mae)} />
                <Figure label="RMSE" value={number(data.rmse)} />
                <Figure label="Largest difference" value={number(data.maxAbsDiff)} />
              </>
            ) : (
              <Figure label="Agreement" value={percent(data.agreement)} hint="same top class" />
            )}
          </div>
          <ChallengerCriteria
            workspace={workspace}
            endpoint={endpoint}
            criteria={data.criteria}
            kind={data.kind}
            canEdit={canEdit}
          />
          <Table aria-label="Errors and latency, live and challenger">
            <thead>
              <tr>
                <Th />
                <Th className="text-right">Error rate</Th>
                <Th className="text-right">p50 latency</Th>
                <Th className="text-right">p95 latency</Th>
              </tr>
            </thead>
            <tbody>
              <Tr>
                <Th scope="row">Live ({data.live.join(", ")})</Th>
                <Td className="text-right tabular-nums">{percent(data.errorRate.live)}</Td>
                <Td className="text-right tabular-nums">{ms(data.latencyMs.live.p50)}</Td>
                <Td className="text-right tabular-nums">{ms(data.latencyMs.live.p95)}</Td>
              </Tr>
              <Tr>
                <Th scope="row">Challenger ({data.challenger.join(", ")})</Th>
                <Td className="text-right tabular-nums">{percent(data.errorRate.challenger)}</Td>
                <Td className="text-right tabular-nums">{ms(data.latencyMs.challenger.p50)}</Td>
                <Td className="text-right tabular-nums">{ms(data.latencyMs.challenger.p95)}</Td>
              </Tr>
            </tbody>
          </Table>
          {data.confusion ? (
            <div className="overflow-x-auto">
              <ConfusionTable labels={data.confusion.labels} counts={data.confusion.counts} />
            </div>
          ) : null}
          {data.disagreements.length ? (
            <div className="overflow-x-auto">
              <h3 className="mb-1 text-sm font-medium">Where they differ most</h3>
              <Table aria-label="Rows where live and challenger differ most">
                <thead>
                  <tr>
                    <Th>Request id</Th>
                    <Th>Inputs</Th>
                    <Th>Live</Th>
                    <Th>Challenger</Th>
                    <Th className="text-right">{data.kind === "classification" ? "Confidence gap" : "Difference"}</Th>
                  </tr>
                </thead>
                <tbody>
                  {data.disagreements.map((d) => (
                    <Tr key={`${d.requestId}-${d.at}-${d.row}`}>
                      <Td className="max-w-40">
                        <code className="block truncate font-mono text-xs" title={d.requestId ?? undefined}>
                          {d.requestId ?? "—"}
                          {d.row ? ` #${d.row}` : ""}
                        </code>
                      </Td>
                      <Td className="max-w-96">
                        <code className="block truncate font-mono text-xs">
                          {d.inputs.columns.map((c, i) => `${c} ${cell(d.inputs.values[i])}`).join(" · ")}
                        </code>
                      </Td>
                      <Td>{cell(d.live)}</Td>
                      <Td>{cell(d.challenger)}</Td>
                      <Td className="text-right tabular-nums">{number(d.gap, 3)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
          ) : null}
        </div>
      )}
    </Card>
  );
}
