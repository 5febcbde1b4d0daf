import { formatDateTime } from "@/lib/format";
import { isTimeZone, wallTimeIn } from "@/lib/schedules/time-zone";

// Times of a schedule as its time zone's wall clock shows them, the same on the server and in the browser
// (no locale): "Tue 2025-06-03 03:00 UTC+2". The UTC instant goes in a title beside it.

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const pad = (n: number) => String(n).padStart(2, "0");

/** The zone's offset from UTC at an instant: "UTC", "UTC+2", "UTC-3:30". */
function offsetLabel(instant: Date, zone: string): string {
  const w = wallTimeIn(instant, zone);
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  const minutes = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole) / 60_000);
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? "-" : "+"}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ""}`;
}

/** An instant on the zone's wall clock, with its weekday and offset (UTC when the zone is unknown). */
export function formatInZone(iso: string, zone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  if (!isTimeZone(zone)) return formatDateTime(instant.toISOString());
  const w = wallTimeIn(instant, zone);
  return `${DAYS[w.weekday - 1]} ${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} ${offsetLabel(instant, zone)}`;
}

/** A time in the schedule's zone, with the UTC instant on hover. */
export function ZonedTime({ iso, zone }: { iso: string; zone: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className="tabular-nums">
      {formatInZone(iso, zone)}
    </time>
  );
}
