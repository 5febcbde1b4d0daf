// What a log pane shows: the log's entries (each a piece of output as the runner stored it) as lines, so
// that a search finds lines, a timestamp belongs to a line, and the download reads like the pane.

export type LogEntry = { id: number; at: string; stream: "stdout" | "stderr" | "system"; text: string };
export type LogLine = { key: string; at: string; stream: LogEntry["stream"]; text: string };

/** The entries' lines, each keeping its entry's time and stream; a final newline ends a line, it adds none. */
export function logLines(entries: readonly LogEntry[]): LogLine[] {
  const lines: LogLine[] = [];
  for (const entry of entries) {
    const parts = entry.text.split("\n");
    if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
    parts.forEach((text, i) => lines.push({ key: `${entry.id}:${i}`, at: entry.at, stream: entry.stream, text }));
  }
  return lines;
}

/** The lines holding `query`, ignoring case; every line when the query is blank. */
export function matchingLines(lines: readonly LogLine[], query: string): LogLine[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...lines];
  return lines.filter((line) => line.text.toLowerCase().includes(needle));
}

/** `text` cut around each case-insensitive occurrence of `query`, the occurrences marked. */
export function splitMatches(text: string, query: string): { text: string; isMatch: boolean }[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [{ text, isMatch: false }];
  const parts: { text: string; isMatch: boolean }[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  for (let found = lower.indexOf(needle); found !== -1; found = lower.indexOf(needle, at)) {
    if (found > at) parts.push({ text: text.slice(at, found), isMatch: false });
    parts.push({ text: text.slice(found, found + needle.length), isMatch: true });
    at = found + needle.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), isMatch: false });
  return parts;
}

/** "12:03:04.512" in UTC: the time of day is what a reader compares between lines. */
export function timeOfDay(at: string): string {
  return at.slice(11, 23);
}

/** The log as a text file: one line per line, optionally led by its ISO time and its stream. */
export function logText(lines: readonly LogLine[], withTimestamps: boolean): string {
  return lines.map((l) => (withTimestamps ? `${l.at} ${l.stream.padEnd(6)} ${l.text}` : l.text)).join("\n") + "\n";
}
