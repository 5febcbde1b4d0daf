// bench/lineage: how fast GET /api/v1/lineage answers for a model with 500 versions (each trained by a job that
// read a data version), 50 registry copies and 200 deployments on 40 endpoints, both ways, depth 4: through the
// domain function and through HTTP, against a hand-written SQL walk of the same layers on the same database that
// assembles the same answer (nodes with labels, states and links; edges), checked to agree in size.
//   npm run bench -- lineage [--versions 500] [--deployments 200] [--iterations 200]
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import {
  BENCH_EMAIL,
  freshDataDir,
  latencyFigures,
  seedBenchUser,
  sqliteDate,
  timeAgainstBaseline,
  timeHttpGet,
} from "./lib/support";

const { values } = parseArgs({
  options: {
    versions: { type: "string", default: "500" },
    deployments: { type: "string", default: "200" },
    iterations: { type: "string", default: "200" },
  },
});
const VERSIONS = Number(values.versions);
const DEPLOYMENTS = Number(values.deployments);
const ITERATIONS = Number(values.iterations);
const COPIES = Math.round(VERSIONS / 10);
const ENDPOINTS = Math.max(1, Math.round(DEPLOYMENTS / 5));
const DATA_VERSIONS = 5;
const dataDir = freshDataDir("lineage");

function seed(sqlite: Database.Database) {
  const now = sqliteDate(Date.now());
  const run = (sql: string, ...args: unknown[]) => sqlite.prepare(sql).run(...args);
  sqlite.transaction(() => {
    run(
      `INSERT INTO "Scope" (id, kind, name, displayName, description, createdAt) VALUES ('bench-reg', 'registry', 'benchreg', 'Bench registry', '', ?)`,
      now,
    );
    run(
      `INSERT INTO "Membership" (scopeId, userId, role, createdAt) VALUES ('bench-reg', 'bench-user', 'owner', ?)`,
      now,
    );
    run(`INSERT INTO "Experiment" (id, scopeId, name, createdAt) VALUES ('exp', 'bench-scope', 'train', ?)`, now);
    run(
      `INSERT INTO "Asset" (id, scopeId, kind, name, versionCounter, createdAt) VALUES ('data', 'bench-scope', 'data', 'train-set', ?, ?)`,
      DATA_VERSIONS,
      now,
    );
    const dataVersion = sqlite.prepare(
      `INSERT INTO "AssetVersion" (id, assetId, scopeId, kind, name, version, isLatest, createdByLabel, createdAt) VALUES (?, 'data', 'bench-scope', 'data', 'train-set', ?, ?, '${BENCH_EMAIL}', ?)`,
    );
    for (let d = 1; d <= DATA_VERSIONS; d++) dataVersion.run(`d${d}`, d, d === DATA_VERSIONS ? 1 : 0, now);
    run(
      `INSERT INTO "Model" (id, scopeId, name, versionCounter, createdAt) VALUES ('m', 'bench-scope', 'clf', ?, ?)`,
      VERSIONS,
      now,
    );
    run(
      `INSERT INTO "Model" (id, scopeId, name, versionCounter, createdAt) VALUES ('mr', 'bench-reg', 'clf', ?, ?)`,
      COPIES,
      now,
    );
    const version = sqlite.prepare(
      `INSERT INTO "ModelVersion" (id, modelId, scopeId, name, nameKey, version, isLatest, type, createdByLabel, createdAt, updatedAt, sourceVersionId) VALUES (?, ?, ?, 'clf', 'clf', ?, ?, 'onnx', '${BENCH_EMAIL}', ?, ?, ?)`,
    );
    const job = sqlite.prepare(
      `INSERT INTO "Job" (id, scopeId, experimentId, name, displayName, kind, status, compute, createdByLabel, createdAt, spec) VALUES (?, 'bench-scope', 'exp', ?, ?, 'command', 'completed', 'local', '${BENCH_EMAIL}', ?, ?)`,
    );
    const lineage = sqlite.prepare(
      `INSERT INTO "ModelLineage" (versionId, jobId, scopeId, record, capturedAt) VALUES (?, ?, 'bench-scope', '{}', ?)`,
    );
    const lineageData = sqlite.prepare(
      `INSERT INTO "LineageData" (versionId, input, assetVersionId) VALUES (?, 'train', ?)`,
    );
    for (let v = 1; v <= VERSIONS; v++) {
      const dataId = `d${(v % DATA_VERSIONS) + 1}`;
      const spec = JSON.stringify({
        inputs: { train: { type: "data", asset: "train-set", versionId: dataId, kind: "file", files: [] } },
        outputs: ["model"],
      });
      job.run(`j${v}`, `job-${v}`, `train ${v}`, now, spec);
      version.run(`v${v}`, "m", "bench-scope", v, v === VERSIONS ? 1 : 0, now, now, null);
      lineage.run(`v${v}`, `j${v}`, now);
      lineageData.run(`v${v}`, dataId);
    }
    for (let c = 1; c <= COPIES; c++)
      version.run(`r${c}`, "mr", "bench-reg", c, c === COPIES ? 1 : 0, now, now, `v${VERSIONS - c + 1}`);
    const endpoint = sqlite.prepare(
      `INSERT INTO "Endpoint" (id, scopeId, name, kind, createdAt) VALUES (?, 'bench-scope', ?, 'online', ?)`,
    );
    for (let e = 1; e <= ENDPOINTS; e++) endpoint.run(`e${e}`, `endpoint-${e}`, now);
    const deployment = sqlite.prepare(
      `INSERT INTO "Deployment" (id, endpointId, name, modelVersionId, state, createdByLabel, createdAt) VALUES (?, ?, ?, ?, 'succeeded', '${BENCH_EMAIL}', ?)`,
    );
    // Half the deployments serve registry copies, half workspace versions, newest first.
    for (let d = 0; d < DEPLOYMENTS; d++) {
      const model = d % 2 ? `r${(d % COPIES) + 1}` : `v${VERSIONS - (d % VERSIONS)}`;
      deployment.run(`p${d}`, `e${(d % ENDPOINTS) + 1}`, `dep-${d}`, model, now);
    }
  })();
  sqlite.exec("ANALYZE");
}

