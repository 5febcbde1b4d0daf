import { appendFile, readFile, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { blobPath } from "@/server/artifacts/store";
import { collectGarbage } from "@/server/artifacts/blob-gc";
import { CollectedWriter, type CollectedRequest } from "@/server/runtime/scoring/collected-writer";
import { sealAbandonedSegments, segmentLines, spoolFile } from "@/server/monitoring/collected-segments";
import { applyCollectedRetention, convertLegacyCollected } from "@/server/monitoring/collected-retention";
import { collectedCsvStream, newestCollected } from "@/server/monitoring/collected-read";
import { RAW_KEPT_ALONE, RAW_KEPT_WITH_COLUMNS } from "@/lib/monitoring/collected-line";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createDeployment, updateDeployment } from "@/server/endpoints/deployments";
import { registerModelVersion } from "@/server/models/register-model-version";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

// Data collection: which requests are kept, how they are written (flattened lines in spool files, sealed
// into the artifact store), read back, exported and let go.

const IRIS_HINTS = { onnxInputs: ["input"], inputRanks: { input: 2 } };

function request(deploymentId: string, at: Date, overrides: Partial<CollectedRequest> = {}): CollectedRequest {
  return {
    endpointId: "e",
    deploymentId,
    modelVersion: "iris:1",
    hints: IRIS_HINTS,
    requestId: null,
    at,
    status: 200,
    latencyMs: 1.234,
    input: JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] }),
    output: JSON.stringify({ output: [[0.9, 0.05, 0.05]] }),
    ...overrides,
  };
}

const segmentsOf = (deploymentId: string) =>
  db.collectedSegment.findMany({ where: { deploymentId }, orderBy: { startAt: "asc" } });

async function lines(deploymentId: string) {
  const out = [];
  for (const segment of await segmentsOf(deploymentId)) for await (const line of segmentLines(segment)) out.push(line);
  return out;
}

async function csvText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

