import "server-only";
import { z } from "zod";
import { parseRetrySchedule } from "@/lib/webhooks/retry-schedule";
import { isAbsolute, resolve } from "node:path";
import { isWildcardHost } from "@/lib/network";

/** The documented password of the seeded demo users: fine on loopback, never on a network. */
export const DEFAULT_DEMO_PASSWORD = "studio-demo";

/** A comma-separated list setting, its items trimmed, empty ones dropped. */
const commaSeparated = () =>
  z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== ""),
    );

// Every setting comes from the environment, parsed once; a bad value stops start-up with a clear message.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "DATABASE_URL must be a postgresql:// URL (leave it unset for embedded SQLite)",
    }),
  STUDIO_DATA_DIR: z.string().default("./data"),
  STUDIO_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  /** Cap on a pipeline import's zip: the archive and everything in it once unpacked. */
  STUDIO_PIPELINE_ZIP_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  STUDIO_DEMO_PASSWORD: z.string().min(8).default(DEFAULT_DEMO_PASSWORD),
  STUDIO_SEED: z.enum(["demo", "none"]).default("demo"),
  /** The interpreter that `python` and `python3` mean in a job's command; by default the python3 on PATH. */
  STUDIO_PYTHON: z.string().trim().optional(),
  /** The package index environment builds install from (pip's --index-url); "none" installs only from STUDIO_PIP_FIND_LINKS (offline). */
  STUDIO_PIP_INDEX_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || v === "none" || /^https?:\/\//.test(v), {
      message: 'STUDIO_PIP_INDEX_URL must be an http(s) URL or "none"',
    }),
  /** Folders (absolute) or URLs of wheels environment builds may install from (pip's --find-links), comma-separated. */
  STUDIO_PIP_FIND_LINKS: commaSeparated().refine(
    (links) => links.every((p) => isAbsolute(p) || /^https?:\/\//.test(p)),
    {
      message: "STUDIO_PIP_FIND_LINKS must hold absolute folder paths or http(s) URLs, separated by commas",
    },
  ),
  /** Whether built environments see the machine's own Python packages under theirs (local compute's base image). */
  STUDIO_ENV_SYSTEM_PACKAGES: z
    .enum(["on", "off", "true", "false", "1", "0"])
    .default("on")
    .transform((v) => v === "on" || v === "true" || v === "1"),
  /** How long an environment build may take, in seconds. */
  STUDIO_ENV_BUILD_TIMEOUT_S: z.coerce.number().int().min(10).max(86_400).default(1800),
  /** Built environments no job or deployment used for this many days are removed. */
  STUDIO_ENV_KEEP_DAYS: z.coerce.number().min(0).max(3650).default(14),
  /** "off" keeps this instance from running jobs (another instance, sharing the database, runs them). */
  STUDIO_RUNNER: z.enum(["on", "off"]).default("on"),
  /** How jobs and entry scripts are isolated: bubblewrap when it works here (auto), always (bwrap), or never (off). */
  STUDIO_SANDBOX: z.enum(["auto", "bwrap", "off"]).default("auto"),
  STUDIO_RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  STUDIO_JOB_LOG_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  /** The address jobs use to call the studio back; by default this server on loopback. */
  STUDIO_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where the web app and the scoring listener listen: loopback unless set (0.0.0.0 or an address exposes them). */
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** The port of the scoring listener (online endpoints' scoring URLs); PORT + 1 by default, 0 turns it off. */
  STUDIO_SCORING_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** The address clients reach the scoring listener at, as shown on endpoint pages; by default this host. */
  STUDIO_SCORING_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Worker processes of the scoring service (under npm start); each splits its own requests exactly. */
  STUDIO_SCORING_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  /** Largest scoring request body, in bytes. */
  STUDIO_SCORING_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Lets webhooks target loopback and private addresses (a receiver on this machine or the LAN). Metadata addresses stay refused. */
  STUDIO_WEBHOOK_ALLOW_PRIVATE: z
    .enum(["on", "off", "true", "false", "1", "0"])
    .default("off")
    .transform((v) => v === "on" || v === "true" || v === "1"),
  /** How long a webhook receiver has to answer, in milliseconds. */
  STUDIO_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  /** Retry delays of failed deliveries (`5s,1m,…`); by default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then daily for 3 days. */
  STUDIO_WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || parseRetrySchedule(v) !== null, {
      message: "STUDIO_WEBHOOK_RETRY_SCHEDULE is written as durations such as 5s,1m,2h",
    }),
  /** The mail server notifications are e-mailed through (`smtp://user:pass@host:587`, `smtps://…`); unset, no e-mail is sent. */
  STUDIO_SMTP_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || /^smtps?:\/\/[^/]/.test(v), {
      message: "STUDIO_SMTP_URL must be an smtp:// or smtps:// URL",
    }),
  /** The sender of notification e-mails. */
  STUDIO_SMTP_FROM: z.string().trim().min(3).default("MLOps Studio <studio@localhost>"),
  /** "off" keeps this instance from dispatching events (webhooks, e-mails, rules, schedules); another instance sharing the database does. */
  STUDIO_DISPATCHER: z.enum(["on", "off"]).default("on"),
  // Folders whose files may be snapshotted into data assets by path (comma-separated absolute paths).
  // Empty (the default) turns the feature off.
  STUDIO_DATA_ROOTS: commaSeparated().refine((roots) => roots.every((p) => isAbsolute(p)), {
    message: "STUDIO_DATA_ROOTS must hold absolute folder paths, separated by commas",
  }),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(
    `Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
  );
}

export const env = {
  ...parsed.data,
  dataDir: resolve(parsed.data.STUDIO_DATA_DIR),
  isPostgres: parsed.data.DATABASE_URL !== undefined,
  studioUrl: (parsed.data.STUDIO_URL ?? `http://${callbackHost(parsed.data.HOST)}:${parsed.data.PORT}`).replace(
    /\/$/,
    "",
  ),
  scoringPort: parsed.data.STUDIO_SCORING_PORT ?? Math.min(65535, parsed.data.PORT + 1),
};

/** The base of endpoints' scoring URLs (null when the scoring listener is off). */
export function scoringBaseUrl(): string | null {
  if (env.STUDIO_SCORING_URL) return env.STUDIO_SCORING_URL.replace(/\/$/, "");
  if (env.scoringPort === 0) return null;
  // `hostname` keeps an IPv6 address in brackets.
  return `http://${new URL(env.studioUrl).hostname}:${env.scoringPort}`;
}

/** How jobs on this machine reach the web app: loopback when it listens there (or everywhere), else its address. */
function callbackHost(host: string): string {
  if (isWildcardHost(host) || host === "localhost") return "127.0.0.1";
  return host.includes(":") ? `[${host.replace(/^\[|\]$/g, "")}]` : host;
}
