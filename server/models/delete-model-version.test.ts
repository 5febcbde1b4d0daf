import { describe, expect, it } from "vitest";
import { deleteModelVersion } from "@/server/models/delete-model-version";
import { registerModelVersion } from "@/server/models/register-model-version";
import { getModelVersion } from "@/server/models/get-model-version";
import { listModels, listModelVersions } from "@/server/models/list-models";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createDeployment } from "@/server/endpoints/deployments";
import { failureOf } from "@/tests/support/failures";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

async function modelWithVersions(count: number) {
  const team = await workspaceWithTeam();
  const name = uniqueName("deletable");
  const files = await storeFiles({ "model.bin": "w", "extra/notes.txt": "n" });
  const versions = [];
  for (let i = 0; i < count; i++)
    versions.push(await registerModelVersion(team.contributor, team.workspace, { name }, files));
  return { ...team, name, versions };
}

const SCRIPT = { "score.py": "def init():\n    pass\ndef run(raw_data):\n    return 1\n" };

/** A real deployment of version `version` (an entry script; no scoring service runs here, so it stays "creating"). */
async function deploy(
  actor: Actor,
  workspace: string,
  model: string,
  version: number,
  endpointName: string,
  deploymentName: string,
  kind: "online" | "batch" = "online",
) {
  if (!(await db.endpoint.findFirst({ where: { name: endpointName, scope: { name: workspace } } })))
    await createEndpoint(actor, workspace, { name: endpointName, kind });
  return createDeployment(actor, workspace, endpointName, {
    name: deploymentName,
    model: `${model}:${version}`,
    scoringMethod: "python",
    scoringScript: "score.py",
    code: SCRIPT,
  });
}

async function versionNumbers(
  actor: Parameters<typeof listModelVersions>[0],
  scope: Parameters<typeof listModelVersions>[1],
  name: string,
) {
  return (await listModelVersions(actor, scope, name, {})).items.map((v) => [v.version, v.isLatest]);
}

