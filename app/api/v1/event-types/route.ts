import { apiRoute, json } from "@/server/http/api";
import { listEventTypes } from "@/server/events/list-event-types";

export const GET = apiRoute(async () => json({ items: listEventTypes() }));
