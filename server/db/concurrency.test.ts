import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { setMemberRole } from "@/server/scopes/members";
import { updateModelVersion } from "@/server/models/update-model-version";
import { registerModelVersion } from "@/server/models/register-model-version";
import { createExternalJob } from "@/server/jobs/create-job";
import { logBatch } from "@/server/jobs/log-batch";
import { getJob } from "@/server/jobs/get-job";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createDeployment } from "@/server/endpoints/deployments";
import { deleteEndpoint } from "@/server/endpoints/change-endpoint";
import { getEndpoint } from "@/server/endpoints/get-endpoint";
import { scoringService } from "@/server/runtime/scoring/scoring-service";
import { failureOf } from "@/tests/support/failures";
import { createUser, grant, storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

// What the outside probe saw go wrong on PostgreSQL only (SQLite runs one transaction at a time and hid
// it): these run the same changes at the same time, for real, on whichever database the suite uses, and
// expect the answers SQLite gives: no 500, no rule broken, a final state that one of the requests made.

const settle = <T>(work: Promise<T>[]) => Promise.allSettled(work);

function unexpected(results: PromiseSettledResult<unknown>[]) {
  return results
    .filter((r) => r.status === "rejected" && !(r.reason as { code?: string })?.code)
    .map((r) => String((r as PromiseRejectedResult).reason));
}

describe("concurrent changes", () => {
  it("two owners demoting each other at once leave one owner (the other is refused)", async () => {
    for (let round = 0; round < 5; round++) {
      const { workspace, owner } = await workspaceWithTeam();
      const second = await createUser(uniqueName("owner2"));
      await grant(second, workspace, "owner");
      const results = await settle([
        setMemberRole(owner, workspace, second.email, { role: "reader" }),
        setMemberRole(second, workspace, owner.email, { role: "reader" }),
      ]);
      expect(unexpected(results)).toEqual([]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(["conflict", "forbidden"]).toContain(refused.reason.code);
      expect(await db.membership.count({ where: { scopeId: workspace.id, role: "owner" } })).toBe(1);
    }
  });

  it("20 tag edits of one model version at once all succeed, and the tags are one of the sets sent", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("tagged");
    await registerModelVersion(
      contributor,
      workspace,
      { name, tags: { start: "yes" } },
      await storeFiles({ "m.bin": "weights" }),
    );
    const sets = Array.from({ length: 20 }, (_, i) => ({
      editor: String(i),
      stage: i % 2 ? "candidate" : "staging",
      [`only${i}`]: "x",
    }));
    const results = await settle(sets.map((tags) => updateModelVersion(contributor, workspace, name, 1, { tags })));
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(sets.map(() => "ok"));
    const stored = await db.modelVersionTag.findMany({ where: { version: { name, scopeId: workspace.id } } });
    const final = Object.fromEntries(stored.map((t) => [t.key, t.value]));
    expect(sets).toContainEqual(final);
  });

  it("parallel log-batch calls with the same tag or the same param value all succeed", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const job = await createExternalJob(contributor, workspace.name, { experiment: uniqueName("race") });
    const tagWrites = await settle(
      Array.from({ length: 10 }, (_, i) =>
        logBatch(contributor, workspace.name, job.name, { tags: [{ key: "owner", value: `writer-${i}` }] }),
      ),
    );
    expect(tagWrites.map((r) => r.status)).toEqual(Array(10).fill("fulfilled"));
    const paramWrites = await settle(
      Array.from({ length: 10 }, () =>
        logBatch(contributor, workspace.name, job.name, {
          params: [{ key: "lr", value: "0.01" }],
          tags: [{ key: "same", value: "v" }],
        }),
      ),
    );
    expect(paramWrites.map((r) => r.status)).toEqual(Array(10).fill("fulfilled"));
    const shown = await getJob(contributor, workspace.name, job.name);
    expect(shown.params).toEqual({ lr: "0.01" });
    expect(Array.from({ length: 10 }, (_, i) => `writer-${i}`)).toContain(shown.tags.owner);
    expect(shown.tags.same).toBe("v");
    // A param logged again with another value is still a conflict, not a 500.
    expect(
      (await failureOf(logBatch(contributor, workspace.name, job.name, { params: [{ key: "lr", value: "0.1" }] })))
        .code,
    ).toBe("conflict");
  });

  it("stores a retried metric batch once: the same batchId sent twice, even at once", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const job = await createExternalJob(contributor, workspace.name, { experiment: uniqueName("retry") });
    const batch = {
      batchId: "3f2a9c1e-0000-4000-8000-000000000001",
      metrics: [
        { key: "loss", value: 0.5, step: 1 },
        { key: "loss", value: 0.4, step: 2 },
      ],
    };
    const answers = await Promise.all([
      logBatch(contributor, workspace.name, job.name, batch),
      logBatch(contributor, workspace.name, job.name, batch),
    ]);
    expect(answers.filter((a) => a.duplicate).length).toBe(1);
    expect(await logBatch(contributor, workspace.name, job.name, batch)).toMatchObject({ metrics: 2, duplicate: true });
    const withParams = {
      ...batch,
      batchId: "3f2a9c1e-0000-4000-8000-000000000002",
      params: [{ key: "p", value: "1" }],
    };
    await Promise.all([
      logBatch(contributor, workspace.name, job.name, withParams),
      logBatch(contributor, workspace.name, job.name, withParams),
    ]);
    const shown = await getJob(contributor, workspace.name, job.name);
    expect(shown.metrics).toEqual([expect.objectContaining({ key: "loss", count: 4 })]);
    const { id: jobId } = await db.job.findFirstOrThrow({
      where: { name: job.name, scopeId: workspace.id },
      select: { id: true },
    });
    expect(await db.metricPoint.count({ where: { jobId } })).toBe(4);
    // Without a batchId, a batch sent twice is stored twice (nothing says it is the same one).
    await logBatch(contributor, workspace.name, job.name, { metrics: batch.metrics });
    expect((await getJob(contributor, workspace.name, job.name)).metrics[0].count).toBe(6);
    expect(
      (await failureOf(logBatch(contributor, workspace.name, job.name, { batchId: "no spaces allowed", metrics: [] })))
        .code,
    ).toBe("invalid");
  });
});

