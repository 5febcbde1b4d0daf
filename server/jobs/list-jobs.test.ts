import { beforeAll, describe, expect, it } from "vitest";
import { createExternalJob } from "@/server/jobs/create-job";
import { logBatch } from "@/server/jobs/log-batch";
import { finishExternalJob } from "@/server/jobs/finish-job";
import { listJobs } from "@/server/jobs/list-jobs";
import { workspaceWithTeam } from "@/tests/support/factories";
import { db } from "@/server/db";

describe("listJobs", () => {
  let team: Awaited<ReturnType<typeof workspaceWithTeam>>;
  const names: Record<string, string> = {};

  beforeAll(async () => {
    team = await workspaceWithTeam();
    const runs = [
      { id: "a", experiment: "iris", lr: "0.01", team: "vision", acc: [0.5, 0.95], status: "completed" },
      { id: "b", experiment: "iris", lr: "0.1", team: "vision", acc: [0.7, 0.8], status: "completed" },
      { id: "c", experiment: "wine", lr: "0.01", team: "nlp", acc: [0.99, 0.6], status: "failed" },
      { id: "d", experiment: "wine", lr: "0.001", team: "nlp", acc: [], status: "running" },
    ] as const;
    for (const run of runs) {
      const job = await createExternalJob(team.contributor, team.workspace.name, {
        experiment: run.experiment,
        displayName: `run ${run.id}`,
        params: { lr: run.lr },
        tags: { team: run.team },
      });
      names[run.id] = job.name;
      if (run.acc.length)
        await logBatch(team.contributor, team.workspace.name, job.name, {
          metrics: run.acc.map((value, step) => ({ key: "acc", value, step })),
        });
      if (run.status !== "running")
        await finishExternalJob(team.contributor, team.workspace.name, job.name, { status: run.status });
    }
  });

  const ids = async (query: Parameters<typeof listJobs>[2]) => {
    const page = await listJobs(team.reader, team.workspace.name, query);
    return page.items.map((j) => Object.entries(names).find(([, n]) => n === j.name)![0]).sort();
  };

  it("lists every job of the workspace, newest first", async () => {
    const page = await listJobs(team.reader, team.workspace.name, {});
    expect(page.items.map((j) => j.displayName)).toEqual(["run d", "run c", "run b", "run a"]);
    expect(page.items[3].metrics).toEqual([expect.objectContaining({ key: "acc", last: 0.95, max: 0.95, min: 0.5 })]);
  });

  it("filters by experiment and status", async () => {
    expect(await ids({ experiment: "iris" })).toEqual(["a", "b"]);
    expect(await ids({ status: "failed" })).toEqual(["c"]);
    expect(await ids({ experiment: "wine", status: "running" })).toEqual(["d"]);
    expect(await ids({ experiment: "no-such-experiment" })).toEqual([]);
  });

  it("filters by a metric's last, min or max value", async () => {
    expect(await ids({ filter: "metrics.acc > 0.9" })).toEqual(["a"]);
    expect(await ids({ filter: "max(metrics.acc) > 0.9" })).toEqual(["a", "c"]);
    expect(await ids({ filter: "min(metrics.acc) <= 0.6" })).toEqual(["a", "c"]);
    expect(await ids({ filter: "metrics.missing > 0" })).toEqual([]);
  });

  it("filters by params, tags and attributes, all conditions together", async () => {
    expect(await ids({ filter: "params.lr = 0.01" })).toEqual(["a", "c"]);
    expect(await ids({ filter: "params.lr = 0.01 and tags.team = vision" })).toEqual(["a"]);
    expect(await ids({ filter: "tags.team != vision" })).toEqual(["c", "d"]);
    expect(await ids({ filter: "params.lr LIKE '0.0%'" })).toEqual(["a", "c", "d"]);
    expect(await ids({ filter: "attributes.status = completed and metrics.acc < 0.9" })).toEqual(["b"]);
    expect(await ids({ filter: "attributes.experiment = wine" })).toEqual(["c", "d"]);
  });

  it("pages by cursor, each job once", async () => {
    const first = await listJobs(team.reader, team.workspace.name, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await listJobs(team.reader, team.workspace.name, { limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((j) => j.displayName)).toEqual(["run a"]);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses a malformed filter or cursor with invalid, and hides the workspace from outsiders", async () => {
    await expect(listJobs(team.reader, team.workspace.name, { filter: "metrics.acc >" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("Filter:"),
    });
    await expect(listJobs(team.reader, team.workspace.name, { cursor: "garbage" })).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(listJobs(team.outsider, team.workspace.name, {})).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listJobs sorted by any column", () => {
  type Spec = {
    display: string;
    status: "running" | "completed" | "failed";
    lr?: string;
    acc?: number[];
    minutes: number;
    seconds?: number;
    experiment: string;
  };
  // Ties on every kind of key, and jobs that lack the param, the metric or an end time.
  const specs: Spec[] = [
    { display: "beta", status: "completed", lr: "0.1", acc: [0.5, 0.9], minutes: 0, seconds: 30, experiment: "x" },
    { display: "alpha", status: "completed", lr: "0.01", acc: [0.2, 0.7], minutes: 1, seconds: 30, experiment: "y" },
    { display: "alpha", status: "failed", acc: [0.9, 0.7], minutes: 1, seconds: 5, experiment: "x" },
    { display: "gamma", status: "running", lr: "0.01", minutes: 2, experiment: "y" },
    { display: "delta", status: "completed", lr: "0.001", acc: [0.95], minutes: 3, seconds: 30, experiment: "x" },
    { display: "beta", status: "running", lr: "0.1", acc: [0.3, 0.1, 0.4], minutes: 3, experiment: "z" },
    { display: "epsilon", status: "completed", minutes: 4, seconds: 0, experiment: "z" },
  ];
  type Row = { name: string; id: string; values: Record<string, string | number | null> };
  let team: Awaited<ReturnType<typeof workspaceWithTeam>>;
  const rows: Row[] = [];

  beforeAll(async () => {
    team = await workspaceWithTeam();
    const base = Date.parse("2026-01-01T00:00:00.000Z");
    for (const spec of specs) {
      const job = await createExternalJob(team.contributor, team.workspace.name, {
        experiment: spec.experiment,
        displayName: spec.display,
        params: spec.lr ? { lr: spec.lr } : {},
      });
      if (spec.acc)
        await logBatch(team.contributor, team.workspace.name, job.name, {
          metrics: spec.acc.map((value, step) => ({ key: "acc", value, step })),
        });
      if (spec.status !== "running")
        await finishExternalJob(team.contributor, team.workspace.name, job.name, { status: spec.status });
      // Two jobs share a creation minute: created ties are broken by id too.
      const createdAt = new Date(base + spec.minutes * 60_000);
      const endedAt = spec.seconds === undefined ? null : new Date(createdAt.getTime() + spec.seconds * 1000);
      const row = await db.job.update({
        where: { scopeId_name: { scopeId: team.workspace.id, name: job.name } },
        data: { createdAt, startedAt: createdAt, endedAt },
      });
      rows.push({
        name: job.name,
        id: row.id,
        values: {
          created: createdAt.getTime(),
          name: spec.display,
          status: spec.status,
          experiment: spec.experiment,
          duration: endedAt ? spec.seconds! * 1000 : null,
          "params.lr": spec.lr ?? null,
          "metrics.acc": spec.acc ? spec.acc.at(-1)! : null,
          "metrics.acc.min": spec.acc ? Math.min(...spec.acc) : null,
          "metrics.acc.max": spec.acc ? Math.max(...spec.acc) : null,
        },
      });
    }
  });

  /** The order the studio promises: by value, missing values last, ties by id in the same direction. */
  function expected(key: string, direction: "asc" | "desc"): string[] {
    const sign = direction === "asc" ? 1 : -1;
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    return [...rows]
      .sort((a, b) => {
        const x = a.values[key];
        const y = b.values[key];
        if (x === null && y !== null) return 1;
        if (y === null && x !== null) return -1;
        return (x === null || y === null ? 0 : sign * cmp(x, y)) || sign * cmp(a.id, b.id);
      })
      .map((r) => r.name);
  }

  async function allPages(sort: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await listJobs(team.reader, team.workspace.name, { sort, limit, cursor });
      seen.push(...page.items.map((j) => j.name));
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
    }
    throw new Error("too many pages");
  }

  const keys = [
    "created",
    "name",
    "status",
    "experiment",
    "duration",
    "params.lr",
    "metrics.acc",
    "metrics.acc.min",
    "metrics.acc.max",
  ];
  for (const key of keys) {
    for (const direction of ["asc", "desc"] as const) {
      it(`sorts by ${key} ${direction}, missing last, the same across page sizes`, async () => {
        const want = expected(key, direction);
        for (const limit of [1, 2, 3, 50])
          expect(await allPages(`${key}:${direction}`, limit), `limit ${limit}`).toEqual(want);
      });
    }
  }

  it("sorts newest first by default and by the key's natural direction without one", async () => {
    expect(await allPages("", 3)).toEqual(expected("created", "desc"));
    expect(await allPages("metrics.acc.max", 2)).toEqual(expected("metrics.acc.max", "desc"));
    expect(await allPages("name", 2)).toEqual(expected("name", "asc"));
  });

  it("combines a sort with a filter", async () => {
    const page = await listJobs(team.reader, team.workspace.name, {
      sort: "metrics.acc:asc",
      filter: "attributes.status = completed",
    });
    expect(page.items.map((j) => j.displayName)).toEqual(["alpha", "beta", "delta", "epsilon"]);
  });

  it("refuses an unknown sort, and a cursor from another kind of sort", async () => {
    await expect(listJobs(team.reader, team.workspace.name, { sort: "colour" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("Sort:"),
    });
    await expect(listJobs(team.reader, team.workspace.name, { sort: "name:sideways" })).rejects.toMatchObject({
      code: "invalid",
    });
    const byName = await listJobs(team.reader, team.workspace.name, { sort: "name", limit: 2 });
    await expect(
      listJobs(team.reader, team.workspace.name, { sort: "metrics.acc", cursor: byName.nextCursor! }),
    ).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("cursor") });
    await expect(
      listJobs(team.reader, team.workspace.name, { sort: "created", cursor: byName.nextCursor! }),
    ).rejects.toMatchObject({ code: "invalid" });
  });
});
