import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getPipeline } from "@/server/pipelines/get-pipeline";
import { loadDesignerCatalog } from "@/server/pipelines/designer-catalog";
import { PipelineDesigner } from "@/components/designer/designer";

type Params = { scopeKind: string; scope: string; pipeline: string };

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  const p = await params;
  try {
    const { actor, scope } = await loadScopePage(p);
    return { title: `${(await getPipeline(actor, scope.name, safeDecode(p.pipeline))).name} · Designer` };
  } catch {
    return { title: "Pipeline" };
  }
}

export default async function PipelineDesignerPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<{ focus?: string | string[] }>;
}) {
  const p = await params;
  const { focus } = await searchParams;
  const { actor, scope } = await loadScopePage(p);
  if (scope.kind !== "workspace") notFound();
  const pipeline = await orNotFound(getPipeline(actor, scope.name, safeDecode(p.pipeline)));
  const catalog = await loadDesignerCatalog(actor, scope.name);
  // A new key after each load: a reload after a conflict starts from the saved draft, not the stale one.
  return (
    <PipelineDesigner
      key={`${pipeline.id}:${pipeline.revision}`}
      workspace={scope.name}
      pipeline={pipeline}
      catalog={catalog}
      canEdit={roleAllows(scope.role, "write")}
      focus={typeof focus === "string" ? focus : undefined}
    />
  );
}
