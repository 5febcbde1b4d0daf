// CSV exports open in spreadsheets, which run a cell starting with = + - @ (or a tab or carriage return) as a
// formula: text from users (an event's reason, a scored request's values) could then run in the reader's
// spreadsheet. Such text cells are written with a leading apostrophe, which spreadsheets show as text. Numbers
// stay numbers (a negative one is not a formula).

export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A record's text cells made safe; other cells as they are. */
export function spreadsheetSafeRecord<T>(record: T[]): T[] {
  return record.map((cell) => (typeof cell === "string" ? (spreadsheetSafe(cell) as T) : cell));
}
