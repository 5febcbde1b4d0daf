import { beforeAll, describe, expect, it } from "vitest";
import { listModels, listModelVersions } from "@/server/models/list-models";
import { registerModelVersion } from "@/server/models/register-model-version";
import { updateModelVersion } from "@/server/models/update-model-version";
import { db } from "@/server/db";
import { encodeCursor } from "@/lib/cursor";
import type { ListModelsQuery } from "@/lib/schemas/models";
import type { Actor } from "@/server/auth/actor";
import type { NewModelFile } from "@/server/models/register-model-version";
import { storeFiles, workspaceWithTeam } from "@/tests/support/factories";

type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;

let files: NewModelFile[];
beforeAll(async () => {
  files = await storeFiles({ "model.bin": "weights" });
});

async function register(team: Team, name: string, tags: Record<string, string> = {}) {
  return registerModelVersion(team.contributor, team.workspace, { name, tags }, files);
}

async function names(actor: Actor, team: Team, query: ListModelsQuery = {}) {
  return (await listModels(actor, team.workspace, query)).items.map((m) => m.name);
}

/** Follows nextCursor to the end and returns every page. */
async function allPages(actor: Actor, team: Team, query: ListModelsQuery) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await listModels(actor, team.workspace, { ...query, cursor });
    pages.push(page.items.map((m) => `${m.name}`));
    if (!page.nextCursor) return pages;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("listModels", () => {
  it("shows one row per model, with its latest version", async () => {
    const team = await workspaceWithTeam();
    await register(team, "iris", { v: "1" });
    await register(team, "iris", { v: "2" });
    await register(team, "iris", { v: "3" });
    await register(team, "wine");
    const { items, nextCursor } = await listModels(team.reader, team.workspace, {});
    expect(items.map((m) => [m.name, m.version, m.isLatest, m.tags])).toEqual([
      ["iris", 3, true, { v: "3" }],
      ["wine", 1, true, {}],
    ]);
    expect(nextCursor).toBeNull();
  });

  it("shows only the models of the scope it is asked about", async () => {
    const a = await workspaceWithTeam();
    const b = await workspaceWithTeam();
    await register(a, "only-in-a");
    await register(b, "only-in-b");
    expect(await names(a.reader, a)).toEqual(["only-in-a"]);
    expect(await names(b.reader, b)).toEqual(["only-in-b"]);
  });

  it("refuses a non-member with not found", async () => {
    const team = await workspaceWithTeam("prod");
    await expect(listModels(team.outsider, team.workspace, {})).rejects.toMatchObject({ code: "not_found" });
  });

  describe("tag filter", () => {
    let team: Team;
    beforeAll(async () => {
      team = await workspaceWithTeam();
      await register(team, "a-vision-prod", { team: "vision", stage: "prod" });
      await register(team, "b-vision-dev", { team: "vision", stage: "dev" });
      await register(team, "c-nlp-prod", { team: "nlp", stage: "prod" });
      await register(team, "d-vision", { team: "vision" });
      await register(team, "e-untagged");
      // Only the latest version's tags count: the list shows the latest version.
      await register(team, "f-was-vision", { team: "vision", stage: "prod" });
      await register(team, "f-was-vision", { team: "retired" });
    });

    it.each([
      ["team=vision,stage=prod", ["a-vision-prod"]],
      ["stage=prod,team=vision", ["a-vision-prod"]],
      ["team=vision", ["a-vision-prod", "b-vision-dev", "d-vision"]],
      ["stage", ["a-vision-prod", "b-vision-dev", "c-nlp-prod"]],
      ["team=vision,stage", ["a-vision-prod", "b-vision-dev"]],
      ["team=Vision", []],
      ["team=vis", []],
      ["owner", []],
      ["", ["a-vision-prod", "b-vision-dev", "c-nlp-prod", "d-vision", "e-untagged", "f-was-vision"]],
    ])("%j matches %j", async (tags, expected) => {
      expect(await names(team.reader, team, { tags })).toEqual(expected);
    });

    it.each(["team =vision", "team=", "=vision", "a=1,,b=2", "te am=x", "a=1,a=2"])(
      "refuses the malformed filter %j with invalid, not an empty list",
      async (tags) => {
        await expect(listModels(team.reader, team.workspace, { tags })).rejects.toMatchObject({
          name: "AppError",
          code: "invalid",
          message: expect.stringMatching(/^Tag filter: /),
          details: { field: "tags" },
        });
      },
    );
  });

  describe("name search", () => {
    let team: Team;
    beforeAll(async () => {
      team = await workspaceWithTeam();
      for (const name of [
        "Iris-Classifier",
        "iris-regressor",
        "IRISX",
        "wine-iris",
        "iri",
        "a_b-model",
        "axb-model",
        "a-b-model",
        "ab",
      ]) {
        await register(team, name);
      }
    });

    it.each([
      ["iris", ["Iris-Classifier", "iris-regressor", "IRISX"]],
      ["IRIS", ["Iris-Classifier", "iris-regressor", "IRISX"]],
      ["iris-", ["Iris-Classifier", "iris-regressor"]],
      ["Iris-C", ["Iris-Classifier"]],
      ["  iris-r  ", ["iris-regressor"]],
      ["wine-iris", ["wine-iris"]],
      ["classifier", []],
      ["a_", ["a_b-model"]],
      ["a_b", ["a_b-model"]],
      ["a%", []],
      ["%", []],
      ["_", []],
      ["a-", ["a-b-model"]],
    ])("%j finds %j (case-insensitive, from the start of the name, wildcards literal)", async (q, expected) => {
      expect(await names(team.reader, team, { q })).toEqual(expected);
    });

    it("combines the name search with the tag filter", async () => {
      const tagged = await workspaceWithTeam();
      await register(tagged, "iris-a", { team: "vision" });
      await register(tagged, "iris-b");
      await register(tagged, "wine-a", { team: "vision" });
      expect(await names(tagged.reader, tagged, { q: "iris", tags: "team=vision" })).toEqual(["iris-a"]);
    });
  });

  describe("sort", () => {
    let team: Team;
    beforeAll(async () => {
      team = await workspaceWithTeam();
      // Explicit, distinct times (a minute apart, in the past) order the versions' last changes, so the
      // test does not depend on the clock ticking between two registrations.
      const start = Date.now() - 3_600_000;
      for (const [i, name] of ["beta", "Alpha", "gamma"].entries()) {
        await register(team, name);
        await db.modelVersion.updateMany({
          where: { scopeId: team.workspace.id, name },
          data: { updatedAt: new Date(start + i * 60_000) },
        });
      }
    });

    it("sorts by name, ignoring case, by default and with 'name'", async () => {
      expect(await names(team.reader, team)).toEqual(["Alpha", "beta", "gamma"]);
      expect(await names(team.reader, team, { sort: "name" })).toEqual(["Alpha", "beta", "gamma"]);
      expect(await names(team.reader, team, { sort: "-name" })).toEqual(["gamma", "beta", "Alpha"]);
    });

    it("sorts by last change, and an edit moves a model up", async () => {
      expect(await names(team.reader, team, { sort: "updatedAt" })).toEqual(["beta", "Alpha", "gamma"]);
      expect(await names(team.reader, team, { sort: "-updatedAt" })).toEqual(["gamma", "Alpha", "beta"]);
      await updateModelVersion(team.contributor, team.workspace, "beta", 1, { tags: { touched: "yes" } });
      expect(await names(team.reader, team, { sort: "-updatedAt" })).toEqual(["beta", "gamma", "Alpha"]);
    });
  });

  describe("pagination", () => {
    let team: Team;
    let all: string[];
    beforeAll(async () => {
      team = await workspaceWithTeam();
      // "Model-c" and "model-c" share their sort key; ties must still page cleanly.
      all = ["model-a", "Model-b", "model-c", "Model-c", "model-d", "model-e", "model-f", "model-g"];
      for (const name of all) await register(team, name);
    });

    it.each(["name", "-name", "updatedAt", "-updatedAt"] as const)(
      "returns every model exactly once, in order, sorted by %s",
      async (sort) => {
        const whole = await names(team.reader, team, { sort, limit: 200 });
        expect([...whole].sort()).toEqual([...all].sort());
        const pages = await allPages(team.reader, team, { sort, limit: 3 });
        expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
        expect(pages.flat()).toEqual(whole);
      },
    );

    it("pages cleanly when every model was changed at the same instant", async () => {
      await db.modelVersion.updateMany({
        where: { scopeId: team.workspace.id },
        data: { updatedAt: new Date("2026-01-01T00:00:00.000Z") },
      });
      for (const sort of ["updatedAt", "-updatedAt"] as const) {
        const pages = await allPages(team.reader, team, { sort, limit: 3 });
        expect(pages.flat()).toHaveLength(all.length);
        expect([...pages.flat()].sort()).toEqual([...all].sort());
      }
    });

    it("gives no cursor when the page holds the last row", async () => {
      const page = await listModels(team.reader, team.workspace, { limit: all.length });
      expect(page.items).toHaveLength(all.length);
      expect(page.nextCursor).toBeNull();
    });

    it.each([
      ["garbage", "not-a-cursor!!"],
      ["a JSON object", Buffer.from('{"a":1}').toString("base64url")],
      ["a name cursor used to sort by time", encodeCursor("model-b", "someid")],
    ])("refuses %s as cursor with invalid", async (_label, cursor) => {
      await expect(listModels(team.reader, team.workspace, { sort: "updatedAt", cursor })).rejects.toMatchObject({
        code: "invalid",
        details: { field: "cursor" },
      });
    });
  });

  describe("archived", () => {
    it("leaves archived models out unless asked", async () => {
      const team = await workspaceWithTeam();
      await register(team, "active");
      await register(team, "shelved");
      await updateModelVersion(team.contributor, team.workspace, "shelved", 1, { isArchived: true });
      expect(await names(team.reader, team)).toEqual(["active"]);
      expect(await names(team.reader, team, { archived: "exclude" })).toEqual(["active"]);
      expect(await names(team.reader, team, { archived: "include" })).toEqual(["active", "shelved"]);
      expect(await names(team.reader, team, { archived: "only" })).toEqual(["shelved"]);
    });
  });
});

