import { redirect } from "next/navigation";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getEnvironmentVersion } from "@/server/assets/get-asset-version";

// /environments/{name} shows the latest version.
export default async function EnvironmentsNamePage({
  params,
}: {
  params: Promise<{ scopeKind: string; scope: string; name: string }>;
}) {
  const p = await params;
  const { actor, ref } = await loadScopePage(p);
  const name = safeDecode(p.name);
  const latest = await orNotFound(getEnvironmentVersion(actor, ref, name, "latest"));
  redirect(pages.assetVersion(ref, "environments", name, latest.version));
}
