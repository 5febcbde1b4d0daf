import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { PipelineGraph } from "@/lib/pipeline/types";
import { createPipeline } from "@/server/pipelines/create-pipeline";
import { getPipeline } from "@/server/pipelines/get-pipeline";
import { listPipelines } from "@/server/pipelines/list-pipelines";
import { savePipeline } from "@/server/pipelines/save-pipeline";
import { clonePipeline, cloneName } from "@/server/pipelines/clone-pipeline";
import { deletePipeline } from "@/server/pipelines/delete-pipeline";
import { failureOf } from "@/tests/support/failures";
import { uniqueName, workspaceWithTeam } from "@/tests/support/factories";

const trainComponent = {
  scopeKind: "workspace" as const,
  scopeName: "dev",
  name: "train",
  version: 1,
  displayName: "Train",
  inputs: [{ name: "epochs", type: "integer" as const, optional: false, default: 5 }],
  outputs: [{ name: "model", type: "uri_folder" as const }],
  isDeterministic: true,
};

function oneStepGraph(step = "train"): PipelineGraph {
  return {
    nodes: [
      {
        kind: "input",
        id: "in:epochs",
        position: { x: 0, y: 0 },
        name: "epochs",
        type: "integer",
        default: 3,
        optional: false,
      },
      { kind: "step", id: step, position: { x: 0, y: 120 }, component: trainComponent, bindings: {} },
    ],
    edges: [
      {
        id: `e:in:epochs.value->${step}.epochs`,
        source: "in:epochs",
        sourcePort: "value",
        target: step,
        targetPort: "epochs",
      },
    ],
    settings: {},
  };
}

