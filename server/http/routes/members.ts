import "server-only";
import { NextResponse } from "next/server";
import type { ScopeKind } from "@/lib/scopes";
import { apiRoute, scopeFromParams, type ScopeParams, json, readJson } from "@/server/http/api";
import { setMemberRoleSchema } from "@/lib/schemas/members";
import { listMembers, removeMember, setMemberRole } from "@/server/scopes/members";

// /workspaces/{workspace}/members and /registries/{registry}/members: who belongs, with which role.
type MemberParams = ScopeParams & { email: string };

export function memberRoutes(kind: ScopeKind) {
  return {
    list: apiRoute<ScopeParams>(async ({ params, actor }) =>
      json({ items: await listMembers(actor, scopeFromParams(kind, params)) }),
    ),
    set: apiRoute<MemberParams>(async ({ req, params, actor }) =>
      json(
        await setMemberRole(
          actor,
          scopeFromParams(kind, params),
          params.email,
          setMemberRoleSchema.parse(await readJson(req)),
        ),
      ),
    ),
    remove: apiRoute<MemberParams>(async ({ req, params, actor }) => {
      await removeMember(
        actor,
        scopeFromParams(kind, params),
        params.email,
        req.nextUrl.searchParams.get("reason")?.slice(0, 1000),
      );
      return new NextResponse(null, { status: 204 });
    }),
  };
}

export const workspaceMemberRoutes = memberRoutes("workspace");
export const registryMemberRoutes = memberRoutes("registry");
