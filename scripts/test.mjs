// `npm test`: every suite, then one closing line "N passed, N failed" (totals of all suites).
//   unit            pure logic (vitest)
//   domain:sqlite   the domain layer against embedded SQLite (vitest)
//   domain:postgres the same tests against a real PostgreSQL server started here on loopback
//   api             the REST API over HTTP against a freshly built and started studio (SQLite)
//   api:postgres    the same API tests against a studio running on the PostgreSQL server
//   e2e             Playwright in Debian's Chromium against the SQLite studio
// Pass suite names to run only some: `npm test -- unit api`.
import { randomBytes } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfNeeded } from "./start.mjs";
import { createDatabase, startTestPostgres } from "./lib/postgres.mjs";
import { startStudioServer } from "./lib/studio-server.mjs";
import { startTestSmtp } from "./lib/smtp-server.mjs";
import { ensureTestPrerequisites } from "./lib/test-prerequisites.mjs";
import { writeTestWheel } from "./lib/test-wheel.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Separate folders let two runs proceed side by side (STUDIO_TEST_WORK_DIR=.test-data-api).
const work = join(root, process.env.STUDIO_TEST_WORK_DIR || ".test-data");
const ALL = ["unit", "domain:sqlite", "domain:postgres", "api", "api:postgres", "e2e"];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
const unknown = wanted.filter((s) => !ALL.includes(s));
if (unknown.length) {
  console.error(`Unknown suite(s): ${unknown.join(", ")}. Suites: ${ALL.join(", ")}`);
  process.exit(2);
}

