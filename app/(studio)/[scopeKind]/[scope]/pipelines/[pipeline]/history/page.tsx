import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/lib/format";
import type { JobStatus } from "@/lib/schemas/jobs";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getPipeline } from "@/server/pipelines/get-pipeline";
import { Card, PageHeader } from "@/components/ui/misc";
import { ButtonLink } from "@/components/ui/button";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { WatchButton } from "@/components/notifications/watch-button";
import { isWatching } from "@/server/notifications/notifications";
import { setWatchAction } from "@/app/(studio)/notifications/actions";

type Params = { scopeKind: string; scope: string; pipeline: string };

export async function generateMetadata() {
  return { title: "Pipeline versions and clones" };
}

/** A pipeline's submits (each one a snapshot of the graph, run as a pipeline job) and its clones. */
export default async function PipelineHistoryPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { actor, scope } = await loadScopePage(p);
  if (scope.kind !== "workspace") notFound();
  const pipeline = await orNotFound(getPipeline(actor, scope.name, safeDecode(p.pipeline)));
  const ws = scope.name;
  return (
    <>
      <PageHeader
        title={pipeline.name}
        breadcrumbs={
          <>
            <Link href={pages.pipelines(ws)} className="hover:underline">
              Pipelines
            </Link>{" "}
            / versions and clones
          </>
        }
        subtitle={`Revision ${pipeline.revision} · ${pipeline.stepCount} step${pipeline.stepCount === 1 ? "" : "s"} · last saved ${formatDateTime(pipeline.updatedAt)} by ${pipeline.updatedBy}`}
        actions={
          <>
            {/* Watching a pipeline: its pipeline jobs queued, completed, failed or canceled. */}
            <WatchButton
              scope={{ kind: "workspace", name: ws }}
              subjectType="pipeline"
              name={pipeline.id}
              label={`pipeline ${pipeline.name}`}
              isWatching={await isWatching(actor, scope.id, "pipeline", pipeline.id)}
              setWatch={setWatchAction}
            />
            <ButtonLink href={pages.pipeline(ws, pipeline.id)} variant="primary">
              Open in designer
            </ButtonLink>
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <section aria-label="Versions">
          <h2 className="mb-2 text-sm font-semibold">Versions ({pipeline.versions.length})</h2>
          {pipeline.versions.length === 0 ? (
            <p className="text-sm text-muted">
              Not submitted yet. Each submit snapshots the graph as the next version and runs it.
            </p>
          ) : (
            <Table aria-label="Versions">
              <thead>
                <tr>
                  <Th>Version</Th>
                  <Th>Pipeline job</Th>
                  <Th>Status</Th>
                  <Th>Submitted</Th>
                </tr>
              </thead>
              <tbody>
                {pipeline.versions.map((v) => (
                  <Tr key={v.job}>
                    <Td>v{v.version}</Td>
                    <Td>
                      <Link href={pages.job(ws, v.job)} className="text-accent hover:underline">
                        {v.job}
                      </Link>
                    </Td>
                    <Td>
                      <JobStatusBadge status={v.status as JobStatus} />
                    </Td>
                    <Td className="text-xs text-muted">
                      {formatDateTime(v.createdAt)} by {v.createdBy}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
        <Card title="Lineage">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted">Cloned from</dt>
            <dd>
              {pipeline.clonedFrom ? (
                pipeline.clonedFrom.name ? (
                  <Link
                    href={pages.pipelineHistory(ws, pipeline.clonedFrom.id)}
                    className="text-accent hover:underline"
                  >
                    {pipeline.clonedFrom.name}
                  </Link>
                ) : (
                  "a draft since deleted"
                )
              ) : pipeline.clonedFromJob ? (
                <>
                  job{" "}
                  <Link href={pages.job(ws, pipeline.clonedFromJob)} className="text-accent hover:underline">
                    {pipeline.clonedFromJob}
                  </Link>
                </>
              ) : (
                "nothing: an original"
              )}
            </dd>
            <dt className="text-muted">Clones</dt>
            <dd>
              {pipeline.clones.length ? (
                <ul>
                  {pipeline.clones.map((c) => (
                    <li key={c.id}>
                      <Link href={pages.pipelineHistory(ws, c.id)} className="text-accent hover:underline">
                        {c.name}
                      </Link>{" "}
                      <span className="text-xs text-muted">{formatDateTime(c.createdAt)}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                "none yet"
              )}
            </dd>
          </dl>
        </Card>
      </div>
    </>
  );
}
