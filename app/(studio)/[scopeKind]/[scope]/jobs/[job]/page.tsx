import Link from "next/link";
import { notFound } from "next/navigation";
import { pages } from "@/lib/routes";
import { formatDateTime } from "@/lib/format";
import { formatJobDuration } from "@/lib/job-display";
import { formatMetricValue } from "@/lib/metric-chart";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getJob } from "@/server/jobs/get-job";
import { Card, DetailRow, EmptyState, PageHeader, TagChip } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { TabLinks } from "@/components/ui/tabs";
import { JobMetrics, LiveJobStatus } from "@/components/jobs/job-live";
import { JobLogs } from "@/components/jobs/job-logs";
import { JobCode, JobOutputs } from "@/components/jobs/job-files";
import { CancelJobButton } from "@/components/jobs/cancel-job-button";
import { listJobFiles } from "@/server/jobs/job-files";
import { roleAllows } from "@/lib/permissions";
import { formatBytes } from "@/lib/format";
import { isLiveStatus } from "@/lib/job-display";
import type { Actor } from "@/server/auth/actor";
import type { JobDto } from "@/lib/schemas/dto";
import { getPipelineJobGraph } from "@/server/pipelines/get-pipeline-job-graph";
import { PipelineStatusGraph } from "@/components/pipelines/pipeline-status-graph";
import { PipelineStepsTable } from "@/components/pipelines/pipeline-steps-table";
import { PipelineJobActions } from "@/components/pipelines/pipeline-job-actions";
import { SandboxBadge } from "@/components/security/sandbox-badge";
import { parseAssetRef } from "@/lib/asset-ref";

type Params = { scopeKind: string; scope: string; job: string };
type ScopeOfPage = Awaited<ReturnType<typeof loadScopePage>>["scope"];

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  return { title: `Job ${safeDecode((await params).job)}` };
}

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "metrics", label: "Metrics" },
  { id: "logs", label: "Logs" },
  { id: "outputs", label: "Outputs" },
  { id: "code", label: "Code" },
] as const;
type TabId = (typeof TABS)[number]["id"];