const missing = ensureTestPrerequisites(wanted);
if (missing) {
  console.error(`[test] cannot run: ${missing}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const results = [];

/** The command line of a vitest run of `project` whose JSON report goes to `report`. */
function vitestArgs(project, report) {
  // STUDIO_VITEST_ARGS narrows a run while working on some files, e.g. "server/db server/artifacts".
  const extra = (process.env.STUDIO_VITEST_ARGS ?? "").split(/\s+/).filter(Boolean);
  return [
    join(root, "node_modules/vitest/vitest.mjs"),
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...extra,
  ];
}

const reportOf = (suite) => join(work, `${suite.replace(":", "-")}.json`);

/** Runs a vitest project in the foreground and records its counts. */
function runVitest(suite, project, env) {
  const report = reportOf(suite);
  const result = spawnSync(process.execPath, vitestArgs(project, report), {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  recordVitest(suite, report, result.status);
}

/**
 * Runs a vitest project beside whatever runs next (its output kept in a file, printed when it ends, so
 * two suites' lines never mix); resolves once its counts are recorded.
 */
function runVitestInBackground(suite, project, env) {
  const report = reportOf(suite);
  const log = join(work, `${suite.replace(":", "-")}.log`);
  const out = openSync(log, "w");
  const child = spawn(process.execPath, vitestArgs(project, report), {
    cwd: root,
    stdio: ["ignore", out, out],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve) => {
    child.on("close", (code) => {
      closeSync(out);
      console.log(`\n[test] output of ${suite}, run beside the others:\n${readFileSync(log, "utf8")}`);
      recordVitest(suite, report, code);
      resolve();
    });
  });
}

/** Counts from vitest's JSON report; a run that produced no report counts as one failure. */
function recordVitest(suite, report, status) {
  if (!existsSync(report)) return record(suite, 0, 1, `vitest exited with ${status} and wrote no report`);
  const json = JSON.parse(readFileSync(report, "utf8"));
  const skipped = json.numPendingTests + json.numTodoTests;
  // A suite whose files fail to load reports no failed test; count each broken file.
  const brokenFiles = json.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  const failed = json.numFailedTests + skipped + brokenFiles + (json.numTotalTests === 0 ? 1 : 0);
  const failures = json.testResults.flatMap((f) => {
    const file = relative(root, f.name);
    if (f.status === "failed" && f.assertionResults.length === 0) return [`${file}: ${firstLine(f.message)}`];
    return f.assertionResults
      .filter((t) => t.status !== "passed")
      .map((t) => `${file} > ${t.fullName}: ${t.status === "failed" ? firstLine(t.failureMessages?.[0]) : t.status}`);
  });
  return record(
    suite,
    json.numPassedTests,
    failed,
    skipped ? `${skipped} skipped (counted as failed)` : json.numTotalTests === 0 ? "no tests ran" : "",
    failures,
  );
}

function runPlaywright(suite, env) {
  const report = join(work, "e2e.json");
  // STUDIO_E2E_ARGS narrows a run while working on one page, e.g. "e2e/designer.spec.ts".
  const extra = (process.env.STUDIO_E2E_ARGS ?? "").split(/\s+/).filter(Boolean);
  const result = spawnSync(process.execPath, [join(root, "node_modules/@playwright/test/cli.js"), "test", ...extra], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: report },
  });
  if (!existsSync(report)) return record(suite, 0, 1, `playwright exited with ${result.status} and wrote no report`);
  const { stats, errors, suites } = JSON.parse(readFileSync(report, "utf8"));
  const failed =
    stats.unexpected + stats.flaky + stats.skipped + (errors?.length ?? 0) + (stats.expected === 0 ? 1 : 0);
  const failures = [
    ...(errors ?? []).map((e) => firstLine(e.message)),
    ...playwrightSpecs(suites ?? [])
      .filter((spec) => !spec.ok || spec.tests.some((t) => t.status !== "expected"))
      .map((spec) => {
        const error = spec.tests.flatMap((t) => t.results).find((r) => r.error)?.error;
        return `${spec.file} > ${spec.title}: ${error ? firstLine(error.message) : "flaky or skipped"}`;
      }),
  ];
  return record(
    suite,
    stats.expected,
    failed,
    stats.skipped ? `${stats.skipped} skipped (counted as failed)` : "",
    failures,
  );
}

function playwrightSpecs(suites) {
  return suites.flatMap((s) => [...(s.specs ?? []), ...playwrightSpecs(s.suites ?? [])]);
}

/** An error's first line, without colour codes: enough to say what failed in the summary. */
function firstLine(message) {
  // eslint-disable-next-line no-control-regex
  const plain = String(message ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  return (
    plain
      .split("\n")
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 300) ?? "(no message)"
  );
}

/** Prints the last lines of a log file, to show what the server said around a failure. */
function printTail(file, label, lines = 150) {
  if (!existsSync(file)) return;
  const tail = readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  console.log(`\n[test] last ${lines} lines of ${label}, kept in ${file}:\n${tail}\n[test] end of ${label}\n`);
}

function record(suite, passed, failed, note = "", failures = []) {
  results.push({ suite, passed, failed, note, failures });
  console.log(`\n[test] ${suite}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ""}\n`);
}

// Jobs in the tests run with Debian's python3, which has scikit-learn (a python3 earlier on PATH may not).
if (!process.env.STUDIO_PYTHON && existsSync("/usr/bin/python3")) process.env.STUDIO_PYTHON = "/usr/bin/python3";
// Every job and entry script in the tests runs sandboxed: without a working bubblewrap they fail loudly
// instead of quietly running unsandboxed.
process.env.STUDIO_SANDBOX ||= "bwrap";
// Environment builds in the tests never reach a package index: pip installs from a folder of wheels made here
// (two versions of one small package), and what Debian's python3 already has.
const wheels = join(work, "wheels");
writeTestWheel(wheels, "0.1.0");
writeTestWheel(wheels, "0.2.0");
process.env.STUDIO_PIP_INDEX_URL ||= "none";
process.env.STUDIO_PIP_FIND_LINKS ||= wheels;

async function main() {
  if (wanted.includes("unit")) runVitest("unit", "unit", {});

  // One throwaway PostgreSQL server serves both PostgreSQL suites, each in a database of its own.
  let postgres = null;
  const postgresDatabase = async (name) => {
    postgres ??= await startTestPostgres();
    return createDatabase(postgres.url, name);
  };
  const UPLOAD_CAP = String(4 * 1024 * 1024); // small, so the 413 path is tested without sending a gigabyte
  const PIPELINE_ZIP_CAP = String(2 * 1024 * 1024); // below the upload cap, as the default is

  /** Starts a studio (built if needed) and runs `suites` against it; a studio that fails to start fails them. */
  async function withStudio(name, databaseUrl, suites) {
    if (!suites.some(([suite]) => wanted.includes(suite))) return;
    let studio;
    let smtp;
    // The studio's own output goes to a file kept after the run; its end is printed when a suite fails.
    const logFile = join(work, `${name}.log`);
    const before = results.length;
    try {
      buildIfNeeded();
      // A folder the studio may snapshot data assets from (STUDIO_DATA_ROOTS); tests write files into it.
      const dataRoot = join(work, `${name}-data-root`);
      mkdirSync(dataRoot, { recursive: true });
      // Known to the tests, so that they can start a second instance of this studio (same database, same
      // sealed secrets).
      const secret = randomBytes(32).toString("base64url");
      // Notification e-mails go to a real SMTP server on loopback; the tests read what it received.
      smtp = await startTestSmtp(join(work, `${name}-smtp`));
      studio = await startStudioServer({
        root,
        dataDir: join(work, name),
        // STUDIO_TRUST_PROXY: the tests play clients at several addresses through X-Forwarded-For, as a
        // proxy in front would pass them (tests/api/network-defaults.test.ts checks the untrusting default).
        env: {
          STUDIO_MAX_UPLOAD_BYTES: UPLOAD_CAP,
          STUDIO_PIPELINE_ZIP_MAX_BYTES: PIPELINE_ZIP_CAP,
          DATABASE_URL: databaseUrl ?? "",
          STUDIO_DATA_ROOTS: dataRoot,
          STUDIO_TRUST_PROXY: "1",
          // Webhook tests deliver to a receiver on loopback, and wait seconds for retries, not minutes.
          STUDIO_WEBHOOK_ALLOW_PRIVATE: "on",
          STUDIO_WEBHOOK_TIMEOUT_MS: "3000",
          STUDIO_WEBHOOK_RETRY_SCHEDULE: "1s,1s,2s",
          NEXTAUTH_SECRET: secret,
          STUDIO_SMTP_URL: smtp.url,
        },
        log: logFile,
      });
      const env = {
        STUDIO_TEST_URL: studio.url,
        STUDIO_TEST_SCORING_URL: studio.scoringUrl,
        STUDIO_TEST_DATA_DIR: studio.dataDir,
        STUDIO_TEST_MAX_UPLOAD_BYTES: UPLOAD_CAP,
        STUDIO_TEST_PIPELINE_ZIP_MAX_BYTES: PIPELINE_ZIP_CAP,
        STUDIO_TEST_DATA_ROOT: dataRoot,
        STUDIO_TEST_NEXTAUTH_SECRET: secret,
        STUDIO_TEST_MAILDIR: smtp.maildir,
        ...(databaseUrl ? { STUDIO_TEST_DATABASE_URL: databaseUrl } : {}),
      };
      for (const [suite, run] of suites) if (wanted.includes(suite)) run(env);
    } catch (error) {
      for (const [suite] of suites) {
        if (wanted.includes(suite) && !results.some((r) => r.suite === suite))
          record(suite, 0, 1, `could not run: ${error.message}`);
      }
    } finally {
      await studio?.stop();
      smtp?.stop();
      if (results.slice(before).some((r) => r.failed > 0)) printTail(logFile, `the studio's log (${name})`);
    }
  }

  try {
    // The two domain suites run side by side: each runs its files one at a time, so together they use
    // both cores (and CI takes a minute and a half less).
    let domainPostgres = Promise.resolve();
    if (wanted.includes("domain:postgres")) {
      try {
        const url = await postgresDatabase("studio_domain_test");
        domainPostgres = runVitestInBackground("domain:postgres", "domain", {
          DATABASE_URL: url,
          STUDIO_DATA_DIR: join(work, "domain-postgres"),
        });
      } catch (error) {
        record("domain:postgres", 0, 1, `could not run: ${error.message}`);
      }
    }
    if (wanted.includes("domain:sqlite"))
      runVitest("domain:sqlite", "domain", { DATABASE_URL: "", STUDIO_DATA_DIR: join(work, "domain-sqlite") });
    await domainPostgres;

    await withStudio("studio", null, [
      ["api", (env) => runVitest("api", "api", env)],
      ["e2e", (env) => runPlaywright("e2e", env)],
    ]);

    if (wanted.includes("api:postgres")) {
      let url = null;
      try {
        url = await postgresDatabase("studio_api_test");
      } catch (error) {
        record("api:postgres", 0, 1, `could not run: ${error.message}`);
      }
      if (url)
        await withStudio("studio-postgres", url, [["api:postgres", (env) => runVitest("api:postgres", "api", env)]]);
    }
  } finally {
    postgres?.stop();
  }

  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log("[test] summary:");
  for (const r of results)
    console.log(`[test]   ${r.suite.padEnd(16)} ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ""}`);
  // What failed, again at the very end: a log read from its tail still names the tests.
  const failures = results.flatMap((r) => r.failures.map((f) => `[test]   ${r.suite}: ${f}`));
  if (failures.length) console.log(`[test] failed:\n${failures.slice(0, 20).join("\n")}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
