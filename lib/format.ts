export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A stable, locale-independent timestamp for tables (UTC, minutes). */
export function formatDateTime(iso: string): string {
  return iso.slice(0, 16).replace("T", " ") + " UTC";
}

/** The same, to the second: for histories where several changes can fall within one minute. */
export function formatDateTimeSeconds(iso: string): string {
  return iso.slice(0, 19).replace("T", " ") + " UTC";
}

/**
 * An instant typed by a person: ISO 8601 with a zone, or a `datetime-local` value (no zone), read as UTC.
 * Null when it is not a date.
 */
export function parseInstant(text: string): Date | null {
  const value = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/i.test(value)) return null;
  const hasZone = /(Z|[+-]\d{2}:\d{2})$/i.test(value);
  const date = new Date(hasZone ? value : value.includes("T") ? `${value}Z` : `${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
