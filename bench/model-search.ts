// bench/model-search: how fast the model list answers a 3-tag AND filter plus a name prefix (page size
// 50) with 100k model versions of 5 tags each, through the domain function and through HTTP, against a
// hand-written indexed SQL query on the same database as the baseline; and whether the 1000th page by
// cursor costs what the first does.
//   npm run bench -- model-search [--versions 100000] [--iterations 1000]
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import {
  BENCH_EMAIL,
  freshDataDir,
  percentile,
  round,
  seedBenchUser,
  sqliteDate,
  startBenchStudio,
  timeSamples,
} from "./lib/support";

const { values } = parseArgs({
  options: { versions: { type: "string", default: "100000" }, iterations: { type: "string", default: "1000" } },
});
const VERSIONS = Number(values.versions);
const ITERATIONS = Number(values.iterations);
const dataDir = freshDataDir("model-search");

const TEAMS = 10,
  STAGES = ["dev", "test", "prod"],
  FRAMEWORKS = ["sklearn", "pytorch", "tensorflow", "xgboost", "onnx"],
  DATASETS = 20,
  OWNERS = 50;
const QUERY = { q: "model-01", tags: "team=team-3,stage=prod,framework=pytorch" };

const time = (fn: () => Promise<unknown> | unknown, iterations = ITERATIONS) => timeSamples(fn, iterations);

