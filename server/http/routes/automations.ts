import "server-only";
import { NextResponse } from "next/server";
import { createRuleSchema, updateRuleSchema } from "@/lib/automations/rule";
import { apiRoute, json, readJson, searchParamsOf } from "@/server/http/api";
import { createRule, deleteRule, getRule, listFirings, listRules, updateRule } from "@/server/automations/manage-rules";

// /workspaces/{workspace}/automations: automation rules and the list of their firings.
type WorkspaceParams = { workspace: string };
type RuleParams = WorkspaceParams & { id: string };

export const automationRoutes = {
  list: apiRoute<WorkspaceParams>(async ({ params, actor }) => json(await listRules(actor, params.workspace))),
  create: apiRoute<WorkspaceParams>(async ({ req, params, actor }) =>
    json(await createRule(actor, params.workspace, createRuleSchema.parse(await readJson(req))), 201),
  ),
  get: apiRoute<RuleParams>(async ({ params, actor }) => json(await getRule(actor, params.workspace, params.id))),
  update: apiRoute<RuleParams>(async ({ req, params, actor }) =>
    json(await updateRule(actor, params.workspace, params.id, updateRuleSchema.parse(await readJson(req)))),
  ),
  remove: apiRoute<RuleParams>(async ({ params, actor }) => {
    await deleteRule(actor, params.workspace, params.id);
    return new NextResponse(null, { status: 204 });
  }),
  firings: apiRoute<RuleParams>(async ({ req, params, actor }) =>
    json(await listFirings(actor, params.workspace, params.id, searchParamsOf(req))),
  ),
};
