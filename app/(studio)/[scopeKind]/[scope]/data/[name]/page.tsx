import { redirect } from "next/navigation";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getDataVersion } from "@/server/assets/get-asset-version";

// /data/{name} shows the latest version.
export default async function DataNamePage({
  params,
}: {
  params: Promise<{ scopeKind: string; scope: string; name: string }>;
}) {
  const p = await params;
  const { actor, ref } = await loadScopePage(p);
  const name = safeDecode(p.name);
  const latest = await orNotFound(getDataVersion(actor, ref, name, "latest"));
  redirect(pages.assetVersion(ref, "data", name, latest.version));
}