/** The same walk, written by hand: one statement per layer and kind, IN lists through json_each. */
function baselineWalk(sqlite: Database.Database) {
  const q = (sql: string) => sqlite.prepare(sql);
  const versions = q(`SELECT id FROM "ModelVersion" WHERE scopeId = 'bench-scope' AND name = 'clf'`);
  const lineages = q(`SELECT versionId, jobId FROM "ModelLineage" WHERE versionId IN (SELECT value FROM json_each(?))`);
  const copiesOf = q(
    `SELECT id, sourceVersionId FROM "ModelVersion" WHERE id IN (SELECT value FROM json_each(?)) AND sourceVersionId IS NOT NULL`,
  );
  const jobs = q(`SELECT id, kind, spec FROM "Job" WHERE id IN (SELECT value FROM json_each(?))`);
  const data = q(`SELECT id, scopeId FROM "AssetVersion" WHERE id IN (SELECT value FROM json_each(?))`);
  const copies = q(
    `SELECT id, scopeId, sourceVersionId FROM "ModelVersion" WHERE sourceVersionId IN (SELECT value FROM json_each(?))`,
  );
  const deployments = q(
    `SELECT d.id, d.modelVersionId, e.scopeId FROM "Deployment" d JOIN "Endpoint" e ON e.id = d.endpointId WHERE d.modelVersionId IN (SELECT value FROM json_each(?))`,
  );
  const endpoints = q(
    `SELECT d.id, d.endpointId, e.scopeId FROM "Deployment" d JOIN "Endpoint" e ON e.id = d.endpointId WHERE d.id IN (SELECT value FROM json_each(?))`,
  );
  const modelRows = q(
    `SELECT v.id, v.name, v.version, s.kind, s.name AS scope FROM "ModelVersion" v JOIN "Model" m ON m.id = v.modelId JOIN "Scope" s ON s.id = m.scopeId WHERE v.id IN (SELECT value FROM json_each(?))`,
  );
  const jobRows = q(
    `SELECT j.id, j.name, j.displayName, j.status, j.kind, s.kind AS scopeKind, s.name AS scope FROM "Job" j JOIN "Scope" s ON s.id = j.scopeId WHERE j.id IN (SELECT value FROM json_each(?))`,
  );
  const dataRows = q(
    `SELECT v.id, v.name, v.version, s.kind, s.name AS scope FROM "AssetVersion" v JOIN "Asset" a ON a.id = v.assetId JOIN "Scope" s ON s.id = a.scopeId WHERE v.id IN (SELECT value FROM json_each(?))`,
  );
  const deploymentRows = q(
    `SELECT d.id, d.name, d.state, e.name AS endpoint, s.name AS scope, (SELECT group_concat(lastOutcome) FROM "Monitor" m WHERE m.deploymentId = d.id) AS outcomes FROM "Deployment" d JOIN "Endpoint" e ON e.id = d.endpointId JOIN "Scope" s ON s.id = e.scopeId WHERE d.id IN (SELECT value FROM json_each(?))`,
  );
  const endpointRows = q(
    `SELECT e.id, e.name, e.kind, s.name AS scope FROM "Endpoint" e JOIN "Scope" s ON s.id = e.scopeId WHERE e.id IN (SELECT value FROM json_each(?))`,
  );
  const json = (ids: Iterable<string>) => JSON.stringify([...ids]);
  type Row = Record<string, string>;
  return () => {
    const edges: { from: string; to: string }[] = [];
    const edge = (from: string, to: string) => edges.push({ from, to });
    const roots = (versions.all() as { id: string }[]).map((r) => r.id);
    // Upstream: versions ← jobs ← data (and copies' origins, none among the roots here).
    const l = lineages.all(json(roots)) as { versionId: string; jobId: string }[];
    copiesOf.all(json(roots));
    for (const r of l) edge(`job:${r.jobId}`, `model:${r.versionId}`);
    const jobIds = new Set(l.map((r) => r.jobId));
    const dataIds = new Set<string>();
    for (const j of jobs.all(json(jobIds)) as { id: string; spec: string }[])
      for (const input of Object.values(
        (JSON.parse(j.spec) as { inputs: Record<string, { versionId?: string }> }).inputs,
      ))
        if (input.versionId) {
          dataIds.add(input.versionId);
          edge(`data:${input.versionId}`, `job:${j.id}`);
        }
    data.all(json(dataIds));
    // Downstream: versions → copies → deployments → endpoints.
    const c = copies.all(json(roots)) as { id: string; sourceVersionId: string }[];
    for (const r of c) edge(`model:${r.sourceVersionId}`, `model:${r.id}`);
    const served = [
      ...(deployments.all(json(roots)) as { id: string; modelVersionId: string }[]),
      ...(deployments.all(json(c.map((r) => r.id))) as { id: string; modelVersionId: string }[]),
    ];
    for (const r of served) edge(`model:${r.modelVersionId}`, `deployment:${r.id}`);
    const deploymentIds = served.map((r) => r.id);
    copies.all(json(c.map((r) => r.id)));
    const e = endpoints.all(json(deploymentIds)) as { id: string; endpointId: string }[];
    for (const r of e) edge(`deployment:${r.id}`, `endpoint:${r.endpointId}`);
    // The nodes, as the answer shows them: label, scope, state and link.
    const node = (kind: string, id: string, label: string, scope: ScopeRef, status: string | null, href: string) => ({
      id: `${kind}:${id}`,
      kind,
      label,
      scope,
      status,
      isVisible: true,
      href,
    });
    const scopeOf = (r: Row): ScopeRef => ({ kind: r.kind as ScopeRef["kind"], name: r.scope! });
    const nodes = [
      ...(dataRows.all(json(dataIds)) as Row[]).map((d) =>
        node(
          "data",
          d.id!,
          `${d.name}:${d.version}`,
          scopeOf(d),
          null,
          pages.assetVersion(scopeOf(d), "data", d.name!, Number(d.version)),
        ),
      ),
      ...(jobRows.all(json(jobIds)) as Row[]).map((j) =>
        node(
          "job",
          j.id!,
          j.displayName!,
          { kind: "workspace", name: j.scope! },
          j.status!,
          pages.job(j.scope!, j.name!),
        ),
      ),
      ...(modelRows.all(json([...roots, ...c.map((r) => r.id)])) as Row[]).map((m) =>
        node(
          "model",
          m.id!,
          `${m.name}:${m.version}`,
          scopeOf(m),
          null,
          pages.assetVersion(scopeOf(m), "models", m.name!, Number(m.version)),
        ),
      ),
      ...(deploymentRows.all(json(deploymentIds)) as Row[]).map((d) =>
        node(
          "deployment",
          d.id!,
          `${d.endpoint} / ${d.name}`,
          { kind: "workspace", name: d.scope! },
          d.outcomes ? `${d.state}, monitor ${d.outcomes}` : d.state!,
          pages.endpoint(d.scope!, d.endpoint!, { deployment: d.name! }),
        ),
      ),
      ...(endpointRows.all(json(new Set(e.map((r) => r.endpointId)))) as Row[]).map((p) =>
        node(
          "endpoint",
          p.id!,
          p.name!,
          { kind: "workspace", name: p.scope! },
          p.kind!,
          pages.endpoint(p.scope!, p.name!),
        ),
      ),
    ];
    return { nodes, edges };
  };
}

