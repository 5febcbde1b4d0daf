import { redirect } from "next/navigation";
import { loadScopePage } from "@/server/http/pages";
import { scopePath } from "@/lib/scopes";

export default async function ScopeHome({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { ref } = await loadScopePage(await params);
  redirect(`${scopePath(ref)}/models`);
}
