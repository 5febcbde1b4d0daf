import Link from "next/link";
import type { Metadata } from "next";
import { isAppError } from "@/lib/errors";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { getEnvironmentVersion } from "@/server/assets/get-asset-version";
import { parseAssetVersionParam } from "@/server/assets/find-asset-version";
import { Alert, PageHeader } from "@/components/ui/misc";
import { EnvironmentForm, type EnvironmentDraft } from "@/components/assets/environment-form";
import { createEnvironmentVersionAction } from "@/app/(studio)/[scopeKind]/[scope]/asset-actions";

export const metadata: Metadata = { title: "New environment" };

export default async function NewEnvironmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ name?: string; from?: string }>;
}) {
  const { actor, scope, ref } = await loadScopePage(await params);
  const { name, from } = await searchParams;
  const base = pages.assets(ref, "environments");
  // "New version" starts from the version it was opened on, so a change is an edit of what exists.
  let initial: EnvironmentDraft = { name: name ?? "", description: "", tags: {}, conda: "", pip: "", image: "" };
  if (name) {
    const version = from ? parseAssetVersionParam(from) : "latest";
    try {
      if (!(typeof version === "number" && Number.isNaN(version))) {
        const v = await getEnvironmentVersion(actor, ref, name, version);
        initial = {
          name,
          description: v.description,
          tags: v.tags,
          conda: v.spec.conda ?? "",
          pip: v.spec.pip ?? "",
          image: v.spec.image ?? "",
        };
      }
    } catch (error) {
      if (!isAppError(error) || error.code !== "not_found") throw error;
    }
  }
  return (
    <>
      <PageHeader
        title={name ? `New version of ${name}` : "New environment"}
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Environments
          </Link>
        }
        subtitle={`In ${scope.kind} ${scope.displayName}`}
      />
      {roleAllows(scope.role, "write") ? (
        <EnvironmentForm scope={ref} create={createEnvironmentVersionAction.bind(null, ref)} initial={initial} />
      ) : (
        <Alert tone="warning">
          Your role in this {scope.kind} is {scope.role}; creating environments needs contributor or owner.
        </Alert>
      )}
    </>
  );
}