describe("collecting requests", () => {
  it("keeps exactly its share of requests, spread evenly", () => {
    const writer = new CollectedWriter("test");
    const kept = Array.from({ length: 200 }, () => writer.isSampled("d1", 10));
    expect(kept.filter(Boolean)).toHaveLength(20);
    // Never two kept requests closer than ten apart at 10%.
    const at = kept.flatMap((k, i) => (k ? [i] : []));
    expect(at.slice(1).every((i, n) => i - at[n] === 10)).toBe(true);
    expect(Array.from({ length: 50 }, () => writer.isSampled("d2", 0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 50 }, () => writer.isSampled("d3", 100)).every(Boolean)).toBe(true);
  });

  it("writes flattened lines readable at once, and seals them into the artifact store", async () => {
    const deploymentId = uniqueName("dep");
    const writer = new CollectedWriter(`${hostname()}:${process.pid}:a`);
    const now = Date.now();
    writer.collect(request(deploymentId, new Date(now - 3000), { requestId: "order-1" }));
    writer.collect(
      request(deploymentId, new Date(now - 2000), {
        input: JSON.stringify({
          data: [
            [1, 2, 3, 4],
            [5, 6, 7, 8],
          ],
        }),
        output: JSON.stringify({
          output: [
            [1, 0, 0],
            [0, 1, 0],
          ],
        }),
      }),
    );
    // Not JSON: kept raw, up to 16 KiB, with no columns; a failed request has inputs but no outputs.
    writer.collect(request(deploymentId, new Date(now - 1000), { input: "é".repeat(RAW_KEPT_ALONE), status: 500 }));
    await writer.flush();

    const [open] = await segmentsOf(deploymentId);
    expect(open).toMatchObject({ status: "open", requests: 3, rows: 4, modelVersion: "iris:1", sha256: null });
    expect(JSON.parse(open.columns)).toEqual({
      x: ["input_0", "input_1", "input_2", "input_3"],
      y: ["output_0", "output_1", "output_2"],
    });
    const read = await lines(deploymentId);
    expect(read.map((l) => l.id)).toEqual(["order-1", null, null]);
    expect(read[0].x).toEqual({ c: ["input_0", "input_1", "input_2", "input_3"], r: [[5.1, 3.5, 1.4, 0.2]] });
    expect(read[1].y).toEqual({
      c: ["output_0", "output_1", "output_2"],
      r: [
        [1, 0, 0],
        [0, 1, 0],
      ],
    });
    expect(read[2]).toMatchObject({ s: 500, tr: true, x: { e: expect.stringContaining("not JSON") } });
    expect(read[2].y).toMatchObject({ e: expect.stringContaining("status 500") });
    expect(Buffer.byteLength(read[2].in)).toBeLessThanOrEqual(RAW_KEPT_ALONE);
    expect(read[2].in.endsWith("\uFFFD")).toBe(false);

    await writer.close();
    const [sealed] = await segmentsOf(deploymentId);
    expect(sealed).toMatchObject({ status: "sealed", spoolPath: null, requests: 3, rows: 4 });
    const stored = gunzipSync(await readFile(blobPath(sealed.sha256!)))
      .toString("utf8")
      .trim()
      .split("\n");
    expect(stored).toHaveLength(3);
    expect((await lines(deploymentId)).map((l) => l.id)).toEqual(["order-1", null, null]);
    await expect(stat(spoolFile(open.spoolPath!))).rejects.toThrow();
    // The store keeps what a segment references.
    await collectGarbage();
    await expect(stat(blobPath(sealed.sha256!))).resolves.toBeTruthy();
  });

  it("keeps a raw body short once its values are in columns", async () => {
    const deploymentId = uniqueName("dep");
    const writer = new CollectedWriter("test-short");
    const rows = Array.from({ length: 400 }, (_, i) => [i, i + 1, i + 2, i + 3]);
    writer.collect(request(deploymentId, new Date(), { input: JSON.stringify({ data: rows }), output: "{}" }));
    await writer.close();
    const [line] = await lines(deploymentId);
    expect("e" in line.x ? null : line.x.r).toHaveLength(400);
    expect(Buffer.byteLength(line.in)).toBeLessThanOrEqual(RAW_KEPT_WITH_COLUMNS);
    expect(line.tr).toBe(true);
  });

  it("starts a new segment at the hour", async () => {
    const deploymentId = uniqueName("dep");
    const writer = new CollectedWriter("test-hour");
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    writer.collect(request(deploymentId, new Date(hour - 1000)));
    writer.collect(request(deploymentId, new Date(hour + 1000)));
    await writer.close();
    const segments = await segmentsOf(deploymentId);
    expect(segments.map((s) => [s.startAt.getTime(), s.endAt.getTime(), s.requests])).toEqual([
      [hour - 1000, hour - 1000, 1],
      [hour + 1000, hour + 1000, 1],
    ]);
  });

  it("seals a dead writer's part from its file: counts redone, a torn last line left out", async () => {
    const deploymentId = uniqueName("dep");
    // A pid no process has (Linux's pid_max is below 2^22).
    const dead = `${hostname()}:4194999:x`;
    const writer = new CollectedWriter(dead);
    writer.collect(request(deploymentId, new Date(Date.now() - 2000), { requestId: "kept-1" }));
    await writer.flush();
    const [segment] = await segmentsOf(deploymentId);
    // Lines appended after the row was last updated, then a crash mid-line.
    const extra = request(deploymentId, new Date(Date.now() - 1000), { requestId: "kept-2" });
    const { lineOf } = await import("@/server/runtime/scoring/collected-writer");
    await appendFile(spoolFile(segment.spoolPath!), `${JSON.stringify(lineOf(extra))}\n{"id":"torn","t":`);
    expect(await sealAbandonedSegments(`${hostname()}:${process.pid}:me`)).toBeGreaterThanOrEqual(1);
    const [sealed] = await segmentsOf(deploymentId);
    expect(sealed).toMatchObject({ status: "sealed", requests: 2, rows: 2 });
    expect((await lines(deploymentId)).map((l) => l.id)).toEqual(["kept-1", "kept-2"]);
  });

  it("lists the newest requests across segments, newest first", async () => {
    const deploymentId = uniqueName("dep");
    const endpointId = uniqueName("ep");
    const a = new CollectedWriter("writer-a");
    const b = new CollectedWriter("writer-b");
    const now = Date.now();
    for (let i = 0; i < 6; i++)
      (i % 2 ? a : b).collect(
        request(deploymentId, new Date(now - (6 - i) * 1000), { endpointId, requestId: `r${i}` }),
      );
    await Promise.all([a.close(), b.close()]);
    const newest = await newestCollected({ endpointId, deploymentIds: null }, 4);
    expect(newest.map((n) => n.line.id)).toEqual(["r5", "r4", "r3", "r2"]);
    const windowed = await newestCollected(
      { endpointId, deploymentIds: [deploymentId], from: new Date(now - 5500), to: new Date(now - 2500) },
      10,
    );
    expect(windowed.map((n) => n.line.id)).toEqual(["r3", "r2", "r1"]);
  });

  it("exports CSV with one column per named feature and output, bodies round-tripping through a parser", async () => {
    const deploymentId = uniqueName("dep");
    const endpointId = uniqueName("ep");
    const writer = new CollectedWriter("writer-csv");
    const tricky = JSON.stringify({ data: [[1, 2, 3, 4]], note: 'a,"b"\nc' });
    writer.collect(request(deploymentId, new Date(Date.now() - 2000), { endpointId, requestId: "q1", input: tricky }));
    writer.collect(
      request(deploymentId, new Date(Date.now() - 1000), {
        endpointId,
        input: JSON.stringify({
          data: [
            [1, 2, 3, 4],
            [5, 6, 7, 8],
          ],
        }),
        output: JSON.stringify({
          output: [
            [1, 0, 0],
            [0, 1, 0],
          ],
        }),
      }),
    );
    await writer.close();
    const names = new Map([[deploymentId, { name: "blue", featureNames: { input_2: "petal_length_cm" } }]]);
    const text = await csvText(await collectedCsvStream({ endpointId, deploymentIds: null }, names));
    expect(text.split("\r\n")[0]).toBe(
      "request_id,at,deployment,model_version,row,status,latency_ms,input_0,input_1,petal_length_cm,input_3," +
        "output_0,output_1,output_2,input,output,truncated",
    );
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ request_id: "q1", deployment: "blue", model_version: "iris:1", row: "0" });
    expect(records[0].input).toBe(tricky);
    expect(records.map((r) => [r.row, r.petal_length_cm, r.output_1])).toEqual([
      ["0", "3", "0.05"],
      ["0", "3", "0"],
      ["1", "7", "1"],
    ]);
  });
});