async function main() {
  const { migrateSqlite } = await import("@/server/db/migrate");
  const file = join(dataDir, "studio.db");
  migrateSqlite(file);

  // Seeding 100k versions through registerModelVersion would take minutes; the rows are written in
  // bulk with the same shape the domain writes (one latest version per model, 5 tags per version).
  const sqlite = new Database(file);
  const now = Date.now();
  const iso = sqliteDate;
  await seedBenchUser(sqlite);
  const seed = sqlite.transaction(() => {
    const model = sqlite.prepare(
      `INSERT INTO "Model" (id, scopeId, name, versionCounter, createdAt) VALUES (?, 'bench-scope', ?, ?, ?)`,
    );
    const version = sqlite.prepare(
      `INSERT INTO "ModelVersion" (id, modelId, scopeId, name, nameKey, version, isLatest, description, type, properties, isArchived, fileCount, totalSize, createdById, createdByLabel, createdAt, updatedAt)
       VALUES (?, ?, 'bench-scope', ?, ?, ?, ?, '', 'custom_model', '{}', 0, 1, 1000, 'bench-user', '${BENCH_EMAIL}', ?, ?)`,
    );
    const tag = sqlite.prepare(`INSERT INTO "ModelVersionTag" (versionId, key, value) VALUES (?, ?, ?)`);
    // 100k versions: 60% of models have one version, 40% have two.
    const models = Math.round(VERSIONS / 1.4);
    let written = 0;
    for (let m = 0; m < models && written < VERSIONS; m++) {
      const name = `model-${String(m).padStart(6, "0")}`;
      const count = m < VERSIONS - models ? 2 : 1;
      model.run(`m${m}`, name, count, iso(now));
      for (let v = 1; v <= count && written < VERSIONS; v++, written++) {
        const id = `v${m}-${v}`;
        const stamp = iso(now - (models - m) * 1000 + v);
        version.run(id, `m${m}`, name, name, v, v === count ? 1 : 0, stamp, stamp);
        const n = m * 7 + v;
        tag.run(id, "team", `team-${n % TEAMS}`);
        tag.run(id, "stage", STAGES[n % STAGES.length]);
        tag.run(id, "framework", FRAMEWORKS[(n >> 1) % FRAMEWORKS.length]);
        tag.run(id, "dataset", `dataset-${n % DATASETS}`);
        tag.run(id, "owner", `owner-${(n * 13) % OWNERS}`);
      }
    }
    return written;
  });
  const seedStart = performance.now();
  const written = seed();
  sqlite.exec("ANALYZE");
  console.error(`seeded ${written} versions in ${Math.round(performance.now() - seedStart)} ms`);

  // Baseline: the query an engineer would write by hand for this filter, on the indexes the schema has.
  const baselineQuery = sqlite.prepare(`
    SELECT v.* FROM "ModelVersion" v
    WHERE v.scopeId = ? AND v.isLatest = 1 AND v.isArchived = 0 AND v.nameKey >= ? AND v.nameKey < ?
      AND EXISTS (SELECT 1 FROM "ModelVersionTag" t WHERE t.versionId = v.id AND t.key = ? AND t.value = ?)
      AND EXISTS (SELECT 1 FROM "ModelVersionTag" t WHERE t.versionId = v.id AND t.key = ? AND t.value = ?)
      AND EXISTS (SELECT 1 FROM "ModelVersionTag" t WHERE t.versionId = v.id AND t.key = ? AND t.value = ?)
    ORDER BY v.nameKey, v.id LIMIT 51`);
  const baselineTags = sqlite.prepare(
    `SELECT versionId, key, value FROM "ModelVersionTag" WHERE versionId IN (SELECT value FROM json_each(?))`,
  );
  const baseline = () => {
    const rows = baselineQuery.all(
      "bench-scope",
      "model-01",
      "model-02",
      "team",
      "team-3",
      "stage",
      "prod",
      "framework",
      "pytorch",
    ) as { id: string }[];
    baselineTags.all(JSON.stringify(rows.slice(0, 50).map((r) => r.id)));
    return rows;
  };

  const { listModels } = await import("@/server/models/list-models");
  const actor = { userId: "bench-user", email: BENCH_EMAIL, name: "Bench", via: "session" as const };
  const scope = { kind: "workspace" as const, name: "bench" };
  const domain = () => listModels(actor, scope, { ...QUERY, limit: 50 });

  const domainPage = await domain();
  const baselineRows = baseline();
  if (
    domainPage.items.length !== Math.min(50, baselineRows.length) ||
    domainPage.items[0]?.id !== baselineRows[0]?.id
  ) {
    throw new Error(`domain and baseline disagree: ${domainPage.items.length} vs ${baselineRows.length} rows`);
  }
  console.error(`filter matches: first page ${domainPage.items.length} rows, more: ${domainPage.nextCursor !== null}`);

  // Alternate the two so machine noise hits both alike.
  const domainSamples: number[] = [];
  const baselineSamples: number[] = [];
  for (let round = 0; round < 4; round++) {
    baselineSamples.push(...(await time(baseline, ITERATIONS / 4)));
    domainSamples.push(...(await time(domain, ITERATIONS / 4)));
  }

  // Page 1000 by cursor (unfiltered, sorted by name: the list has enough rows for 1000 pages of 50).
  let cursor: string | undefined;
  for (let page = 1; page < 1000; page++) {
    const result = await listModels(actor, scope, { sort: "name", limit: 50, cursor });
    if (!result.nextCursor) throw new Error(`only ${page} pages`);
    cursor = result.nextCursor;
  }
  const cursor1000 = cursor;
  const page1 = await time(() => listModels(actor, scope, { sort: "name", limit: 50 }), ITERATIONS / 2);
  const page1000 = await time(
    () => listModels(actor, scope, { sort: "name", limit: 50, cursor: cursor1000 }),
    ITERATIONS / 2,
  );

  // Through HTTP: the built studio on this database, with a real token.
  const studio = await startBenchStudio(dataDir);
  let httpSamples: number[];
  try {
    const url = `${studio.url}/api/v1/workspaces/bench/models?${new URLSearchParams({ ...QUERY, limit: "50" })}`;
    httpSamples = await time(async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${studio.token}` } });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      await res.json();
    });
  } finally {
    await studio.stop();
  }

  const result = {
    bench: "model-search",
    versions: written,
    iterations: ITERATIONS,
    p50_ms: round(percentile(domainSamples, 50)),
    p95_ms: round(percentile(domainSamples, 95)),
    baseline_p50_ms: round(percentile(baselineSamples, 50)),
    baseline_p95_ms: round(percentile(baselineSamples, 95)),
    ratio_p95: round(percentile(domainSamples, 95) / percentile(baselineSamples, 95)),
    http_p50_ms: round(percentile(httpSamples, 50)),
    http_p95_ms: round(percentile(httpSamples, 95)),
    page1_p50_ms: round(percentile(page1, 50)),
    page1000_p50_ms: round(percentile(page1000, 50)),
    ratio_page1000: round(percentile(page1000, 50) / percentile(page1, 50)),
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
