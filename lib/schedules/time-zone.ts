import { WINDOWS_TO_IANA_MAP } from "windows-iana";

// Time zones for schedules: names are IANA ("Europe/Berlin"), which is what Intl and croner understand.
// Azure ML schedule YAML often gives Windows names ("W. Europe Standard Time"); toIanaTimeZone maps them
// through the CLDR table in windows-iana. Wall-clock arithmetic uses Intl only, so this runs in the browser.

// Intl also accepts offsets ("+01:00") on newer engines; a schedule's zone must be a named zone, so that
// its daylight-saving rules apply.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(zone);
  if (cached) return cached;
  if (!ZONE_NAME.test(zone)) return null;
  try {
    const made = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(zone, made);
    return made;
  } catch {
    return null;
  }
}

/** True for a time zone name this runtime knows (IANA names and their aliases such as "UTC"). */
export function isTimeZone(name: string): boolean {
  return typeof name === "string" && formatter(name) !== null;
}

// Only the territory "001" rows: they give the zone CLDR considers the Windows name's main one.
const WINDOWS_ZONES = new Map<string, string>(
  WINDOWS_TO_IANA_MAP.filter((row) => row.territory === "001").map((row) => [
    row.windowsName.toLowerCase(),
    row.iana[0],
  ]),
);

/** An IANA name for a Windows or IANA time zone name (IANA names pass through), or null when unknown. */
export function toIanaTimeZone(name: string): string | null {
  const trimmed = name.trim();
  const zone = formatter(trimmed);
  if (zone) {
    // Intl matches names case-insensitively; keep the canonical spelling when only the case differs.
    const resolved = zone.resolvedOptions().timeZone;
    return resolved.toLowerCase() === trimmed.toLowerCase() ? resolved : trimmed;
  }
  return WINDOWS_ZONES.get(trimmed.toLowerCase()) ?? null;
}

/** A moment as seen on a wall clock in a zone; month and day are 1-based, weekday 1 (Monday) to 7 (Sunday). */
export type WallTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
};

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock time of an instant in a zone (throws for an unknown zone: check with isTimeZone first). */
export function wallTimeIn(instant: Date, zone: string): WallTime {
  const f = formatter(zone);
  if (!f) throw new RangeError(`Unknown time zone "${zone}".`);
  const parts: Record<string, string> = {};
  for (const part of f.formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday],
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (whole seconds). */
function offsetAt(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const w = wallTimeIn(new Date(whole), zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const DAY_MS = 86_400_000;

/**
 * The instant a local date-time without offset ("2025-03-09T02:30:00") names in a zone, or null when the
 * text is not one or the zone is unknown. Like Temporal's "compatible" choice: a time that occurs twice
 * (clocks go back) is its first occurrence; a time that does not exist (clocks go forward) is moved
 * forward by the gap, so 02:30 on the spring-forward night in New York is 03:30 EDT.
 */
export function zonedWallTimeToInstant(localIso: string, zone: string): Date | null {
  const m = LOCAL_ISO.exec(localIso.trim());
  if (!m || !isTimeZone(zone)) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v ? Number(v) : 0));
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Offsets a day either side: at most one transition lies between them in any real zone.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const fits = [before, after].map((o) => wall - o).filter((t) => offsetAt(t, zone) === wall - t);
  if (fits.length > 0) return new Date(Math.min(...fits));
  return new Date(wall - before);
}
