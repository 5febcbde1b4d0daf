import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { deleteEndpoint } from "@/server/endpoints/change-endpoint";
import { createDeployment } from "@/server/endpoints/deployments";
import { setTraffic } from "@/server/endpoints/traffic";
import { registerModelVersion } from "@/server/models/register-model-version";
import { productionOverview } from "@/server/dashboards/production-overview";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

// The production overview at a past instant shows what was true then: drift as the monitors' runs finished by
// then said, and endpoints deleted since, with what they served and their counters.
describe("production overview at a past instant", () => {
  it("reads drift from the runs finished by then, and lists an endpoint deleted since with what it served", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam("prod");
    const model = await registerModelVersion(
      contributor,
      workspace,
      { name: uniqueName("iris"), type: "onnx" },
      await storeFiles({ "model.onnx": "weights" }),
    );
    const name = uniqueName("past").slice(0, 20);
    const endpoint = await createEndpoint(contributor, workspace.name, { name });
    const deployment = await createDeployment(contributor, workspace.name, name, {
      name: "blue",
      model: `${model.name}:1`,
    });
    // As the scoring service records it once the deployment is up.
    await db.deployment.update({ where: { id: deployment.id }, data: { state: "succeeded" } });
    await setTraffic(contributor, workspace.name, name, { traffic: { blue: 100 } });
    const t0 = Date.now();
    const at = (offset: number) => new Date(t0 + offset);
    const monitor = await db.monitor.create({
      data: {
        scopeId: workspace.id,
        name: uniqueName("drift"),
        endpointId: endpoint.endpoint.id,
        deploymentId: deployment.id,
        baseline: JSON.stringify({ kind: "window", window: "P7D", offset: "P7D" }),
        signals: "[]",
        createdByLabel: "test",
        lastOutcome: "alert",
      },
    });
    const run = (outcome: string, finishedAt: Date) =>
      db.monitorRun.create({
        data: {
          monitorId: monitor.id,
          trigger: "api",
          status: "succeeded",
          outcome,
          windowStart: at(-86_400_000),
          windowEnd: finishedAt,
          finishedAt,
        },
      });
    await run("pass", at(1_000));
    await run("alert", at(3_000));
    // Two requests served in the hour, as the scoring processes count them.
    await db.scoringStatHour.create({
      data: {
        deploymentId: deployment.id,
        endpointId: endpoint.endpoint.id,
        hour: new Date(Math.floor(t0 / 3_600_000) * 3_600_000),
        source: "test",
        requests: 2,
      },
    });
    const rowAt = async (instant?: Date) => {
      const overview = await productionOverview(reader, instant ? { at: instant.toISOString() } : {});
      return overview.workspaces.find((w) => w.name === workspace.name)?.endpoints.find((e) => e.name === name);
    };
    expect((await rowAt(at(2_000)))?.deployments[0]).toMatchObject({ drift: "pass", requests24h: 2 });
    expect((await rowAt(at(500)))?.deployments[0]).toMatchObject({ drift: null });
    expect((await rowAt())?.deployments[0]).toMatchObject({ drift: "alert" });

    const beforeDelete = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await deleteEndpoint(contributor, workspace.name, name, "retired");
    expect(await rowAt()).toBeUndefined();
    const then = await rowAt(beforeDelete);
    expect(then).toMatchObject({ name, exists: false, kind: "online" });
    expect(then?.deployments).toEqual([
      expect.objectContaining({
        name: "blue",
        exists: false,
        state: "deleted",
        traffic: 100,
        requests24h: 2,
        model: expect.objectContaining({ name: model.name, version: 1 }),
      }),
    ]);
    // Before the endpoint was created it is not listed, deleted or not.
    expect(await rowAt(new Date(t0 - 3_600_000))).toBeUndefined();
  });
});