describe("collected data retention", () => {
  it("drops whole sealed segments beyond the deployment's days and rows, and their blobs", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const model = await registerModelVersion(
      contributor,
      workspace,
      { name: uniqueName("m"), type: "onnx" },
      await storeFiles({ "model.onnx": "weights" }),
    );
    const endpointName = uniqueName("keep").slice(0, 20);
    await createEndpoint(contributor, workspace.name, { name: endpointName });
    const created = await createDeployment(contributor, workspace.name, endpointName, {
      name: "blue",
      model: `${model.name}:1`,
    });
    await updateDeployment(contributor, workspace.name, endpointName, "blue", {
      collectRetentionDays: 7,
      collectMaxRows: 1000,
    });
    const deploymentId = created.id;
    const day = 86_400_000;
    const writer = new CollectedWriter("writer-retention");
    // 10 days ago (past 7 days), then three segments of 600, 600 and 5 rows: only the newest 1000 fit.
    const many = (n: number) => JSON.stringify({ data: Array.from({ length: n }, () => [1, 2, 3, 4]) });
    writer.collect(request(deploymentId, new Date(Date.now() - 10 * day)));
    await writer.close();
    for (const [hoursAgo, n] of [
      [5, 600],
      [3, 600],
      [1, 5],
    ]) {
      writer.collect(request(deploymentId, new Date(Date.now() - hoursAgo * 3_600_000), { input: many(n) }));
      await writer.close();
    }
    const before = await segmentsOf(deploymentId);
    expect(before.map((s) => s.rows)).toEqual([1, 600, 600, 5]);
    await applyCollectedRetention();
    const after = await segmentsOf(deploymentId);
    expect(after.map((s) => s.rows)).toEqual([600, 5]);
    await expect(stat(blobPath(before[0].sha256!))).rejects.toThrow();
    await expect(stat(blobPath(before[1].sha256!))).rejects.toThrow();
  });

  it("moves requests collected by earlier versions into a sealed segment, once", async () => {
    const deploymentId = uniqueName("dep");
    const endpointId = uniqueName("ep");
    const at = new Date(Date.now() - 60_000);
    await db.collectedRequest.createMany({
      data: [0, 1, 2].map((i) => ({
        endpointId,
        deploymentId,
        requestId: `old-${i}`,
        at: new Date(at.getTime() + i),
        status: 200,
        latencyMs: 2,
        input: JSON.stringify({ data: [[i, 0, 0, 0]] }),
        output: "{}",
      })),
    });
    const [first, second] = await Promise.all([convertLegacyCollected("w1"), convertLegacyCollected("w2")]);
    expect(first + second).toBe(3);
    expect(await db.collectedRequest.count({ where: { deploymentId } })).toBe(0);
    const segments = await segmentsOf(deploymentId);
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ status: "sealed", requests: 3, rows: 3 });
    expect((await lines(deploymentId)).map((l) => l.id)).toEqual(["old-0", "old-1", "old-2"]);
  });
});
