import { apiRoute, json, searchParamsOf } from "@/server/http/api";
import { productionOverview } from "@/server/dashboards/production-overview";

export const GET = apiRoute(async ({ req, actor }) => json(await productionOverview(actor, searchParamsOf(req))));
