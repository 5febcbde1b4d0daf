import type { ReactNode } from "react";
import Link from "next/link";
import { formatBytes, formatDateTime } from "@/lib/format";
import { formatMetricValue } from "@/lib/metric-chart";
import type { JobDto } from "@/lib/schemas/dto";
import { Badge, Card, DetailRow, EmptyState, TagChip } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { SandboxBadge } from "@/components/security/sandbox-badge";
import { LiveJobDuration, LiveJobStatusText } from "@/components/jobs/job-live";
import { RanWith } from "@/components/environments/ran-with";

const JOB_KIND_LABELS: Record<JobDto["kind"], string> = {
  command: "command",
  external: "logged from outside the studio",
  pipeline: "pipeline",
  build: "environment build",
};

/** Why a failed job failed: the runner's reason, then the job's own last error lines (its traceback). */
function JobFailure({ job, href, errorLines }: { job: JobDto; href: string; errorLines: string[] }) {
  return (
    <section
      aria-label="Why the job failed"
      className="min-w-0 rounded-lg border border-danger/40 bg-danger-soft p-4 lg:col-span-2"
    >
      <h2 className="text-sm font-semibold text-danger">The job failed</h2>
      <p className="mt-1 text-sm">{job.failureReason ?? "The job ended with the status failed."}</p>
      {errorLines.length ? (
        <>
          <p className="mt-3 text-xs font-medium text-muted">Last error lines (stderr)</p>
          <pre
            data-testid="job-error-lines"
            className="mt-1 max-h-80 overflow-auto whitespace-pre rounded-md border border-border bg-surface p-3 font-mono text-xs leading-relaxed"
          >
            {errorLines.join("\n")}
          </pre>
        </>
      ) : (
        <p className="mt-2 text-xs text-muted">The job wrote nothing to stderr.</p>
      )}
      <p className="mt-2 text-xs">
        <Link className="text-accent hover:underline" href={`${href}?tab=logs`}>
          Open the whole log
        </Link>
      </p>
    </section>
  );
}

/**
 * A command job's Overview: why it failed (when it did), its details, code, inputs and outputs, params,
 * tags and metric summary. Status and duration come from the job's live query.
 */
