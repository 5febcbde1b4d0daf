import { setMemberRoleSchema } from "@/lib/schemas/members";
import { type Json, errors, ok, path, jsonBody } from "@/lib/openapi/shared";

/** Members of a workspace or registry and their roles. */
export function memberRoutes(segment: "workspaces" | "registries", param: string): Record<string, Json> {
  const scopeParam = path(param, segment === "workspaces" ? "Workspace name" : "Registry name");
  const membersBase = `/${segment}/{${param}}/members`;
  const memberParams = [scopeParam, path("email", "E-mail of an existing user")];
  return {
    [membersBase]: {
      get: {
        summary: "Members and their roles (any member may read)",
        parameters: [scopeParam],
        responses: {
          ...ok(200, "Members", {
            type: "object",
            properties: { items: { type: "array", items: { $ref: "#/components/schemas/Member" } } },
          }),
          ...errors(401, 404),
        },
      },
    },
    [`${membersBase}/{email}`]: {
      put: {
        summary: "Add a user or change their role (owners only; the last owner cannot step down)",
        parameters: memberParams,
        requestBody: jsonBody(setMemberRoleSchema),
        responses: {
          ...ok(200, "The membership", { $ref: "#/components/schemas/Member" }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
      delete: {
        summary: "Remove a member (owners only; not the last owner)",
        parameters: [...memberParams, { name: "reason", in: "query", required: false, schema: { type: "string" } }],
        responses: { ...ok(204, "Removed"), ...errors(401, 403, 404, 409, 422) },
      },
    },
  };
}
