import type { z } from "zod";
import type { ScopeRef } from "@/lib/scopes";
import type { cloudEventSchema } from "@/lib/schemas/events";
import { api, pages } from "@/lib/routes";
import { CLOUD_EVENT_TYPE_PREFIX, eventSubject, publicEventType, type EventTypeInfo } from "@/lib/events/catalog";

// An audit event as a CloudEvents 1.0 event in the JSON format (structured mode): the envelope
// attributes at the top level, the event's own `data` as a JSON value. `data` carries what a receiver
// needs without calling back: the event's recorded fields plus the scope, the actor, the reason and links
// to the studio page and the REST resource.

export const CLOUD_EVENT_CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

export type CloudEvent = z.infer<typeof cloudEventSchema>;

export type RecordedEvent = {
  seq: number;
  at: Date;
  action: string;
  subjectType: string;
  /** The id of what it is about, for kinds whose pages are addressed by id (rules, schedules). */
  subjectId?: string | null;
  subjectLabel: string;
  actorLabel: string;
  reason: string | null;
  scope: ScopeRef;
  data: Record<string, unknown>;
  /** The event that caused this one (an automation rule acting on it), and how deep the chain is. */
  causeSeq?: number | null;
  chainDepth?: number;
};

/** The CloudEvent of an audit event, or null when the event stays inside the studio. */
export function toCloudEvent(event: RecordedEvent, studioUrl: string): CloudEvent | null {
  const type = publicEventType(event.action, event.data);
  if (!type) return null;
  const base = studioUrl.replace(/\/$/, "");
  const links = eventLinks(event);
  const cloudEvent: CloudEvent = {
    specversion: "1.0",
    id: `evt_${event.seq}`,
    source: pages.scope(event.scope),
    type: CLOUD_EVENT_TYPE_PREFIX + type,
    subject: eventSubject(event.subjectType, event.subjectLabel),
    time: event.at.toISOString(),
    datacontenttype: "application/json" as const,
    data: {
      ...event.data,
      scope: { kind: event.scope.kind, name: event.scope.name },
      actor: event.actorLabel,
      reason: event.reason,
      links: links ? { ui: base + links.ui, api: base + links.api } : null,
    },
  };
  if (event.causeSeq) cloudEvent.causationid = `evt_${event.causeSeq}`;
  if (event.chainDepth) cloudEvent.chaindepth = event.chainDepth;
  return cloudEvent;
}

/** The studio page and REST resource of what an event is about (null for kinds without a page). */
export function eventLinks(
  event: Pick<RecordedEvent, "subjectType" | "subjectId" | "subjectLabel" | "scope">,
): { ui: string; api: string } | null {
  const label = event.subjectLabel;
  const colon = label.lastIndexOf(":");
  const [name, version] = colon < 0 ? [label, ""] : [label.slice(0, colon), label.slice(colon + 1)];
  const workspace = event.scope.name;
  switch (event.subjectType) {
    case "model_version":
      return {
        ui: pages.assetVersion(event.scope, "models", name, version),
        api: api.assetVersion(event.scope, "models", name, version),
      };
    case "model":
      return { ui: pages.asset(event.scope, "models", label), api: api.assetVersions(event.scope, "models", label) };
    case "data_version":
      return {
        ui: pages.assetVersion(event.scope, "data", name, version),
        api: api.assetVersion(event.scope, "data", name, version),
      };
    case "job":
      return { ui: pages.job(workspace, label), api: api.job(workspace, label) };
    case "endpoint":
      return { ui: pages.endpoint(workspace, label), api: api.endpoint(workspace, label) };
    case "deployment": {
      const [endpoint, deployment] = label.split("/");
      return {
        ui: pages.endpoint(workspace, endpoint, { deployment }),
        api: api.deployment(workspace, endpoint, deployment),
      };
    }
    case "promotion":
      return event.subjectId
        ? { ui: pages.promotion(event.scope, event.subjectId), api: api.promotion(event.scope, event.subjectId) }
        : null;
    case "automation_rule":
      return event.subjectId
        ? { ui: pages.automation(workspace, event.subjectId), api: api.automation(workspace, event.subjectId) }
        : null;
    case "monitor":
      return { ui: pages.monitor(workspace, label), api: api.monitor(workspace, label) };
    case "schedule":
      return event.subjectId
        ? { ui: pages.schedule(workspace, event.subjectId), api: api.schedule(workspace, event.subjectId) }
        : null;
    default:
      return null;
  }
}

/** The catalog's example of a type: its example audit event, as a receiver would get it. */
export function exampleCloudEvent(info: EventTypeInfo, studioUrl: string): CloudEvent {
  const event = toCloudEvent(
    {
      seq: 1024,
      at: new Date("2026-06-01T09:30:00.000Z"),
      ...info.example,
      actorLabel: info.example.action.startsWith("job.") ? "local runner" : "scientist@example.com",
      reason: null,
      scope: { kind: "workspace", name: "dev" },
    },
    studioUrl,
  );
  if (!event || event.type !== CLOUD_EVENT_TYPE_PREFIX + info.type) {
    throw new Error(`the example of ${info.type} is not an event of that type`);
  }
  return event;
}
