import { redirect } from "next/navigation";
import { scopePath } from "@/lib/scopes";
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
  redirect(`${scopePath(ref)}/components/${encodeURIComponent(name)}/versions/${latest.version}`);
}
