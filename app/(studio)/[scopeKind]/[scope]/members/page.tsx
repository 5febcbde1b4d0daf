import type { Metadata } from "next";
import { roleAllows } from "@/lib/permissions";
import { loadScopePage } from "@/server/http/pages";
import { listMembers } from "@/server/scopes/members";
import { PageHeader } from "@/components/ui/misc";
import { MemberManager } from "@/components/members/member-manager";
import { removeMemberAction, setMemberRoleAction } from "@/app/(studio)/[scopeKind]/[scope]/members/actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope, ref } = await loadScopePage(await params);
  const members = await listMembers(actor, ref);
  const canManage = roleAllows(scope.role, "manage");
  return (
    <>
      <PageHeader
        title="Members"
        subtitle={`${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.displayName}: readers see, contributors also change, owners also manage members.${canManage ? "" : " Only owners can change membership."}`}
      />
      <MemberManager
        actions={{ setRole: setMemberRoleAction.bind(null, ref), remove: removeMemberAction.bind(null, ref) }}
        members={members}
        canManage={canManage}
        selfEmail={actor.email}
      />
    </>
  );
}
