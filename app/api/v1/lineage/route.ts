import { apiRoute, json, searchParamsOf } from "@/server/http/api";
import { lineageGraph } from "@/server/lineage/lineage-graph";

export const GET = apiRoute(async ({ req, actor }) => json(await lineageGraph(actor, searchParamsOf(req))));
