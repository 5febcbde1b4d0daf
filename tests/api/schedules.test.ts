import { describe, expect, it } from "vitest";
import { waitFor } from "../support/wait";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";

// Schedules over HTTP against the running studio: one that fires every minute really fires and submits
// its job; Azure ML schedule YAML is taken; bad schedules are refused saying why.

async function templateJob(token: string): Promise<string> {
  const res = await request("POST", "/workspaces/dev/command-jobs", {
    token,
    json: { command: "echo scheduled", displayName: "schedule template" },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.name as string;
}

describe("schedules", () => {
  it("a schedule that fires every minute runs its job, and can be run now, turned off and deleted", async () => {
    const scientist = await tokenFor("scientist");
    const template = await templateJob(scientist);
    const created = await request("POST", "/workspaces/dev/schedules", {
      token: scientist,
      json: {
        name: uniqueName("every-minute"),
        trigger: { type: "cron", expression: "* * * * *" },
        timeZone: "Europe/Berlin",
        target: { kind: "job", job: template },
        allowOverlap: true,
      },
    });
    expect(created.status, created.text).toBe(201);
    const schedule = created.body;
    expect(schedule).toMatchObject({
      isEnabled: true,
      timeZone: "Europe/Berlin",
      canManage: true,
      createdBy: "scientist@example.com (token)",
    });
    expect(schedule.upcoming).toHaveLength(5);
    expect(new Date(schedule.upcoming[1]).getTime() - new Date(schedule.upcoming[0]).getTime()).toBe(60_000);
    expect(new Date(schedule.nextFireAt).getTime()).toBeLessThanOrEqual(Date.now() + 60_000);

    const runs = await waitFor(
      async () => (await get(`/workspaces/dev/schedules/${schedule.id}/runs`, scientist)).body.items as any[],
      (items) => items.some((r) => r.trigger === "schedule" && r.status !== "firing"),
      80_000,
    );
    const run = runs.find((r) => r.trigger === "schedule");
    expect(run).toMatchObject({ status: "submitted", scheduledFor: schedule.nextFireAt });
    const job = (await get(`/workspaces/dev/jobs/${run.job}`, scientist)).body;
    expect(job).toMatchObject({ command: "echo scheduled", kind: "command" });
    expect(job.name).not.toBe(template);

    const now = await request("POST", `/workspaces/dev/schedules/${schedule.id}/run`, { token: scientist });
    expect(now.status, now.text).toBe(201);
    expect(now.body).toMatchObject({ trigger: "manual", status: "submitted" });

    const off = await request("PATCH", `/workspaces/dev/schedules/${schedule.id}`, {
      token: scientist,
      json: { isEnabled: false },
    });
    expect(off.body).toMatchObject({ isEnabled: false, nextFireAt: null, upcoming: [] });
    expect((await request("DELETE", `/workspaces/dev/schedules/${schedule.id}`, { token: scientist })).status).toBe(
      204,
    );
    expectError(await get(`/workspaces/dev/schedules/${schedule.id}/runs`, scientist), 404, "not_found");
  }, 120_000);

  it("takes the trigger of Azure ML schedule YAML, with its Windows time zone and create_job", async () => {
    const scientist = await tokenFor("scientist");
    const template = await templateJob(scientist);
    const name = uniqueName("nightly");
    const yaml = [
      "$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json",
      `name: ${name}`,
      "display_name: Nightly",
      "description: Retrains every night",
      "trigger:",
      "  type: recurrence",
      "  frequency: day",
      "  interval: 1",
      "  schedule:",
      "    hours: [4, 5]",
      "    minutes: [0, 30]",
      '  time_zone: "Pacific Standard Time"',
      `create_job: azureml:${template}`,
      "compute: azureml:cpu-cluster",
    ].join("\n");
    const created = await request("POST", "/workspaces/dev/schedules", { token: scientist, json: { yaml } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name,
      description: "Retrains every night",
      timeZone: "America/Los_Angeles",
      trigger: { type: "recurrence", frequency: "day", interval: 1, schedule: { hours: [4, 5], minutes: [0, 30] } },
      target: { kind: "job", job: template },
    });
    expect(created.body.warnings.join(" ")).toMatch(/compute/);
    // 04:00, 04:30, 05:00, 05:30 Pacific time, every day.
    const local = created.body.upcoming.map((t: string) =>
      new Date(t).toLocaleTimeString("en-GB", { timeZone: "America/Los_Angeles", hour: "2-digit", minute: "2-digit" }),
    );
    expect(new Set(local)).toEqual(new Set(["04:00", "04:30", "05:00", "05:30"]));
    expect(created.body.summary).toMatch(/America\/Los_Angeles/);
    await request("DELETE", `/workspaces/dev/schedules/${created.body.id}`, { token: scientist });
  });

  it("refuses bad schedules with a clear 4xx and changes nothing", async () => {
    const scientist = await tokenFor("scientist");
    const reviewer = await tokenFor("reviewer");
    const template = await templateJob(scientist);
    const before = (await get("/workspaces/dev/schedules", scientist)).body.items.length;
    const base = {
      name: uniqueName("bad"),
      trigger: { type: "cron", expression: "0 3 * * *" },
      target: { kind: "job", job: template },
    };
    const cases: [unknown, RegExp][] = [
      [{ ...base, trigger: { type: "cron", expression: "0 0 30 2 *" } }, /never fires/],
      [{ ...base, trigger: { type: "cron", expression: "0 0 * * * *" } }, /5 fields|five/i],
      [{ ...base, trigger: { type: "cron", expression: "61 * * * *" } }, /minute/i],
      [{ ...base, timeZone: "Mars/Olympus" }, /Unknown time zone/],
      [{ ...base, trigger: { type: "recurrence", frequency: "fortnight", interval: 1 } }, /frequency/],
      [{ ...base, startAt: "2030-01-02T00:00:00Z", endAt: "2030-01-01T00:00:00Z" }, /after the start/],
      [{ ...base, target: { kind: "job", job: "job-nope" } }, /is not in workspace dev/],
      [{ yaml: "trigger: [" }, /YAML/],
      [{ yaml: "name: x\ntrigger:\n  type: cron\n  expression: '0 * * * *'\ncreate_job: ./pipeline.yml" }, /target/],
    ];
    for (const [json, message] of cases) {
      const res = await request("POST", "/workspaces/dev/schedules", { token: scientist, json });
      expect(expectError(res, 422, "invalid"), JSON.stringify(json)).toMatch(message);
    }
    const preview = await request("POST", "/workspaces/dev/schedules/preview", {
      token: scientist,
      json: { trigger: { type: "cron", expression: "30 2 * * *" }, timeZone: "America/New_York" },
    });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.upcoming).toHaveLength(5);
    expectError(await request("POST", "/workspaces/dev/schedules", { token: reviewer, json: base }), 404, "not_found");
    expectError(await request("POST", "/workspaces/test/schedules", { token: reviewer, json: base }), 403, "forbidden");
    expect((await get("/workspaces/dev/schedules", scientist)).body.items.length).toBe(before);
  });
});
