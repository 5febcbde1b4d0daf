import Link from "next/link";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getEndpoint } from "@/server/endpoints/get-endpoint";
import { loadDeploymentChoices } from "@/server/endpoints/deployment-choices";
import { PageHeader } from "@/components/ui/misc";
import { NewDeploymentForm } from "@/components/endpoints/new-deployment-form";

type Params = { scopeKind: string; scope: string; endpoint: string };

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  return { title: `New deployment · ${safeDecode((await params).endpoint)}` };
}

export default async function NewDeploymentPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<{ model?: string | string[] }>;
}) {
  const p = await params;
  // `?model=` (from a model version's Deploy action) chooses the version; an unknown one is ignored.
  const { model } = await searchParams;
  const { actor, scope } = await loadScopePage(p);
  if (scope.kind !== "workspace" || !roleAllows(scope.role, "write")) notFound();
  const endpoint = await orNotFound(getEndpoint(actor, scope.name, safeDecode(p.endpoint)));
  const choices = await orNotFound(
    loadDeploymentChoices(actor, scope.name, { include: typeof model === "string" ? model : undefined }),
  );
  const base = pages.endpoints(scope.name);
  return (
    <>
      <PageHeader
        breadcrumbs={
          <>
            <Link href={base} className="hover:underline">
              Endpoints
            </Link>{" "}
            /{" "}
            <Link href={pages.endpoint(scope.name, endpoint.name)} className="hover:underline">
              {endpoint.name}
            </Link>
          </>
        }
        title="New deployment"
        subtitle="A model version from this workspace or a registry (or an alias to follow, such as @champion), served by ONNX Runtime, from its MLmodel, or by your entry script."
      />
      <NewDeploymentForm
        workspace={scope.name}
        endpoint={endpoint.name}
        models={choices.models}
        initialModel={choices.models.some((m) => m.ref === model) ? (model as string) : undefined}
        environments={choices.environments}
        isFirst={endpoint.deployments.length === 0}
      />
    </>
  );
}
