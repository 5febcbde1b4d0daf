import { apiRoute, json, searchParamsOf } from "@/server/http/api";
import { listEvents } from "@/server/events/list-events";

export const GET = apiRoute(async ({ req, actor }) => json(await listEvents(actor, searchParamsOf(req))));