describe("listModelVersions", () => {
  let team: Team;
  const name = "versions";
  beforeAll(async () => {
    team = await workspaceWithTeam();
    await register(team, name, { stage: "dev" });
    await register(team, name, { stage: "prod", team: "vision" });
    await register(team, name, { stage: "prod" });
    await register(team, name);
    await register(team, name, { stage: "prod", team: "vision" });
    await register(team, "other-model", { stage: "prod" });
  });

  it("lists the versions newest first", async () => {
    const { items, nextCursor } = await listModelVersions(team.reader, team.workspace, name, {});
    expect(items.map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
    expect(items.map((v) => v.isLatest)).toEqual([true, false, false, false, false]);
    expect(nextCursor).toBeNull();
  });

  it.each([
    ["stage=prod", [5, 3, 2]],
    ["stage=prod,team=vision", [5, 2]],
    ["stage", [5, 3, 2, 1]],
    ["stage=test", []],
  ])("filters by tags %j", async (tags, expected) => {
    expect((await listModelVersions(team.reader, team.workspace, name, { tags })).items.map((v) => v.version)).toEqual(
      expected,
    );
  });

  it("refuses a malformed tag filter with invalid", async () => {
    await expect(listModelVersions(team.reader, team.workspace, name, { tags: "stage=" })).rejects.toMatchObject({
      code: "invalid",
    });
  });

  it("pages through every version exactly once", async () => {
    const seen: number[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listModelVersions(team.reader, team.workspace, name, { limit: 2, cursor });
      seen.push(page.items.map((v) => v.version));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual([[5, 4], [3, 2], [1]]);
  });

  it("pages through a filtered list", async () => {
    const first = await listModelVersions(team.reader, team.workspace, name, { tags: "stage=prod", limit: 2 });
    expect(first.items.map((v) => v.version)).toEqual([5, 3]);
    const second = await listModelVersions(team.reader, team.workspace, name, {
      tags: "stage=prod",
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((v) => v.version)).toEqual([2]);
    expect(second.nextCursor).toBeNull();
  });

  it("includes archived versions by default and can leave them out", async () => {
    const archived = await workspaceWithTeam();
    await register(archived, "m");
    await register(archived, "m");
    await updateModelVersion(archived.contributor, archived.workspace, "m", 1, { isArchived: true });
    const versions = async (query: { archived?: "exclude" | "include" | "only" }) =>
      (await listModelVersions(archived.reader, archived.workspace, "m", query)).items.map((v) => v.version);
    expect(await versions({})).toEqual([2, 1]);
    expect(await versions({ archived: "exclude" })).toEqual([2]);
    expect(await versions({ archived: "only" })).toEqual([1]);
  });

  it.each(["no-such-model", "bad name", ""])("refuses the unknown model %j with not found", async (unknown) => {
    await expect(listModelVersions(team.reader, team.workspace, unknown, {})).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("does not find a model of another workspace", async () => {
    const other = await workspaceWithTeam();
    await expect(listModelVersions(other.reader, other.workspace, name, {})).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses a cursor that is not a version cursor with invalid", async () => {
    await expect(
      listModelVersions(team.reader, team.workspace, name, { cursor: encodeCursor("versions", "id") }),
    ).rejects.toMatchObject({ code: "invalid" });
    await expect(listModelVersions(team.reader, team.workspace, name, { cursor: "%%%" })).rejects.toMatchObject({
      code: "invalid",
    });
  });

  it("refuses a non-member with not found", async () => {
    await expect(listModelVersions(team.outsider, team.workspace, name, {})).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