async function main() {
  const { migrateSqlite } = await import("@/server/db/migrate");
  const file = join(dataDir, "studio.db");
  migrateSqlite(file);
  const sqlite = new Database(file);
  await seedBenchUser(sqlite);
  seed(sqlite);
  const baseline = baselineWalk(sqlite);

  const { lineageGraph } = await import("@/server/lineage/lineage-graph");
  const actor = { userId: "bench-user", email: BENCH_EMAIL, name: "Bench", via: "session" as const };
  const query = { asset: "model:bench/clf", direction: "both", depth: "4" };
  const graph = await lineageGraph(actor, query);
  const expected = baseline();
  if (graph.nodes.length !== expected.nodes.length || graph.edges.length !== expected.edges.length || graph.truncated)
    throw new Error(
      `domain and baseline disagree: ${graph.nodes.length} nodes and ${graph.edges.length} edges vs ${expected.nodes.length} and ${expected.edges.length}`,
    );
  console.error(`graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);

  const samples = await timeAgainstBaseline(() => lineageGraph(actor, query), baseline, ITERATIONS);
  const http = await timeHttpGet(dataDir, `/api/v1/lineage?${new URLSearchParams(query)}`, ITERATIONS);
  console.log(
    JSON.stringify({
      bench: "lineage",
      versions: VERSIONS,
      deployments: DEPLOYMENTS,
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      iterations: ITERATIONS,
      ...latencyFigures(samples, http),
    }),
  );
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
