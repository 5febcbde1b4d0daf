"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Download } from "lucide-react";
import { formatDateTime } from "@/lib/format";
import type { CollectedColumns, CollectedRow } from "@/lib/schemas/endpoints";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/misc";
import { Select } from "@/components/ui/input";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { apiGet, errorMessage } from "@/components/ui/api-request";
import { queryKeys } from "@/lib/query-keys";
import { api } from "@/lib/routes";

const preview = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

/** A request's first row as `name value` pairs, and how many rows it had; the raw body when it has no columns. */
function columnsPreview(table: CollectedColumns | null, raw: string): string {
  if (!table || !table.rows.length) return preview(raw);
  const shown = (v: unknown) => (typeof v === "number" ? String(Number(v.toPrecision(6))) : JSON.stringify(v ?? null));
  const first = table.columns.map((c, i) => `${c} ${shown(table.rows[0][i])}`).join(" · ");
  return preview(table.totalRows > 1 ? `${first} (+${table.totalRows - 1} rows)` : first);
}

/** The requests that deployments kept (their sample), newest first, and the whole table as CSV. */
export function CollectedRequests({
  workspace,
  endpoint,
  deployments,
}: {
  workspace: string;
  endpoint: string;
  deployments: { name: string; dataCollectionPercent: number }[];
}) {
  const [deployment, setDeployment] = useState("");
  const { data, error } = useQuery<CollectedRow[]>({
    queryKey: queryKeys.endpoints.collected(workspace, endpoint, deployment),
    queryFn: async () =>
      (await apiGet<{ items: CollectedRow[] }>(api.collected(workspace, endpoint, { limit: 50, deployment }))).items,
    refetchInterval: 10_000,
  });
  const collecting = deployments.filter((d) => d.dataCollectionPercent > 0);
  return (
    <Card
      title="Collected requests"
      actions={
        <div className="flex w-72 items-center gap-2">
          <Select
            aria-label="Deployment"
            value={deployment}
            onChange={(e) => setDeployment(e.target.value)}
            className="h-8"
          >
            <option value="">All deployments</option>
            {deployments.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </Select>
          <a
            className={buttonClass("secondary", "sm")}
            href={api.collected(workspace, endpoint, { format: "csv", deployment })}
            download
          >
            <Download size={14} aria-hidden /> CSV
          </a>
        </div>
      }
    >
      <p className="mb-2 text-xs text-muted">
        {collecting.length
          ? `Collecting: ${collecting.map((d) => `${d.name} ${d.dataCollectionPercent}%`).join(", ")}.`
          : "No deployment collects requests; set a share under a deployment's settings."}{" "}
        Each request is kept with its rows as feature columns (the CSV has one column per feature and output), for as
        long as the deployment&apos;s retention says; they are the raw material for drift monitoring.
      </p>
      {error ? (
        <p className="text-sm text-danger">Could not read them: {errorMessage(error)}</p>
      ) : !data ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : data.length === 0 ? (
        <p className="text-sm text-muted">Nothing collected yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <Table aria-label="Collected requests">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Request id</Th>
                <Th>Deployment</Th>
                <Th>Model</Th>
                <Th>Status</Th>
                <Th className="text-right">Latency</Th>
                <Th>Input</Th>
                <Th>Output</Th>
              </tr>
            </thead>
            <tbody>
              {data.map((r) => (
                <Tr key={r.id}>
                  <Td className="whitespace-nowrap text-xs">{formatDateTime(r.at)}</Td>
                  <Td className="max-w-40">
                    <code className="block truncate font-mono text-xs" title={r.requestId ?? undefined}>
                      {r.requestId ?? "—"}
                    </code>
                  </Td>
                  <Td>{r.deployment}</Td>
                  <Td className="whitespace-nowrap text-xs">{r.modelVersion || "—"}</Td>
                  <Td className={r.status === 200 ? "" : "text-danger"}>{r.status}</Td>
                  <Td className="whitespace-nowrap text-right tabular-nums">{r.latencyMs} ms</Td>
                  <Td className="max-w-72">
                    <code className="block truncate font-mono text-xs" title={r.inputsError ?? r.input}>
                      {columnsPreview(r.inputs, r.input)}
                    </code>
                  </Td>
                  <Td className="max-w-72">
                    <code className="block truncate font-mono text-xs" title={r.output}>
                      {columnsPreview(r.outputs, r.output)}
                      {r.truncated ? " (truncated)" : ""}
                    </code>
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}