describe("deleteModelVersion", () => {
  it("refuses with conflict, naming the endpoint and deployment, while a deployment serves the version", async () => {
    const { workspace, owner, contributor, reader, name, versions } = await modelWithVersions(2);
    await deploy(contributor, workspace.name, name, 2, "fraud-scoring", "blue");
    const failure = await failureOf(deleteModelVersion(owner, workspace, name, 2, "cleanup"));
    expect(failure).toMatchObject({ code: "conflict", status: 409 });
    expect(failure.message).toContain('deployment "blue" of endpoint "fraud-scoring"');
    expect(failure.message).toContain(`${name}:2`);
    expect(failure.details).toEqual({
      deployments: [{ workspace: workspace.name, endpoint: "fraud-scoring", deployment: "blue", state: "creating" }],
    });

    // Nothing changed: the version, its files and tags are all there, it is still latest, no event.
    const still = await getModelVersion(reader, workspace, name, 2);
    expect(still).toMatchObject({ version: 2, isLatest: true, fileCount: 2 });
    expect(still.deployments).toEqual([
      { isVisible: true, workspace: workspace.name, endpoint: "fraud-scoring", deployment: "blue", state: "creating" },
    ]);
    expect(await versionNumbers(reader, workspace, name)).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(await db.event.count({ where: { subjectId: versions[1].id, action: "model.version.deleted" } })).toBe(0);
  });

  it("names every deployment that serves the version", async () => {
    const { workspace, owner, contributor, name } = await modelWithVersions(1);
    await deploy(contributor, workspace.name, name, 1, "churn", "green");
    await deploy(contributor, workspace.name, name, 1, "churn-batch", "nightly", "batch");
    const failure = await failureOf(deleteModelVersion(owner, workspace, name, 1));
    expect(failure.code).toBe("conflict");
    expect(failure.message).toContain('deployment "green" of endpoint "churn"');
    expect(failure.message).toContain('deployment "nightly" of endpoint "churn-batch"');
    expect(failure.details).toEqual({
      deployments: expect.arrayContaining([
        { workspace: workspace.name, endpoint: "churn", deployment: "green", state: "creating" },
        { workspace: workspace.name, endpoint: "churn-batch", deployment: "nightly", state: "creating" },
      ]),
    });
  });

  it("deletes a version no deployment uses, even when another version of the model is deployed", async () => {
    const { workspace, contributor, reader, name } = await modelWithVersions(2);
    await deploy(contributor, workspace.name, name, 2, "serving", "main");
    await deleteModelVersion(contributor, workspace, name, 1);
    expect(await versionNumbers(reader, workspace, name)).toEqual([[2, true]]);
    expect((await failureOf(getModelVersion(reader, workspace, name, 1))).code).toBe("not_found");
  });

  it("moves 'latest' to the previous version when the latest is deleted", async () => {
    const { workspace, contributor, reader, name } = await modelWithVersions(3);
    await deleteModelVersion(contributor, workspace, name, 3);
    expect(await versionNumbers(reader, workspace, name)).toEqual([
      [2, true],
      [1, false],
    ]);
    const listed = (await listModels(reader, workspace, { q: name })).items;
    expect(listed.map((m) => [m.name, m.version])).toEqual([[name, 2]]);
  });

  it("keeps 'latest' where it is when an older version is deleted", async () => {
    const { workspace, contributor, reader, name } = await modelWithVersions(3);
    await deleteModelVersion(contributor, workspace, name, 2);
    expect(await versionNumbers(reader, workspace, name)).toEqual([
      [3, true],
      [1, false],
    ]);
  });

  it("never reuses a version number", async () => {
    const { workspace, contributor, reader, name } = await modelWithVersions(3);
    await deleteModelVersion(contributor, workspace, name, 3);
    const files = await storeFiles({ "model.bin": "again" });
    const next = await registerModelVersion(contributor, workspace, { name }, files);
    expect(next.version).toBe(4);
    expect(await versionNumbers(reader, workspace, name)).toEqual([
      [4, true],
      [2, false],
      [1, false],
    ]);
  });

  it("continues numbering after every version was deleted", async () => {
    const { workspace, contributor, reader, name } = await modelWithVersions(2);
    await deleteModelVersion(contributor, workspace, name, 2);
    await deleteModelVersion(contributor, workspace, name, 1);
    expect((await listModels(reader, workspace, { q: name })).items).toEqual([]);
    const next = await registerModelVersion(contributor, workspace, { name }, await storeFiles({ "m.bin": "m" }));
    expect(next).toMatchObject({ version: 3, isLatest: true });
  });

  it("records the deletion as an event with the reason and the files", async () => {
    const { workspace, contributor, name, versions } = await modelWithVersions(1);
    await deleteModelVersion(contributor, workspace, name, 1, "  trained on the wrong split  ");
    const events = await db.event.findMany({ where: { subjectId: versions[0].id, action: "model.version.deleted" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: contributor.userId,
      scopeId: workspace.id,
      subjectLabel: `${name}:1`,
      reason: "trained on the wrong split",
    });
    // What a webhook receiver needs without calling back: which version, its tags (none here), its files.
    expect(JSON.parse(events[0].data)).toEqual({
      name,
      version: 1,
      tags: {},
      files: ["extra/notes.txt", "model.bin"],
    });
    // The rows that belonged to the version are gone with it.
    expect(await db.modelFile.count({ where: { versionId: versions[0].id } })).toBe(0);
  });

  it("refuses a reader with forbidden and a non-member with not found, deleting nothing", async () => {
    const { workspace, reader, outsider, name } = await modelWithVersions(1);
    expect((await failureOf(deleteModelVersion(reader, workspace, name, 1))).code).toBe("forbidden");
    expect((await failureOf(deleteModelVersion(outsider, workspace, name, 1))).code).toBe("not_found");
    expect(await versionNumbers(reader, workspace, name)).toEqual([[1, true]]);
  });

  it("refuses an unknown or already deleted version with not found", async () => {
    const { workspace, contributor, name } = await modelWithVersions(1);
    expect((await failureOf(deleteModelVersion(contributor, workspace, name, 7))).code).toBe("not_found");
    await deleteModelVersion(contributor, workspace, name, 1);
    expect((await failureOf(deleteModelVersion(contributor, workspace, name, 1))).code).toBe("not_found");
  });
});
