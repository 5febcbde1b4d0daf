import Link from "next/link";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getPipeline } from "@/server/pipelines/get-pipeline";
import { copyPipeline } from "@/server/pipelines/copy-pipeline";
import { listScopes } from "@/server/scopes/list-scopes";
import { Alert, Card, PageHeader } from "@/components/ui/misc";
import { CopyPipelineForm } from "@/components/pipelines/copy-pipeline-form";
import { copyPipelineAction } from "@/app/(studio)/[scopeKind]/[scope]/pipelines/[pipeline]/copy/actions";

export const metadata = { title: "Copy pipeline" };

/** Copy a pipeline to another workspace: pick the target, read the report, choose for each unmatched reference. */
export default async function CopyPipelinePage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string; pipeline: string }>;
  searchParams: Promise<{ target?: string }>;
}) {
  const p = await params;
  const { actor, scope } = await loadScopePage(p);
  if (scope.kind !== "workspace") notFound();
  const pipeline = await orNotFound(getPipeline(actor, scope.name, safeDecode(p.pipeline)));
  const { target } = await searchParams;
  const targets = (await listScopes(actor, "workspace")).filter(
    (w) => w.name !== scope.name && roleAllows(w.role, "write"),
  );
  let report: Awaited<ReturnType<typeof copyPipeline>> | null = null;
  let error: string | null = null;
  if (target) {
    try {
      report = await copyPipeline(actor, scope.name, pipeline.id, { targetWorkspace: target });
    } catch (e) {
      if (!isAppError(e)) throw e;
      error = e.message;
    }
  }
  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={pages.pipeline(scope.name, pipeline.id)} className="hover:underline">
            {pipeline.name}
          </Link>
        }
        title="Copy to another workspace"
        subtitle="Every data asset, component and environment it names is checked against the target first"
      />
      <Card title="Target workspace" className="mb-4">
        {targets.length ? (
          <ul className="flex flex-wrap gap-3 text-sm">
            {targets.map((w) => (
              <li key={w.name}>
                <Link
                  className={w.name === target ? "font-semibold" : "text-accent hover:underline"}
                  href={pages.copyPipeline(scope.name, pipeline.id, w.name)}
                >
                  {w.displayName} ({w.name})
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">You may write to no other workspace.</p>
        )}
      </Card>
      {error ? <Alert title="Cannot copy there">{error}</Alert> : null}
      {report && target ? (
        <Card>
          <CopyPipelineForm
            target={target}
            defaultName={pipeline.name}
            references={report.references}
            copy={copyPipelineAction.bind(null, scope.name, pipeline.id)}
          />
        </Card>
      ) : null}
    </>
  );
}
