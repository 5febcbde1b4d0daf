import { redirect } from "next/navigation";
import { requirePageActor } from "@/server/auth/session";
import { listScopes } from "@/server/scopes/list-scopes";
import { pages } from "@/lib/routes";
import { roleAllows } from "@/lib/permissions";
import { EmptyState } from "@/components/ui/misc";

export default async function Home() {
  const actor = await requirePageActor();
  const scopes = await listScopes(actor);
  // Someone who only reads, and reads production, is a reviewer: they start at what runs in production.
  const isReviewer =
    scopes.every((s) => !roleAllows(s.role, "write")) &&
    scopes.some((s) => s.kind === "workspace" && s.stage === "prod");
  if (isReviewer) redirect("/dashboards");
  const first = scopes.find((s) => s.kind === "workspace") ?? scopes[0];
  // A workspace lands on its Home; a registry (no jobs, no endpoints) on its models.
  if (first) redirect(first.kind === "workspace" ? pages.scope(first) : pages.section(first, "models"));
  return (
    <EmptyState title="You are not a member of any workspace or registry yet">
      Ask an owner of a workspace to add you.
    </EmptyState>
  );
}
