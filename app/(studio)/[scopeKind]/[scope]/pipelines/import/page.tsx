import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { EmptyState, PageHeader } from "@/components/ui/misc";
import { ImportPipelineForm } from "@/components/pipelines/import-pipeline-form";

export const metadata: Metadata = { title: "Import a pipeline" };

export default async function ImportPipelinePage({
  params,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
}) {
  const { scope } = await loadScopePage(await params);
  if (scope.kind !== "workspace") notFound();
  return (
    <>
      <PageHeader
        title="Import a pipeline"
        breadcrumbs={
          <Link href={pages.pipelines(scope.name)} className="hover:underline">
            Pipelines
          </Link>
        }
        subtitle="An Azure ML pipeline-job YAML (type: pipeline) with its component YAMLs and code folders, as a folder or one .zip. Local components are registered in this workspace, azureml: references are looked up, and the steps are laid out in a new draft."
      />
      {roleAllows(scope.role, "write") ? (
        <ImportPipelineForm workspace={scope.name} />
      ) : (
        <EmptyState title="Only contributors import pipelines">
          Your role in {scope.name} is {scope.role}.
        </EmptyState>
      )}
    </>
  );
}
