"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { Play } from "lucide-react";
import { formatDateTime } from "@/lib/format";
import type { BatchJobDto } from "@/lib/schemas/endpoints";
import type { JobStatus } from "@/lib/schemas/jobs";
import { apiGet, errorMessage } from "@/components/ui/api-request";
import { queryKeys } from "@/lib/query-keys";
import { api, pages } from "@/lib/routes";
import { Alert, Card, EmptyState } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { invokeBatchRequest } from "@/components/endpoints/endpoint-requests";

/** A batch endpoint's work: score a CSV data asset with a deployment, and the jobs that did, live. */
export function BatchPanel({
  workspace,
  endpoint,
  deployments,
  inputs,
  canInvoke,
}: {
  workspace: string;
  endpoint: string;
  deployments: { name: string; state: string; isDefault: boolean }[];
  inputs: string[];
  canInvoke: boolean;
}) {
  const id = useId();
  const toast = useToast();
  const client = useQueryClient();
  const ready = deployments.filter((d) => d.state === "succeeded");
  const [input, setInput] = useState(inputs[0] ?? "");
  const [deployment, setDeployment] = useState(ready.find((d) => d.isDefault)?.name ?? ready[0]?.name ?? "");
  const [output, setOutput] = useState(`${endpoint}-predictions`);
  const [columns, setColumns] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const key = queryKeys.endpoints.batchJobs(workspace, endpoint);
  const { data: jobs, error: loadError } = useQuery<BatchJobDto[]>({
    queryKey: key,
    queryFn: async () => (await apiGet<{ items: BatchJobDto[] }>(api.batchJobs(workspace, endpoint))).items,
    refetchInterval: (query) =>
      query.state.data?.some(
        (j) => ["queued", "running"].includes(j.status) || (j.status === "completed" && !j.predictions),
      )
        ? 1500
        : 10_000,
  });
  const invoke = async () => {
    setIsBusy(true);
    setError(null);
    const named = columns
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean);
    const result = await invokeBatchRequest(workspace, endpoint, {
      input,
      deployment: deployment || undefined,
      output: output.trim() || undefined,
      ...(named.length ? { columns: named } : {}),
    });
    setIsBusy(false);
    if (!result.ok) return setError(result.message);
    toast(`Job ${result.value.name} queued`);
    void client.invalidateQueries({ queryKey: key });
  };
  return (
    <div className="flex flex-col gap-4">
      {canInvoke ? (
        <Card title="Score a data asset">
          <form
            aria-label="Invoke batch endpoint"
            className="grid gap-3 md:grid-cols-2"
            onSubmit={(e) => {
              e.preventDefault();
              void invoke();
            }}
          >
            <Field
              label="Input data (CSV)"
              htmlFor={`${id}-input`}
              hint={
                inputs.length
                  ? "Data asset versions holding a .csv file."
                  : "No data asset with a CSV file yet; create one under Data."
              }
            >
              <Select id={`${id}-input`} value={input} onChange={(e) => setInput(e.target.value)} required>
                {inputs.map((ref) => (
                  <option key={ref} value={ref}>
                    {ref}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Deployment"
              htmlFor={`${id}-deployment`}
              hint={ready.length ? "The default is the one with traffic." : "No deployment has come up yet."}
            >
              <Select id={`${id}-deployment`} value={deployment} onChange={(e) => setDeployment(e.target.value)}>
                {ready.map((d) => (
                  <option key={d.name} value={d.name}>
                    {d.name}
                    {d.isDefault ? " (default)" : ""}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Predictions data asset" htmlFor={`${id}-output`} hint="Each run writes its next version.">
              <Input id={`${id}-output`} value={output} onChange={(e) => setOutput(e.target.value)} maxLength={255} />
            </Field>
            <Field
              label="Feature columns"
              htmlFor={`${id}-columns`}
              hint="Comma-separated, in the model's order; empty: every column holding only numbers."
            >
              <Input
                id={`${id}-columns`}
                value={columns}
                onChange={(e) => setColumns(e.target.value)}
                placeholder="sepal_length_cm, sepal_width_cm, …"
              />
            </Field>
            <div className="flex items-end md:col-span-2">
              <Button type="submit" variant="primary" disabled={isBusy || !input || !deployment}>
                <Play size={14} aria-hidden /> {isBusy ? "Queueing…" : "Run batch scoring"}
              </Button>
            </div>
            {error ? (
              <div className="md:col-span-2">
                <Alert>{error}</Alert>
              </div>
            ) : null}
          </form>
        </Card>
      ) : null}
      <Card title="Batch jobs">
        {loadError ? (
          <p className="text-sm text-danger">Could not read the jobs: {errorMessage(loadError)}</p>
        ) : !jobs ? (
          <p className="text-sm text-muted">Loading…</p>
        ) : jobs.length === 0 ? (
          <EmptyState title="No batch jobs yet">
            Run one above; it scores the data in mini-batches on the local runner.
          </EmptyState>
        ) : (
          <Table aria-label="Batch jobs">
            <thead>
              <tr>
                <Th>Job</Th>
                <Th>Status</Th>
                <Th>Deployment</Th>
                <Th>Input</Th>
                <Th>Predictions</Th>
                <Th>Submitted</Th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <Tr key={j.name}>
                  <Td>
                    <Link className="font-mono text-xs text-accent hover:underline" href={pages.job(workspace, j.name)}>
                      {j.name}
                    </Link>
                  </Td>
                  <Td>
                    <JobStatusBadge status={j.status as JobStatus} />
                    {j.failureReason ? <div className="max-w-64 text-xs text-danger">{j.failureReason}</div> : null}
                  </Td>
                  <Td>{j.deployment ?? "—"}</Td>
                  <Td className="font-mono text-xs">{j.input ?? "—"}</Td>
                  <Td>
                    {j.predictions ? (
                      <Link
                        className="font-mono text-xs text-accent hover:underline"
                        href={pages.assetVersion(
                          { kind: "workspace", name: workspace },
                          "data",
                          j.predictions.name,
                          j.predictions.version,
                        )}
                      >
                        {j.predictions.name}:{j.predictions.version}
                      </Link>
                    ) : (
                      <span className="text-xs text-muted">{j.status === "completed" ? "registering…" : "—"}</span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap text-xs text-muted">
                    {formatDateTime(j.createdAt)}
                    <div>{j.createdBy}</div>
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
