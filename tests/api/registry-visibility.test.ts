// A registry is read by people who are not members of every workspace. A model published from prod and
// deployed in prod must not tell them where: they see that it came from somewhere and is deployed
// somewhere, by whom and why, but not the workspace, endpoint or version it came from.
import { describe, expect, it } from "vitest";
import { createVersion, get, modelPath, request, tokenFor, uniqueName } from "./helpers";

describe("registry views of prod", () => {
  it("name prod's origin and deployments to prod members only", async () => {
    const admin = await tokenFor("admin"); // owner of prod and the registry
    const scientist = await tokenFor("scientist"); // reader of the registry, not a member of prod
    const source = uniqueName("prod-model");
    const target = uniqueName("shared-model");
    await createVersion(admin, "prod", source);
    const published = await request("POST", modelPath("registries", "shared", target, "/versions"), {
      token: admin,
      json: { source: { workspace: "prod", name: source, version: 1 }, reason: "serving in prod" },
    });
    expect(published.status, published.text).toBe(201);
    const endpoint = uniqueName("vis").slice(0, 20);
    expect(
      (await request("POST", "/workspaces/prod/endpoints", { token: admin, json: { name: endpoint } })).status,
    ).toBe(201);
    const deployed = await request("POST", `/workspaces/prod/endpoints/${endpoint}/deployments`, {
      token: admin,
      json: {
        name: "main",
        model: `registries/shared/${target}:1`,
        scoringMethod: "python",
        scoringScript: "score.py",
        code: { "score.py": "def init():\n    pass\n\ndef run(raw):\n    return 1\n" },
      },
    });
    expect(deployed.status, deployed.text).toBe(201);
    try {
      const asOwner = await get(modelPath("registries", "shared", target, "/versions/1"), admin);
      expect(asOwner.body.publishedFrom).toMatchObject({
        isVisible: true,
        scope: { kind: "workspace", name: "prod" },
        name: source,
        version: 1,
      });
      expect(asOwner.body.deployments).toEqual([
        expect.objectContaining({ isVisible: true, workspace: "prod", endpoint, deployment: "main" }),
      ]);

      const asReader = await get(modelPath("registries", "shared", target, "/versions/1"), scientist);
      expect(asReader.status).toBe(200);
      expect(asReader.body.publishedFrom).toEqual({
        isVisible: false,
        scope: null,
        name: null,
        version: null,
        versionId: null,
        publishedBy: expect.any(String),
        reason: "serving in prod",
      });
      expect(asReader.body.deployments).toEqual([
        { isVisible: false, workspace: null, endpoint: null, deployment: null, state: expect.any(String) },
      ]);
      expect(asReader.body.source).toBeNull();
      expect(asReader.text).not.toContain(endpoint);
      expect(asReader.text).not.toContain(source);
      expect(asReader.text).not.toContain('"prod"');
    } finally {
      await request("DELETE", `/workspaces/prod/endpoints/${endpoint}`, { token: admin });
    }
  });
});
