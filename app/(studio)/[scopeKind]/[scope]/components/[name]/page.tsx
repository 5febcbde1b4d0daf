import { redirect } from "next/navigation";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getComponentVersion } from "@/server/components/get-component";

// /components/{name} shows the latest version.
export default async function ComponentNamePage({
  params,
}: {
  params: Promise<{ scopeKind: string; scope: string; name: string }>;
}) {
  const p = await params;
  const { actor, ref } = await loadScopePage(p);
  const name = safeDecode(p.name);
  const latest = await orNotFound(getComponentVersion(actor, ref, name, "latest"));
  redirect(pages.assetVersion(ref, "components", name, latest.version));
}