export default async function JobPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const p = await params;
  const { actor, scope, ref } = await loadScopePage(p);
  if (scope.kind !== "workspace") notFound();
  const job = await orNotFound(getJob(actor, scope.name, safeDecode(p.job)));
  const { tab: tabParam } = await searchParams;
  if (job.kind === "pipeline") return <PipelineJobView actor={actor} scope={scope} job={job} tab={tabParam} />;
  const tab: TabId = TABS.some((t) => t.id === tabParam) ? (tabParam as TabId) : "overview";
  const base = pages.jobs(scope.name);
  const href = pages.job(scope.name, job.name);
  const canWrite = roleAllows(scope.role, "write");
  // "registries/shared/iris:2" or "iris:2": the data asset's version page in its scope.
  const dataAssetHref = (label: string) => {
    const parsed = parseAssetRef(label);
    if (!parsed.ok || parsed.ref.version === "latest") return pages.assets(ref, "data");
    const { registry, name, version } = parsed.ref;
    return pages.assetVersion(registry ? { kind: "registry", name: registry } : ref, "data", name, version);
  };

  return (
    <>
      <PageHeader
        breadcrumbs={
          <>
            <Link href={base} className="hover:underline">
              Jobs
            </Link>{" "}
            /{" "}
            <Link href={pages.jobs(scope.name, { experiment: job.experiment })} className="hover:underline">
              {job.experiment}
            </Link>
          </>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {job.displayName} <LiveJobStatus workspace={scope.name} job={job} />
          </span>
        }
        subtitle={
          <span className="text-xs">
            <span className="font-mono">{job.name}</span>
            {job.parent ? (
              <>
                {" "}
                · step <span className="font-mono">{job.parent.step}</span> of{" "}
                <Link className="text-accent hover:underline" href={pages.job(scope.name, job.parent.job)}>
                  pipeline job {job.parent.job}
                </Link>
              </>
            ) : null}
            {job.reusedFrom ? (
              <>
                {" "}
                · reused the outputs of{" "}
                <Link className="text-accent hover:underline" href={pages.job(scope.name, job.reusedFrom)}>
                  {job.reusedFrom}
                </Link>
              </>
            ) : null}
          </span>
        }
        actions={
          job.kind === "command" && isLiveStatus(job.status) && canWrite ? (
            <CancelJobButton workspace={scope.name} job={job.name} isRequested={job.isCancelRequested} />
          ) : null
        }
      />
      <div className="mb-4">
        <TabLinks
          label="Job"
          current={tab}
          tabs={TABS.map((t) => ({
            id: t.id,
            label: t.label,
            href: t.id === "overview" ? href : `${href}?tab=${t.id}`,
          }))}
        />
      </div>
      {tab === "metrics" ? (
        <JobMetrics workspace={scope.name} job={job} />
      ) : tab === "logs" ? (
        <JobLogs workspace={scope.name} job={job.name} />
      ) : tab === "outputs" ? (
        <JobOutputs
          workspace={scope.name}
          job={job.name}
          status={job.status}
          canWrite={canWrite}
          modelNameHint={job.experiment}
          outputs={await Promise.all(
            job.outputs.map(async (o) => ({
              name: o.name,
              files: await listJobFiles(actor, scope.name, job.name, { kind: "output", output: o.name }),
            })),
          )}
        />
      ) : tab === "code" ? (
        <JobCode
          workspace={scope.name}
          job={job.name}
          files={await listJobFiles(actor, scope.name, job.name, { kind: "code" })}
        />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Details">
            <dl>
              <DetailRow label="Status">
                {job.status}
                {job.failureReason ? ` · ${job.failureReason}` : ""}
              </DetailRow>
              <DetailRow label="Experiment">{job.experiment}</DetailRow>
              <DetailRow label="Kind">
                {job.kind === "external" ? "logged from outside the studio" : "command"}
              </DetailRow>
              <DetailRow label="Compute">
                {job.compute}
                {job.compute === "local" ? (
                  <span className="block text-xs text-muted">
                    runs on the studio&apos;s machine with its own programs
                  </span>
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
                {formatJobDuration(job, Date.now())}
                {job.endedAt ? "" : job.status === "running" ? " so far" : ""}
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
      )}
    </>
  );
}

/** A pipeline job: its graph with live step status, the steps, the pipeline's inputs and its outputs. */
async function PipelineJobView({
  actor,
  scope,
  job,
  tab,
}: {
  actor: Actor;
  scope: ScopeOfPage;
  job: JobDto;
  tab?: string;
}) {
  const graph = await getPipelineJobGraph(actor, scope.name, job.name);
  const href = pages.job(scope.name, job.name);
  const canWrite = roleAllows(scope.role, "write");
  const isOutputs = tab === "outputs";
  return (
    <>
      <PageHeader
        breadcrumbs={
          <>
            <Link href={pages.jobs(scope.name)} className="hover:underline">
              Jobs
            </Link>{" "}
            /{" "}
            <Link href={pages.pipelines(scope.name)} className="hover:underline">
              Pipelines
            </Link>
          </>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {job.displayName} <LiveJobStatus workspace={scope.name} job={job} />
          </span>
        }
        subtitle={
          <span className="text-xs">
            <span className="font-mono">{job.name}</span> · pipeline job
            {job.pipeline ? (
              <>
                {" "}
                ·{" "}
                <Link className="text-accent hover:underline" href={pages.pipeline(scope.name, job.pipeline.id)}>
                  pipeline draft
                </Link>
                , version {job.pipeline.version}
              </>
            ) : null}
          </span>
        }
        actions={
          canWrite ? (
            <div className="flex items-start gap-2">
              <PipelineJobActions workspace={scope.name} job={job.name} />
              {isLiveStatus(job.status) ? (
                <CancelJobButton workspace={scope.name} job={job.name} isRequested={job.isCancelRequested} />
              ) : null}
            </div>
          ) : null
        }
      />
      <div className="mb-4">
        <TabLinks
          label="Pipeline job"
          current={isOutputs ? "outputs" : "overview"}
          tabs={[
            { id: "overview", label: "Overview", href },
            { id: "outputs", label: "Outputs", href: `${href}?tab=outputs` },
          ]}
        />
      </div>
      {isOutputs ? (
        <JobOutputs
          workspace={scope.name}
          job={job.name}
          status={job.status}
          canWrite={canWrite}
          modelNameHint={job.experiment}
          outputs={await Promise.all(
            job.outputs.map(async (o) => ({
              name: o.name,
              files: await listJobFiles(actor, scope.name, job.name, { kind: "output", output: o.name }),
            })),
          )}
        />
      ) : (
        <div className="flex flex-col gap-4">
          <PipelineStatusGraph workspace={scope.name} job={job} graph={graph} />
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title="Steps">
              <PipelineStepsTable workspace={scope.name} job={job} />
            </Card>
            <Card title="Details">
              <dl>
                <DetailRow label="Status">
                  {job.status}
                  {job.failureReason ? ` · ${job.failureReason}` : ""}
                </DetailRow>
                <DetailRow label="Experiment">{job.experiment}</DetailRow>
                <DetailRow label="Compute">{job.compute}</DetailRow>
                <DetailRow label="Created">
                  {formatDateTime(job.createdAt)} by {job.createdBy}
                </DetailRow>
                <DetailRow label="Duration">
                  {formatJobDuration(job, Date.now())}
                  {job.endedAt ? "" : job.status === "running" ? " so far" : ""}
                </DetailRow>
                {Object.entries(job.inputs).map(([name, input]) => (
                  <DetailRow key={name} label={`in: ${name}`}>
                    <span className="break-all font-mono text-xs">
                      {input.type === "data" ? input.asset : input.value}
                    </span>
                  </DetailRow>
                ))}
                {job.outputs.map((o) => (
                  <DetailRow key={o.name} label={`out: ${o.name}`}>
                    <Link className="text-accent hover:underline" href={`${href}?tab=outputs`}>
                      {o.fileCount} file{o.fileCount === 1 ? "" : "s"}
                    </Link>
                  </DetailRow>
                ))}
              </dl>
            </Card>
          </div>
        </div>
      )}
    </>
  );
}
