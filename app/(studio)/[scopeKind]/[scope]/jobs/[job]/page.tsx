import Link from "next/link";
import { notFound } from "next/navigation";
import { pages, lineageAsset, lineageHref } from "@/lib/routes";
import { formatDateTime } from "@/lib/format";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getJob } from "@/server/jobs/get-job";
import { modelsFromJob } from "@/server/lineage/models-from-job";
import { RegisteredModelsCard } from "@/components/lineage/registered-models";
import { Alert, Card, DetailRow, PageHeader } from "@/components/ui/misc";
import { TabLinks } from "@/components/ui/tabs";
import {
  JobMetrics,
  LiveJobActions,
  LiveJobDuration,
  LiveJobStatus,
  LiveJobStatusText,
} from "@/components/jobs/job-live";
import { JobOverview } from "@/components/jobs/job-overview";
import { getJobErrorLines } from "@/server/jobs/job-error-lines";
import { isClonable } from "@/lib/job-clone";
import { JobLogs } from "@/components/jobs/job-logs";
import { JobCode, JobOutputs } from "@/components/jobs/job-files";
import { listJobFiles } from "@/server/jobs/job-files";
import { roleAllows } from "@/lib/permissions";
import type { Actor } from "@/server/auth/actor";
import type { JobDto } from "@/lib/schemas/dto";
import { getPipelineJobGraph } from "@/server/pipelines/get-pipeline-job-graph";
import { PipelineStatusGraph } from "@/components/pipelines/pipeline-status-graph";
import { PipelineStepsTable } from "@/components/pipelines/pipeline-steps-table";
import { PipelineJobActions } from "@/components/pipelines/pipeline-job-actions";
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
  const renderedAt = Date.now();
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
            {job.displayName} <LiveJobStatus workspace={scope.name} job={job} renderedAt={renderedAt} />
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
          job.kind === "command" ? (
            <LiveJobActions
              workspace={scope.name}
              job={job}
              canWrite={canWrite}
              cloneHref={isClonable(job) ? `${base}/new?from=${encodeURIComponent(job.name)}` : null}
            />
          ) : null
        }
      />
      {job.deletedAt ? (
        <div className="mb-4">
          <Alert tone="warning" title="This run is deleted">
            Deleted through MLflow&apos;s API on {formatDateTime(job.deletedAt)}: lists and searches leave it out until
            it is restored (MLflow&apos;s <code>runs/restore</code>).
          </Alert>
        </div>
      ) : null}
      {/* On a phone the five tabs scroll in their own row rather than widening the page. */}
      <div className="mb-4 overflow-x-auto">
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
        <JobLogs workspace={scope.name} job={job} />
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
        <JobOverview
          workspace={scope.name}
          job={job}
          href={href}
          dataAssetHref={dataAssetHref}
          errorLines={job.status === "failed" ? await getJobErrorLines(actor, scope.name, job.name) : []}
          renderedAt={renderedAt}
          registeredModels={
            <RegisteredModelsCard
              models={await modelsFromJob(actor, scope.name, job.name)}
              lineageHref={lineageHref(lineageAsset("job", ref, job.name))}
            />
          }
        />
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
  const renderedAt = Date.now();
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
            {job.displayName} <LiveJobStatus workspace={scope.name} job={job} renderedAt={renderedAt} />
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
              <LiveJobActions workspace={scope.name} job={job} canWrite={canWrite} cloneHref={null} />
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
            <RegisteredModelsCard
              models={await modelsFromJob(actor, scope.name, job.name)}
              lineageHref={lineageHref(lineageAsset("job", { kind: "workspace", name: scope.name }, job.name))}
            />
            <Card title="Details">
              <dl>
                <DetailRow label="Status">
                  <LiveJobStatusText workspace={scope.name} job={job} />
                </DetailRow>
                <DetailRow label="Experiment">{job.experiment}</DetailRow>
                <DetailRow label="Compute">{job.compute}</DetailRow>
                <DetailRow label="Created">
                  {formatDateTime(job.createdAt)} by {job.createdBy}
                </DetailRow>
                <DetailRow label="Duration">
                  <LiveJobDuration workspace={scope.name} job={job} renderedAt={renderedAt} />
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