describe("deleting an endpoint while the studio works on it", () => {
  const service = scoringService();
  afterAll(async () => {
    await service.stop();
  });

  it("never fails with a server error: racing its deployment coming up, and racing another delete", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const model = await registerModelVersion(
      contributor,
      workspace,
      { name: uniqueName("iris"), type: "onnx" },
      await storeFiles({
        "model.onnx": await readFile(join(process.cwd(), "prisma/seed-assets/iris-classifier-v1/model.onnx")),
      }),
    );
    for (let round = 0; round < 4; round++) {
      const name = uniqueName("gone").slice(0, 20);
      await createEndpoint(contributor, workspace.name, { name });
      await createDeployment(contributor, workspace.name, name, { name: "blue", model: `${model.name}:1` });
      const results = await settle([
        service.provision(),
        deleteEndpoint(contributor, workspace.name, name),
        deleteEndpoint(contributor, workspace.name, name),
      ]);
      expect(unexpected(results)).toEqual([]);
      const deletes = results.slice(1);
      expect(deletes.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((deletes.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.code).toBe("not_found");
      expect(await db.endpoint.count({ where: { name, scopeId: workspace.id } })).toBe(0);
    }
  });
});

describe("reading an endpoint while it changes", () => {
  it("never shows a deployment's new state beside the endpoint's old traffic (one snapshot per read)", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const model = await registerModelVersion(
      contributor,
      workspace,
      { name: uniqueName("iris"), type: "onnx" },
      await storeFiles({ "model.onnx": "weights" }),
    );
    const name = uniqueName("flip").slice(0, 20);
    const { endpoint } = await createEndpoint(contributor, workspace.name, { name });
    await createDeployment(contributor, workspace.name, name, { name: "blue", model: `${model.name}:1` });
    // As the provisioner does: the deployment's state and the endpoint's traffic change in one transaction.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 150; i++) {
        const up = i % 2 === 0;
        await db.$transaction(async (tx) => {
          await tx.deployment.updateMany({
            where: { endpointId: endpoint.id },
            data: { state: up ? "succeeded" : "creating" },
          });
          await tx.endpoint.update({
            where: { id: endpoint.id },
            data: { traffic: JSON.stringify(up ? { blue: 100 } : {}) },
          });
        });
      }
      writing = false;
    })();
    const seen: string[] = [];
    const reader = async () => {
      while (writing) {
        const read = await getEndpoint(contributor, workspace.name, name);
        seen.push(`${read.deployments[0].state}:${read.traffic.blue}`);
      }
    };
    await Promise.all([writer, reader(), reader(), reader()]);
    const torn = seen.filter((s) => s === "succeeded:0" || s === "creating:100");
    expect(seen.length).toBeGreaterThan(10);
    expect(torn).toEqual([]);
  });
});
