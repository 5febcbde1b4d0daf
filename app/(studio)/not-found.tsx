import type { Metadata } from "next";
import { requirePageActor } from "@/server/auth/session";
import { listScopes } from "@/server/scopes/list-scopes";
import { NotFoundView } from "@/components/shell/not-found-view";

export const metadata: Metadata = { title: "Not found" };

// Every notFound() in the studio's pages lands here, inside the studio's shell (a 404 status): an unknown
// model, job or section, and a workspace or registry that does not exist or that the actor is not a member
// of. The navigation beside it shows the scope's sections only when the actor belongs to that scope.
export default async function StudioNotFound() {
  const actor = await requirePageActor();
  const scopes = await listScopes(actor);
  return <NotFoundView scopes={scopes} />;
}
