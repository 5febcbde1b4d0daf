// What `npm test` needs of the machine, checked before anything runs: Chromium for the browser tests,
// PostgreSQL for the PostgreSQL suites, bubblewrap (every test job runs sandboxed) and Debian's python3
// with scikit-learn and onnx for the jobs and entry scripts, venv for environment builds, and aiosmtpd for a real mail server. As root with apt, what is missing is installed
// (as on CI); otherwise the run stops at once with the command that installs it.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
const pythonHas = (module) =>
  existsSync("/usr/bin/python3") &&
  spawnSync("/usr/bin/python3", ["-c", `import ${module}`], { stdio: "ignore" }).status === 0;
const hasPostgres = () =>
  existsSync("/usr/lib/postgresql") &&
  readdirSync("/usr/lib/postgresql").some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

/** Each need: which suites need it, how to tell it is there, and the Debian package that provides it. */
const NEEDS = [
  {
    what: "Chromium",
    suites: ["e2e"],
    present: () => Boolean(process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) || has("chromium"),
    apt: "chromium",
  },
  {
    what: "PostgreSQL",
    suites: ["domain:postgres", "api:postgres"],
    present: () => Boolean(process.env.TEST_DATABASE_URL) || hasPostgres(),
    apt: "postgresql",
  },
  {
    what: "bubblewrap",
    suites: ["domain:sqlite", "domain:postgres", "api", "api:postgres", "e2e"],
    present: () => has("bwrap"),
    apt: "bubblewrap",
  },
  {
    what: "python3 with scikit-learn",
    suites: ["domain:sqlite", "domain:postgres", "api", "api:postgres", "e2e"],
    present: () => pythonHas("sklearn"),
    apt: "python3-sklearn",
  },
  {
    what: "python3 with onnx",
    suites: ["domain:sqlite", "domain:postgres", "api", "api:postgres", "e2e"],
    present: () => pythonHas("onnx"),
    apt: "python3-onnx",
  },
  {
    what: "python3 with venv (environment builds)",
    suites: ["domain:sqlite", "domain:postgres", "api", "api:postgres", "e2e"],
    present: () => pythonHas("ensurepip"),
    apt: "python3-venv",
  },
  {
    what: "an SMTP server (python3 aiosmtpd)",
    suites: ["api", "api:postgres", "e2e"],
    present: () => pythonHas("aiosmtpd"),
    apt: "python3-aiosmtpd",
  },
];

/** Checks (and as root, installs) what the wanted suites need; answers a message when the run cannot go on. */
export function ensureTestPrerequisites(suites) {
  const missing = NEEDS.filter((need) => need.suites.some((s) => suites.includes(s)) && !need.present());
  if (!missing.length) return null;
  const packages = [...new Set(missing.map((m) => m.apt))];
  const command = `apt-get install -y --no-install-recommends ${packages.join(" ")}`;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && has("apt-get")) {
    console.log(`[test] installing what the tests need (${missing.map((m) => m.what).join(", ")}): ${command}`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    try {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
      execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], {
        stdio: ["ignore", "ignore", "inherit"],
        env,
      });
    } catch {
      return `installing ${packages.join(", ")} failed; run as root: ${command}`;
    }
    const still = missing.filter((need) => !need.present());
    return still.length ? `still missing after installing: ${still.map((m) => m.what).join(", ")}` : null;
  }
  return `the tests need ${missing.map((m) => m.what).join(", ")}, which this machine lacks. Install with:\n  sudo ${command}`;
}
