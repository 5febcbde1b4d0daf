import { describe, expect, it } from "vitest";
import { cloudEventSchema } from "@/lib/schemas/events";
import { expectError, get, tokenFor } from "./helpers";

describe("GET /api/v1/event-types", () => {
  it("lists the public events, each with a valid CloudEvents example that links back to the studio", async () => {
    const res = await get("/event-types", await tokenFor("reviewer"));
    expect(res.status, res.text).toBe(200);
    const items = res.body.items as {
      type: string;
      cloudEventType: string;
      description: string;
      subject: string;
      example: unknown;
    }[];
    const types = items.map((i) => i.type);
    // What the catalog asks for, at least.
    for (const type of [
      "model.version.registered",
      "model.version.archived",
      "model.version.deleted",
      "model.version.shared",
      "deployment.created",
      "deployment.succeeded",
      "deployment.failed",
      "deployment.deleted",
      "endpoint.traffic.updated",
      "endpoint.key.regenerated",
      "job.queued",
      "job.running",
      "job.completed",
      "job.failed",
      "job.canceled",
      "pipeline_job.completed",
      "pipeline_job.failed",
      "data.version.registered",
      "data.version.profiled",
    ]) {
      expect(types).toContain(type);
    }
    for (const item of items) {
      const example = cloudEventSchema.parse(item.example);
      expect(example.type).toBe(item.cloudEventType);
      expect(item.cloudEventType.endsWith(`.${item.type}`)).toBe(true);
      const links = example.data.links as { ui: string; api: string };
      expect(new URL(links.ui).pathname).toMatch(/^\/workspaces\/dev\//);
      expect(new URL(links.api).pathname).toMatch(/^\/api\/v1\/workspaces\/dev\//);
    }
    // Sign-ins, tokens and members stay inside the studio.
    expect(types.filter((t) => /^(auth|token|member)\./.test(t))).toEqual([]);
  });

  it("needs a signed-in caller", async () => {
    const res = await get("/event-types", null);
    expectError(res, 401, "unauthorized");
  });
});