describe("pipeline drafts", () => {
  it("creates, lists and opens a draft with its graph, and records who did it", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const name = uniqueName("Train and evaluate");
    const created = await createPipeline(contributor, workspace.name, {
      name,
      description: "first try",
      graph: oneStepGraph(),
    });
    expect(created).toMatchObject({
      name,
      description: "first try",
      revision: 1,
      stepCount: 1,
      versionCount: 0,
      clonedFrom: null,
      lastRun: null,
      createdBy: contributor.email,
    });
    expect(created.graph).toEqual(oneStepGraph());
    const listed = await listPipelines(reader, workspace.name);
    expect(listed.map((p) => p.id)).toEqual([created.id]);
    expect(await getPipeline(reader, workspace.name, created.id)).toMatchObject({
      id: created.id,
      graph: oneStepGraph(),
      clones: [],
      versions: [],
    });
    const events = await db.event.findMany({ where: { subjectId: created.id } });
    expect(events.map((e) => e.action)).toEqual(["pipeline.created"]);
  });

  it("searches by name or description, newest change first", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const a = await createPipeline(contributor, workspace.name, { name: "Churn model", description: "weekly" });
    const b = await createPipeline(contributor, workspace.name, { name: "Fraud", description: "uses churn features" });
    await createPipeline(contributor, workspace.name, { name: "Other" });
    await savePipeline(contributor, workspace.name, a.id, { revision: 1, description: "weekly retrain" });
    expect((await listPipelines(contributor, workspace.name, { q: "churn" })).map((p) => p.id)).toEqual([a.id, b.id]);
  });

  it("saves over the revision it started from, and refuses a stale save without changing anything", async () => {
    const { workspace, contributor, owner } = await workspaceWithTeam();
    const draft = await createPipeline(contributor, workspace.name, { name: uniqueName("p") });
    const first = await savePipeline(contributor, workspace.name, draft.id, {
      revision: 1,
      graph: oneStepGraph("fit"),
    });
    expect(first).toMatchObject({ revision: 2, stepCount: 1, updatedBy: contributor.email });
    // A second tab still on revision 1 saves: it is told, and its graph is not written.
    const failure = await failureOf(
      savePipeline(owner, workspace.name, draft.id, { revision: 1, graph: oneStepGraph("other") }),
    );
    expect(failure).toMatchObject({ code: "conflict", details: { revision: 2, updatedBy: contributor.email } });
    expect(failure.message).toMatch(/saved elsewhere \(revision 2/);
    const now = await getPipeline(owner, workspace.name, draft.id);
    expect(now.revision).toBe(2);
    expect(now.graph.nodes.map((n) => n.id)).toEqual(["in:epochs", "fit"]);
  });

  it("lets exactly one of two concurrent saves of the same revision win", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const draft = await createPipeline(contributor, workspace.name, { name: uniqueName("p") });
    const results = await Promise.allSettled([
      savePipeline(contributor, workspace.name, draft.id, { revision: 1, name: "tab one" }),
      savePipeline(contributor, workspace.name, draft.id, { revision: 1, name: "tab two" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await getPipeline(contributor, workspace.name, draft.id)).revision).toBe(2);
  });

  it("refuses a malformed graph with the reason and keeps the draft as it was", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const draft = await createPipeline(contributor, workspace.name, { name: uniqueName("p"), graph: oneStepGraph() });
    const bad = {
      ...oneStepGraph(),
      nodes: [{ kind: "step", id: "1 bad name", position: { x: 0, y: 0 }, component: trainComponent, bindings: {} }],
    };
    const failure = await failureOf(
      savePipeline(contributor, workspace.name, draft.id, { revision: 1, graph: bad as PipelineGraph }),
    );
    expect(failure.message).toMatch(/Step names hold letters, digits/);
    expect((await getPipeline(contributor, workspace.name, draft.id)).revision).toBe(1);
  });

  it("clones a draft into '<name> (copy)' that remembers its origin; changing the clone leaves the origin alone", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const origin = await createPipeline(contributor, workspace.name, { name: "Nightly", graph: oneStepGraph() });
    const clone = await clonePipeline(contributor, workspace.name, origin.id);
    expect(clone).toMatchObject({
      name: "Nightly (copy)",
      revision: 1,
      clonedFrom: { id: origin.id, name: "Nightly" },
      graph: oneStepGraph(),
    });
    await savePipeline(contributor, workspace.name, clone.id, { revision: 1, graph: oneStepGraph("changed") });
    const originNow = await getPipeline(contributor, workspace.name, origin.id);
    expect(originNow.graph).toEqual(oneStepGraph());
    expect(originNow.revision).toBe(1);
    expect(originNow.clones.map((c) => c.id)).toEqual([clone.id]);
    expect(cloneName("x".repeat(200))).toHaveLength(200);
  });

  it("deletes a draft; its clone keeps the origin's id with no name", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const origin = await createPipeline(contributor, workspace.name, { name: "Old" });
    const clone = await clonePipeline(contributor, workspace.name, origin.id);
    await deletePipeline(contributor, workspace.name, origin.id);
    expect((await failureOf(getPipeline(contributor, workspace.name, origin.id))).code).toBe("not_found");
    expect((await getPipeline(contributor, workspace.name, clone.id)).clonedFrom).toEqual({
      id: origin.id,
      name: null,
    });
    expect(
      (await db.event.findMany({ where: { subjectId: origin.id }, orderBy: { seq: "asc" } })).map((e) => e.action),
    ).toEqual(["pipeline.created", "pipeline.deleted"]);
  });

  it("lets readers look but not change, and hides the workspace from outsiders", async () => {
    const { workspace, contributor, reader, outsider } = await workspaceWithTeam();
    const draft = await createPipeline(contributor, workspace.name, { name: uniqueName("p") });
    expect((await failureOf(createPipeline(reader, workspace.name, { name: "mine" }))).code).toBe("forbidden");
    expect((await failureOf(savePipeline(reader, workspace.name, draft.id, { revision: 1, name: "x" }))).code).toBe(
      "forbidden",
    );
    expect((await failureOf(clonePipeline(reader, workspace.name, draft.id))).code).toBe("forbidden");
    expect((await failureOf(deletePipeline(reader, workspace.name, draft.id))).code).toBe("forbidden");
    expect((await failureOf(getPipeline(outsider, workspace.name, draft.id))).code).toBe("not_found");
    expect((await failureOf(getPipeline(reader, workspace.name, "no-such-id"))).code).toBe("not_found");
  });
});
