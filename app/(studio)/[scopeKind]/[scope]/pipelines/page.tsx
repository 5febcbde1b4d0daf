import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Upload } from "lucide-react";
import { formatDateTime } from "@/lib/format";
import { roleAllows } from "@/lib/permissions";
import type { JobStatus } from "@/lib/schemas/jobs";
import { listPipelinesSchema } from "@/lib/schemas/pipelines";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { listPipelines } from "@/server/pipelines/list-pipelines";
import { listPipelineRuns } from "@/server/pipelines/list-pipeline-runs";
import { Card, EmptyState, PageHeader } from "@/components/ui/misc";
import { ButtonLink } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { NewPipelineButton } from "@/components/pipelines/new-pipeline-button";
import { PipelineRowActions } from "@/components/pipelines/pipeline-row-actions";

export const metadata: Metadata = { title: "Pipelines" };

export default async function PipelinesPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ q?: string }>;
}) {
  const { actor, scope } = await loadScopePage(await params);
  if (scope.kind !== "workspace") notFound();
  const query = listPipelinesSchema.safeParse({ q: (await searchParams).q, limit: 200 });
  const q = query.success ? (query.data.q ?? "") : "";
  const [pipelines, runs] = await Promise.all([
    listPipelines(actor, scope.name, { q, limit: 200 }),
    listPipelineRuns(actor, scope.name, 10),
  ]);
  const canEdit = roleAllows(scope.role, "write");
  const ws = scope.name;
  return (
    <>
      <PageHeader
        title="Pipelines"
        subtitle="Graphs of component steps drawn in the designer. Drafts save themselves; each submit runs a snapshot of the graph on the local runner."
        actions={
          canEdit ? (
            <>
              <ButtonLink href={pages.importPipeline(ws)}>
                <Upload size={14} aria-hidden /> Import YAML
              </ButtonLink>
              <NewPipelineButton workspace={scope.name} />
            </>
          ) : null
        }
      />
      <form role="search" className="mb-3 flex max-w-md gap-2" action={pages.pipelines(ws)}>
        <label htmlFor="pipeline-search" className="sr-only">
          Search pipelines
        </label>
        <Input
          id="pipeline-search"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Search by name or description"
        />
      </form>
      {!query.success ? <p className="mb-3 text-sm text-danger">{query.error.issues[0]?.message}</p> : null}
      {pipelines.length === 0 ? (
        <EmptyState title={q ? `No pipeline matches "${q}"` : "No pipelines yet"}>
          {q ? (
            <Link href={pages.pipelines(ws)} className="text-accent hover:underline">
              Show all
            </Link>
          ) : canEdit ? (
            "Create one and drag components onto the canvas, or import an Azure ML pipeline YAML."
          ) : (
            "Contributors of this workspace create them."
          )}
        </EmptyState>
      ) : (
        <Table aria-label="Pipelines">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Steps</Th>
              <Th>Last run</Th>
              <Th>Versions</Th>
              <Th>Updated</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {pipelines.map((p) => (
              <Tr key={p.id}>
                <Td className="max-w-80">
                  <Link href={pages.pipeline(ws, p.id)} className="font-medium text-accent hover:underline">
                    {p.name}
                  </Link>
                  {p.description ? <div className="truncate text-xs text-muted">{p.description}</div> : null}
                  {p.clonedFrom ? (
                    <div className="text-xs text-muted">Cloned from {p.clonedFrom.name ?? "a deleted draft"}</div>
                  ) : null}
                  {p.clonedFromJob ? <div className="text-xs text-muted">Cloned from job {p.clonedFromJob}</div> : null}
                </Td>
                <Td>{p.stepCount}</Td>
                <Td>
                  {p.lastRun ? (
                    <div className="flex flex-col items-start gap-0.5">
                      <Link href={pages.job(ws, p.lastRun.job)} className="text-accent hover:underline">
                        v{p.lastRun.version} · {p.lastRun.job}
                      </Link>
                      <span className="flex items-center gap-1.5 text-xs text-muted">
                        <JobStatusBadge status={p.lastRun.status as JobStatus} /> {formatDateTime(p.lastRun.createdAt)}
                      </span>
                    </div>
                  ) : (
                    <span className="text-muted">Never submitted</span>
                  )}
                </Td>
                <Td>{p.versionCount}</Td>
                <Td className="whitespace-nowrap text-xs text-muted">
                  {formatDateTime(p.updatedAt)}
                  <div>{p.updatedBy}</div>
                </Td>
                <Td className="w-10">
                  <PipelineRowActions workspace={scope.name} id={p.id} name={p.name} canEdit={canEdit} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <Card title="Recent pipeline runs" className="mt-6">
        {runs.length === 0 ? (
          <p className="text-sm text-muted">No pipeline has been submitted yet.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-border text-sm">
            {runs.map((r) => (
              <li key={r.job} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
                <JobStatusBadge status={r.status as JobStatus} />
                <Link href={pages.job(ws, r.job)} className="font-medium text-accent hover:underline">
                  {r.displayName}
                </Link>
                <span className="text-muted">{r.pipeline ? `${r.pipeline.name} v${r.version}` : "draft deleted"}</span>
                <span className="ml-auto text-xs text-muted">
                  {formatDateTime(r.createdAt)} · {r.createdBy}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
