import { redirect } from "next/navigation";
import { loadScopePage } from "@/server/http/pages";
import { pages } from "@/lib/routes";

export default async function ScopeHome({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { ref } = await loadScopePage(await params);
  redirect(pages.section(ref, "models"));
}
