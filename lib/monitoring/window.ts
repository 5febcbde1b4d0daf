// Monitoring windows as ISO 8601 durations, as Azure ML writes lookback windows (`P7D`, `PT6H`): weeks,
// days, hours, minutes and seconds. Months and years are refused, since their length depends on the
// calendar and a lookback must be a fixed span.

const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** The span in milliseconds, or an error that says what is wrong. */
export function parseDuration(text: string): { ms: number } | { error: string } {
  const match = DURATION.exec(text.trim().toUpperCase());
  if (!match)
    return {
      error: `"${text}" is not an ISO 8601 duration of weeks, days, hours, minutes or seconds (such as P7D or PT6H).`,
    };
  const [, w, d, h, m, s] = match.map((v) => (v === undefined ? 0 : Number(v)));
  const ms = ((((w * 7 + d) * 24 + h) * 60 + m) * 60 + s) * 1000;
  if (ms <= 0) return { error: `"${text}" is an empty span.` };
  if (ms > 3650 * 86_400_000) return { error: `"${text}" is longer than ten years.` };
  return { ms };
}

/** The span of a duration that was checked already (a stored window); throws on one that is not valid. */
export function durationMs(text: string): number {
  const parsed = parseDuration(text);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.ms;
}

/** A duration as people read it: "7 days", "6 hours", "1 day 12 hours". */
export function describeDuration(ms: number): string {
  const parts: string[] = [];
  const units: [number, string][] = [
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1000, "second"],
  ];
  let left = ms;
  for (const [size, name] of units) {
    const n = Math.floor(left / size);
    if (n) parts.push(`${n} ${name}${n === 1 ? "" : "s"}`);
    left -= n * size;
  }
  return parts.join(" ") || "0 seconds";
}
