import { redirect } from "next/navigation";
import { requirePageActor } from "@/server/auth/session";
import { listScopes } from "@/server/scopes/list-scopes";
import { pages } from "@/lib/routes";
import { EmptyState } from "@/components/ui/misc";

export default async function Home() {
  const actor = await requirePageActor();
  const scopes = await listScopes(actor);
  const first = scopes.find((s) => s.kind === "workspace") ?? scopes[0];
  // A workspace lands on its Home; a registry (no jobs, no endpoints) on its models.
  if (first) redirect(first.kind === "workspace" ? pages.scope(first) : pages.section(first, "models"));
  return (
    <EmptyState title="You are not a member of any workspace or registry yet">
      Ask an owner of a workspace to add you.
    </EmptyState>
  );
}
