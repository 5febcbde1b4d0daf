import { Cron } from "croner";

// Cron expressions are evaluated by croner only; this file checks what croner would accept field by
// field, so a problem can name the field. Expressions are the standard 5 fields (as Azure ML takes them):
// croner's seconds, years and Quartz extensions (L, W, #, ?) are refused so a schedule means the same
// wherever it is exported to.

const FIELDS = [
  { name: "minute", values: "0-59" },
  { name: "hour", values: "0-23" },
  { name: "day of month", values: "1-31" },
  { name: "month", values: "1-12 or JAN-DEC" },
  { name: "day of week", values: "0-7 (0 and 7 are Sunday) or SUN-SAT" },
] as const;

const NAMES = /\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT)\b/gi;
const PLAIN_FIELD = /^[0-9*,/-]+$/;

/** A paused croner job for the expression in the zone; throws what croner throws for a bad one. */
export function makeCron(expression: string, timeZone: string): Cron {
  return new Cron(expression.trim(), { mode: "5-part", paused: true, timezone: timeZone });
}

/** Why a cron expression cannot be used, or null. Names the field at fault where it can. */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    const extra = fields.length > 5 ? " Seconds and years are not supported." : "";
    return (
      `A cron expression has 5 fields (minute hour day-of-month month day-of-week); ` +
      `"${expression.trim()}" has ${fields.length}.${extra}`
    );
  }
  for (let i = 0; i < 5; i++) {
    const field = FIELDS[i];
    const bad = `The cron ${field.name} field "${fields[i]}"`;
    if (!PLAIN_FIELD.test(fields[i].replace(NAMES, "0")))
      return `${bad} uses syntax that standard cron does not have; use numbers (${field.values}), *, ',', '-' and '/'.`;
    // The field alone, the others left as *: a failure here is this field's.
    const alone = fields.map((f, j) => (j === i ? f : "*")).join(" ");
    try {
      makeCron(alone, "UTC");
    } catch {
      return `${bad} is not valid: it takes ${field.values}, with *, ',', '-' and '/'.`;
    }
  }
  let job: Cron;
  try {
    job = makeCron(expression, "UTC");
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, "") : String(error);
    return `The cron expression "${expression.trim()}" is not valid: ${reason}`;
  }
  // Only the day-of-month and month fields together can rule out every date (30 February).
  if (job.nextRun(new Date(0)) === null)
    return `The cron expression "${expression.trim()}" never fires: no date has that day of month in those months.`;
  return null;
}

/** A short English reading of the simple shapes of cron expressions, or null for the others. */
export function describeCron(expression: string): string | null {
  const [minute, hour, dom, month, dow] = expression.trim().split(/\s+/);
  const number = /^\d+$/;
  if (month !== "*") return null;
  if (hour === "*" && dom === "*" && dow === "*") {
    if (minute === "*") return "Every minute";
    const step = /^\*\/(\d+)$/.exec(minute);
    if (step) return `Every ${step[1]} minutes`;
    if (number.test(minute)) return `At minute ${Number(minute)} of every hour`;
    return null;
  }
  if (!number.test(minute) || !number.test(hour)) return null;
  const at = `at ${pad(Number(hour))}:${pad(Number(minute))}`;
  if (dom === "*" && dow === "*") return `Every day ${at}`;
  if (dom === "*" && /^[0-7](,[0-7])*$/.test(dow)) {
    const days = [...new Set(dow.split(",").map((d) => DAY_NAMES[Number(d) % 7]))];
    return `Every week on ${joinList(days)} ${at}`;
  }
  if (dow === "*" && /^\d+(,\d+)*$/.test(dom)) {
    const days = dom.split(",").map(Number);
    return `Every month on day${days.length > 1 ? "s" : ""} ${joinList(days.map(String))} ${at}`;
  }
  return null;
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
