import "server-only";
import { CLOUD_EVENT_TYPE_PREFIX, EVENT_TYPES } from "@/lib/events/catalog";
import { exampleCloudEvent } from "@/lib/events/cloudevent";
import { env } from "@/server/env";

/** The public event catalog, each type with an example event as a webhook receives it. */
export function listEventTypes() {
  return EVENT_TYPES.map((info) => ({
    type: info.type,
    cloudEventType: CLOUD_EVENT_TYPE_PREFIX + info.type,
    description: info.description,
    subject: info.subject,
    example: exampleCloudEvent(info, env.studioUrl),
  }));
}