export function JobOverview({
  workspace,
  job,
  href,
  dataAssetHref,
  errorLines,
  renderedAt,
  registeredModels,
}: {
  workspace: string;
  job: JobDto;
  href: string;
  dataAssetHref: (label: string) => string;
  errorLines: string[];
  renderedAt: number;
  registeredModels: ReactNode;
}) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {job.status === "failed" ? <JobFailure job={job} href={href} errorLines={errorLines} /> : null}
      <Card title="Details">
        <dl>
          <DetailRow label="Status">
            <LiveJobStatusText workspace={workspace} job={job} />
          </DetailRow>
          <DetailRow label="Experiment">{job.experiment}</DetailRow>
          <DetailRow label="Kind">{JOB_KIND_LABELS[job.kind]}</DetailRow>
          <DetailRow label="Compute">
            {job.compute}
            {job.compute === "local" ? (
              <span className="block text-xs text-muted">runs on the studio&apos;s machine with its own programs</span>
            ) : null}
          </DetailRow>
          {job.sandbox ? (
            <DetailRow label="Isolation">
              <SandboxBadge sandbox={job.sandbox} />
              {job.sandbox === "none" ? (
                <span className="block text-xs text-muted">
                  ran as the studio&apos;s own user, with access to its files
                </span>
              ) : null}
            </DetailRow>
          ) : null}
          <DetailRow label="Environment">
            {job.environment ? (
              <span className="font-mono text-xs">{job.environment}</span>
            ) : (
              <span className="text-muted">not recorded</span>
            )}
          </DetailRow>
          <DetailRow label="Command">
            {job.command ? (
              <code className="whitespace-pre-wrap break-all font-mono text-xs">{job.command}</code>
            ) : (
              <span className="text-muted">—</span>
            )}
          </DetailRow>
          <DetailRow label="Created">
            {formatDateTime(job.createdAt)} by {job.createdBy}
          </DetailRow>
          <DetailRow label="Started">{job.startedAt ? formatDateTime(job.startedAt) : "—"}</DetailRow>
          <DetailRow label="Ended">{job.endedAt ? formatDateTime(job.endedAt) : "—"}</DetailRow>
          <DetailRow label="Duration">
            <LiveJobDuration workspace={workspace} job={job} renderedAt={renderedAt} />
          </DetailRow>
          {job.failureReason ? (
            <DetailRow label="Failure reason">
              <span className="text-danger">{job.failureReason}</span>
            </DetailRow>
          ) : null}
          {job.exitCode !== null ? (
            <DetailRow label="Exit code">
              <span className="font-mono">{job.exitCode}</span>
            </DetailRow>
          ) : null}
        </dl>
      </Card>
      <RanWith workspace={workspace} runtime={job.runtime} />
      <Card title="Source code">
        {job.git ? (
          <dl>
            <DetailRow label="Repository">
              {job.git.repository ? <span className="break-all font-mono text-xs">{job.git.repository}</span> : "—"}
            </DetailRow>
            <DetailRow label="Branch">{job.git.branch ?? "—"}</DetailRow>
            <DetailRow label="Commit">
              {job.git.commit ? <code className="font-mono text-xs">{job.git.commit}</code> : "—"}
            </DetailRow>
            <DetailRow label="Working tree">
              {job.git.dirty === null ? (
                <span className="text-muted">not recorded</span>
              ) : job.git.dirty ? (
                <Badge tone="warning">uncommitted changes</Badge>
              ) : (
                "clean"
              )}
            </DetailRow>
          </dl>
        ) : (
          <p className="text-sm text-muted">No git information was recorded.</p>
        )}
      </Card>
      {job.kind === "command" ? (
        <Card title="Inputs and outputs">
          <dl>
            {Object.entries(job.inputs).map(([name, input]) => (
              <DetailRow key={name} label={`in: ${name}`}>
                {input.type === "data" ? (
                  <Link className="font-mono text-xs text-accent hover:underline" href={dataAssetHref(input.asset)}>
                    {input.asset}
                  </Link>
                ) : (
                  <span className="break-all font-mono text-xs">{input.value}</span>
                )}
              </DetailRow>
            ))}
            {job.outputs.map((o) => (
              <DetailRow key={o.name} label={`out: ${o.name}`}>
                <Link className="text-accent hover:underline" href={`${href}?tab=outputs`}>
                  {o.fileCount} file{o.fileCount === 1 ? "" : "s"}
                </Link>
                {o.fileCount ? <span className="text-muted"> · {formatBytes(o.totalSize)}</span> : null}
              </DetailRow>
            ))}
            <DetailRow label="Code">
              {job.code ? (
                <Link className="text-accent hover:underline" href={`${href}?tab=code`}>
                  {job.code.fileCount} file{job.code.fileCount === 1 ? "" : "s"} · {formatBytes(job.code.totalSize)}
                </Link>
              ) : (
                <span className="text-muted">none uploaded</span>
              )}
            </DetailRow>
            {!Object.keys(job.inputs).length && !job.outputs.length ? (
              <p className="text-sm text-muted">No inputs or outputs.</p>
            ) : null}
          </dl>
        </Card>
      ) : null}
      <Card title="Params">
        {Object.keys(job.params).length ? (
          <Table aria-label="Params">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Value</Th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(job.params).map(([k, v]) => (
                <Tr key={k}>
                  <Td className="font-mono text-xs">{k}</Td>
                  <Td className="break-all font-mono text-xs">{v}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="text-sm text-muted">No params.</p>
        )}
      </Card>
      {registeredModels}
      <Card title="Tags">
        {Object.keys(job.tags).length ? (
          <div className="flex flex-wrap gap-1">
            {Object.entries(job.tags).map(([k, v]) => (
              <TagChip key={k} name={k} value={v} />
            ))}
          </div>
        ) : (
          <p className="text-sm text-muted">No tags.</p>
        )}
      </Card>
      <Card
        title="Metrics"
        className="lg:col-span-2"
        actions={
          job.metrics.length ? (
            <Link href={`${href}?tab=metrics`} className="text-sm text-accent hover:underline">
              Charts
            </Link>
          ) : null
        }
      >
        {job.metrics.length ? (
          <Table aria-label="Metric summary">
            <thead>
              <tr>
                <Th>Metric</Th>
                <Th className="text-right">Last</Th>
                <Th className="text-right">Min</Th>
                <Th className="text-right">Max</Th>
                <Th className="text-right">Points</Th>
              </tr>
            </thead>
            <tbody>
              {job.metrics.map((m) => (
                <Tr key={m.key}>
                  <Td className="font-mono text-xs">{m.key}</Td>
                  <Td className="text-right font-mono tabular-nums">
                    {formatMetricValue(m.last)} <span className="text-xs text-muted">@{m.lastStep}</span>
                  </Td>
                  <Td className="text-right font-mono tabular-nums">
                    {formatMetricValue(m.min)} <span className="text-xs text-muted">@{m.minStep}</span>
                  </Td>
                  <Td className="text-right font-mono tabular-nums">
                    {formatMetricValue(m.max)} <span className="text-xs text-muted">@{m.maxStep}</span>
                  </Td>
                  <Td className="text-right tabular-nums text-muted">{m.count}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState title="No metrics logged yet" />
        )}
      </Card>
    </div>
  );
}
