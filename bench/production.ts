// bench/production: how fast the production overview loads its data for a prod workspace with 50 endpoints of
// two deployments each, 24 hours of hourly counters from two processes, monitors and a traffic history: through
// the domain function and through HTTP, against hand-written SQL reading the same rows.
//   npm run bench -- production [--endpoints 50] [--iterations 200]
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
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
  options: { endpoints: { type: "string", default: "50" }, iterations: { type: "string", default: "200" } },
});
const ENDPOINTS = Number(values.endpoints);
const ITERATIONS = Number(values.iterations);
const dataDir = freshDataDir("production");

function seed(sqlite: Database.Database, now: number) {
  const at = sqliteDate(now);
  const run = (sql: string, ...args: unknown[]) => sqlite.prepare(sql).run(...args);
  sqlite.transaction(() => {
    run(`UPDATE "Scope" SET stage = 'prod' WHERE id = 'bench-scope'`);
    run(
      `INSERT INTO "Model" (id, scopeId, name, versionCounter, createdAt) VALUES ('m', 'bench-scope', 'clf', 2, ?)`,
      at,
    );
    for (const v of [1, 2])
      run(
        `INSERT INTO "ModelVersion" (id, modelId, scopeId, name, nameKey, version, isLatest, type, createdByLabel, createdAt, updatedAt) VALUES (?, 'm', 'bench-scope', 'clf', 'clf', ?, ?, 'onnx', '${BENCH_EMAIL}', ?, ?)`,
        `v${v}`,
        v,
        v === 2 ? 1 : 0,
        at,
        at,
      );
    const endpoint = sqlite.prepare(
      `INSERT INTO "Endpoint" (id, scopeId, name, kind, traffic, mirrorTraffic, createdAt) VALUES (?, 'bench-scope', ?, 'online', '{"blue":90,"green":10}', '{}', ?)`,
    );
    const deployment = sqlite.prepare(
      `INSERT INTO "Deployment" (id, endpointId, name, modelVersionId, state, createdByLabel, createdAt) VALUES (?, ?, ?, ?, 'succeeded', '${BENCH_EMAIL}', ?)`,
    );
    const hour = sqlite.prepare(
      `INSERT INTO "ScoringStatHour" (deploymentId, hour, source, endpointId, requests, errors, mirrored, mirrorErrors, latency) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)`,
    );
    const monitor = sqlite.prepare(
      `INSERT INTO "Monitor" (id, scopeId, name, endpointId, deploymentId, baseline, signals, lastOutcome, createdByLabel, createdAt, updatedAt) VALUES (?, 'bench-scope', ?, ?, ?, '{}', '{}', ?, '${BENCH_EMAIL}', ?, ?)`,
    );
    const event = sqlite.prepare(
      `INSERT INTO "Event" (at, actorId, actorLabel, action, subjectType, subjectId, subjectLabel, scopeId, reason, data) VALUES (?, 'bench-user', '${BENCH_EMAIL}', 'endpoint.traffic.updated', 'endpoint', ?, ?, 'bench-scope', 'canary', ?)`,
    );
    const latency = JSON.stringify({ 20: 400, 30: 500, 40: 90, 60: 10 });
    for (let e = 0; e < ENDPOINTS; e++) {
      endpoint.run(`e${e}`, `endpoint-${e}`, at);
      for (const [i, name] of ["blue", "green"].entries()) {
        const id = `e${e}-${name}`;
        deployment.run(id, `e${e}`, name, `v${i + 1}`, at);
        monitor.run(`mon-${id}`, `drift-${e}-${name}`, `e${e}`, id, e % 7 ? "pass" : "alert", at, at);
        for (let h = 0; h < 24; h++)
          for (const source of ["host:1", "host:2"])
            hour.run(
              id,
              sqliteDate(Math.floor(now / 3_600_000) * 3_600_000 - h * 3_600_000),
              source,
              `e${e}`,
              1000,
              3,
              latency,
            );
      }
      for (let c = 0; c < 10; c++)
        event.run(
          sqliteDate(now - (10 - c) * 60_000),
          `e${e}`,
          `endpoint-${e}`,
          JSON.stringify({ traffic: { blue: 90, green: 10 }, mirror: null }),
        );
    }
  })();
  sqlite.exec("ANALYZE");
}

function baselineRead(sqlite: Database.Database, now: number) {
  const endpoints = sqlite.prepare(
    `SELECT e.id, e.name, e.traffic, d.id AS did, d.name AS dname, d.state, v.name AS model, v.version FROM "Endpoint" e
     JOIN "Deployment" d ON d.endpointId = e.id JOIN "ModelVersion" v ON v.id = d.modelVersionId
     WHERE e.scopeId IN (SELECT scopeId FROM "Membership" m JOIN "Scope" s ON s.id = m.scopeId WHERE m.userId = 'bench-user' AND s.stage = 'prod')`,
  );
  const stats = sqlite.prepare(
    `SELECT deploymentId, requests, errors, latency FROM "ScoringStatHour" WHERE endpointId IN (SELECT value FROM json_each(?)) AND hour >= ?`,
  );
  const monitors = sqlite.prepare(
    `SELECT deploymentId, name, lastOutcome FROM "Monitor" WHERE deploymentId IN (SELECT value FROM json_each(?))`,
  );
  const changes = sqlite.prepare(
    `SELECT subjectLabel, actorLabel, action, reason, at FROM "Event" WHERE scopeId = 'bench-scope' AND action IN ('endpoint.traffic.updated', 'deployment.created') ORDER BY seq DESC LIMIT 2000`,
  );
  const from = sqliteDate(Math.floor((now - 86_400_000) / 3_600_000) * 3_600_000);
  return () => {
    const rows = endpoints.all() as { id: string; did: string }[];
    const ids = JSON.stringify([...new Set(rows.map((r) => r.id))]);
    let requests = 0;
    for (const r of stats.all(ids, from) as { requests: number; latency: string }[]) {
      requests += r.requests;
      JSON.parse(r.latency);
    }
    monitors.all(JSON.stringify(rows.map((r) => r.did)));
    changes.all();
    return requests;
  };
}

async function main() {
  const { migrateSqlite } = await import("@/server/db/migrate");
  const file = join(dataDir, "studio.db");
  migrateSqlite(file);
  const sqlite = new Database(file);
  await seedBenchUser(sqlite);
  const now = Date.now();
  seed(sqlite, now);
  const baseline = baselineRead(sqlite, now);
  const { productionOverview } = await import("@/server/dashboards/production-overview");
  const actor = { userId: "bench-user", email: BENCH_EMAIL, name: "Bench", via: "session" as const };
  const overview = await productionOverview(actor, {});
  const rows = overview.workspaces[0]?.endpoints ?? [];
  if (
    rows.length !== ENDPOINTS ||
    rows[0]!.deployments[0]!.requests24h !== 24 * 2 * 1000 ||
    baseline() !== ENDPOINTS * 2 * 24 * 2 * 1000
  )
    throw new Error(`unexpected overview: ${rows.length} endpoints, ${rows[0]?.deployments[0]?.requests24h} requests`);

  const samples = await timeAgainstBaseline(() => productionOverview(actor, {}), baseline, ITERATIONS);
  const http = await timeHttpGet(dataDir, "/api/v1/production", ITERATIONS);
  console.log(
    JSON.stringify({
      bench: "production",
      endpoints: ENDPOINTS,
      deployments: ENDPOINTS * 2,
      hourly_rows: ENDPOINTS * 2 * 24 * 2,
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
