import { listEventsQuerySchema } from "@/lib/schemas/events";
import { type Json, errors, ok, queryParams } from "@/lib/openapi/shared";

/** The audit trail and the public event catalog. */
export function eventRoutes(): Record<string, Json> {
  return {
    "/events": {
      get: {
        summary:
          "The audit trail you may see, newest first; filter by scope, action, actor, asset (model:name, endpoint:name, job:name…) and time; ?format=csv downloads every matching event (up to 100 000) as CSV",
        parameters: [
          ...queryParams(listEventsQuerySchema),
          {
            name: "format",
            in: "query",
            required: false,
            schema: { type: "string", enum: ["json", "csv"] },
            description: "csv: columns seq, at, actor, action, scope, subject_type, subject, reason, data (JSON)",
          },
        ],
        responses: {
          ...ok(200, "A page of events (JSON), or the CSV file", { $ref: "#/components/schemas/EventPage" }),
          ...errors(401, 404, 422),
        },
      },
    },
    "/event-types": {
      get: {
        summary: "The events that leave the studio (webhooks, notifications, rules), each with an example CloudEvent",
        responses: {
          ...ok(200, "The event catalog", {
            type: "object",
            properties: { items: { type: "array", items: { $ref: "#/components/schemas/EventType" } } },
            required: ["items"],
          }),
          ...errors(401),
        },
      },
    },
  };
}
