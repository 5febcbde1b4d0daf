import { createRuleSchema, updateRuleSchema } from "@/lib/automations/rule";
import { firingDtoSchema, listFiringsQuerySchema, ruleDtoSchema } from "@/lib/schemas/automations";
import { type Json, errors, ok, path, jsonBody, queryParams, schema } from "@/lib/openapi/shared";

const list = (item: Json) => ({
  type: "object",
  properties: { items: { type: "array", items: item } },
  required: ["items"],
});

/** Automation rules of a workspace and their firings. */
export function automationRoutes(): Record<string, Json> {
  const workspace = path("workspace", "Workspace name");
  const ruleParams = [workspace, path("id", "Rule id")];
  const rule = schema(ruleDtoSchema);
  return {
    "/workspaces/{workspace}/automations": {
      get: {
        summary: "Automation rules of the workspace",
        parameters: [workspace],
        responses: { ...ok(200, "Rules", list(rule)), ...errors(401, 404) },
      },
      post: {
        summary:
          "Create a rule: when a public event matches its trigger, its actions run in order, as you (your rights are checked each time it fires)",
        parameters: [workspace],
        requestBody: jsonBody(createRuleSchema),
        responses: { ...ok(201, "The rule", rule), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    "/workspaces/{workspace}/automations/{id}": {
      get: {
        summary: "One rule",
        parameters: ruleParams,
        responses: { ...ok(200, "The rule", rule), ...errors(401, 404) },
      },
      patch: {
        summary: "Change a rule, or turn it off and on (its author or an owner)",
        parameters: ruleParams,
        requestBody: jsonBody(updateRuleSchema),
        responses: { ...ok(200, "The rule", rule), ...errors(400, 401, 403, 404, 409, 422) },
      },
      delete: {
        summary: "Delete a rule and its firings (its author or an owner)",
        parameters: ruleParams,
        responses: { ...ok(204, "Deleted"), ...errors(401, 403, 404) },
      },
    },
    "/workspaces/{workspace}/automations/{id}/firings": {
      get: {
        summary: "The rule's firings, newest first: the event, the outcome, why, and what each action did",
        parameters: [...ruleParams, ...queryParams(listFiringsQuerySchema)],
        responses: { ...ok(200, "Firings", list(schema(firingDtoSchema))), ...errors(401, 404, 422) },
      },
    },
  };
}
