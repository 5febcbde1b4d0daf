import { createTokenSchema, passwordTokenSchema } from "@/lib/schemas/tokens";
import { type Json, errors, ok, path, jsonBody } from "@/lib/openapi/shared";

/** Sign-in with a password, the caller, their sessions and access tokens. */
export function accountRoutes(): Record<string, Json> {
  return {
    "/auth/token": {
      post: {
        summary: "Trade an e-mail and password for a personal access token",
        security: [],
        requestBody: jsonBody(passwordTokenSchema),
        responses: {
          ...ok(201, "The new token", { $ref: "#/components/schemas/NewToken" }),
          ...errors(400, 401, 413, 422, 429),
        },
      },
    },
    "/me": {
      get: {
        summary: "Who the token belongs to, and their workspaces and registries",
        responses: { ...ok(200, "The caller"), ...errors(401) },
      },
    },
    "/me/sessions": {
      delete: {
        summary: "Sign out everywhere: every browser session of yours stops working (access tokens are not affected)",
        responses: {
          ...ok(200, "How many sessions were ended", {
            type: "object",
            properties: { ended: { type: "integer" } },
            required: ["ended"],
          }),
          ...errors(401, 403),
        },
      },
    },
    "/tokens": {
      get: {
        summary: "Your access tokens (never the secrets)",
        responses: {
          ...ok(200, "Tokens", {
            type: "object",
            properties: { items: { type: "array", items: { $ref: "#/components/schemas/Token" } } },
          }),
          ...errors(401),
        },
      },
      post: {
        summary: "Create an access token",
        requestBody: jsonBody(createTokenSchema),
        responses: {
          ...ok(201, "The new token", { $ref: "#/components/schemas/NewToken" }),
          ...errors(400, 401, 422),
        },
      },
    },
    "/tokens/{id}": {
      delete: {
        summary: "Revoke one of your tokens",
        parameters: [path("id", "Token id")],
        responses: { ...ok(200, "The revoked token", { $ref: "#/components/schemas/Token" }), ...errors(401, 404) },
      },
    },
  };
}
