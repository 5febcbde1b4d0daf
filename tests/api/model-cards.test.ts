import { describe, expect, it } from "vitest";
import { createVersion, expectError, get, request, tokenFor, uniqueName } from "./helpers";

const cardPath = (segment: string, scope: string, name: string, version?: number) =>
  `/${segment}/${scope}/models/${encodeURIComponent(name)}${version ? `/versions/${version}` : ""}/card`;

describe("model cards", () => {
  it("keeps a model's card and a version's differences, merges them, and refuses stale edits", async () => {
    const scientist = await tokenFor("scientist");
    const name = uniqueName("carded");
    await createVersion(scientist, "dev", name);
    await createVersion(scientist, "dev", name);

    const empty = await get(cardPath("workspaces", "dev", name), scientist);
    expect(empty.body).toMatchObject({ revision: 0, risk: "unknown", intendedUse: "", isComplete: false });

    const put = (json: unknown, version?: number) =>
      request("PUT", cardPath("workspaces", "dev", name, version), { token: scientist, json });
    const written = await put({
      intendedUse: "## Triage\n\nSorting **iris** flowers.",
      limitations: "Not for other species.",
      risk: "medium",
      revision: 0,
    });
    expect(written.status, written.text).toBe(200);
    expect(written.body).toMatchObject({ version: null, revision: 1, risk: "medium", isComplete: true });

    // Version 2 differs only in its evaluation; the rest reads through from the model's card.
    const v2 = await put({ evaluation: "Accuracy 0.97 on the held-out 30 rows." }, 2);
    expect(v2.status, v2.text).toBe(200);
    expect(v2.body).toMatchObject({
      version: 2,
      intendedUse: "## Triage\n\nSorting **iris** flowers.",
      evaluation: "Accuracy 0.97 on the held-out 30 rows.",
      risk: "medium",
      revision: 1,
    });
    expect(v2.body.inherited.sort()).toEqual(["intendedUse", "limitations", "risk"]);
    const v1 = await get(cardPath("workspaces", "dev", name, 1), scientist);
    expect(v1.body).toMatchObject({ evaluation: "", revision: 0, risk: "medium" });

    // An edit made from revision 0 after revision 1 was written changes nothing.
    expectError(await put({ limitations: "overwritten?", revision: 0 }), 409, "conflict");
    expect((await get(cardPath("workspaces", "dev", name), scientist)).body.limitations).toBe("Not for other species.");

    // Two edits from the same revision at once: one is saved, the other is told to reload.
    const racing = await Promise.all([put({ limitations: "A", revision: 1 }), put({ limitations: "B", revision: 1 })]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = (await get(cardPath("workspaces", "dev", name), scientist)).body;
    expect(after.revision).toBe(2);
    expect(after.limitations).toBe(racing.find((r) => r.status === 200)!.body.limitations);

    // Bad input: a clear 422 and nothing changed.
    expectError(await put({ risk: "extreme" }), 422, "invalid");
    expectError(await put({ intendedUse: "x".repeat(20_001) }), 422, "invalid");
    expectError(await put({ owner: "someone" }), 422, "invalid");
    expect((await get(cardPath("workspaces", "dev", name), scientist)).body.revision).toBe(2);

    // Readers outside dev never see it; a registry reader may not write there.
    expectError(await get(cardPath("workspaces", "dev", name), await tokenFor("reviewer")), 404, "not_found");
    expectError(
      await request("PUT", cardPath("registries", "shared", "iris-classifier"), {
        token: scientist,
        json: { risk: "low" },
      }),
      403,
      "forbidden",
    );
    expectError(await get(cardPath("workspaces", "dev", name, 9), scientist), 404, "not_found");
  });

  it("travels to the registry with a published version", async () => {
    const scientist = await tokenFor("scientist");
    const admin = await tokenFor("admin");
    const name = uniqueName("card-pub");
    await createVersion(scientist, "dev", name);
    await request("PUT", cardPath("workspaces", "dev", name), {
      token: scientist,
      json: { intendedUse: "Demo use only.", risk: "low" },
    });
    await request("PUT", cardPath("workspaces", "dev", name, 1), {
      token: scientist,
      json: { evaluation: "Checked by hand." },
    });
    const target = uniqueName("card-shared");
    const published = await request("POST", `/registries/shared/models/${target}/versions`, {
      token: admin,
      json: { source: { workspace: "dev", name, version: 1 }, reason: "cards travel" },
    });
    expect(published.status, published.text).toBe(201);
    const copy = await get(cardPath("registries", "shared", target, 1), await tokenFor("reviewer"));
    expect(copy.body).toMatchObject({
      scope: { kind: "registry", name: "shared" },
      intendedUse: "Demo use only.",
      evaluation: "Checked by hand.",
      risk: "low",
      isComplete: true,
    });
    expect(copy.body.inherited.sort()).toEqual(["intendedUse", "risk"]);
  });
});
