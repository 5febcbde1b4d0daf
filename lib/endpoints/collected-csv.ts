// Collected requests as a CSV table (RFC 4180: every field quoted, quotes doubled), one row per request.

export type CollectedCsvRow = { at: string; deployment: string; status: number; latencyMs: number; input: string; output: string; truncated: boolean };

const COLUMNS = ["at", "deployment", "status", "latency_ms", "input", "output", "truncated"] as const;

function cell(value: string | number | boolean): string {
  return `"${String(value).replace(/"/g, '""')}"`;
}

export function collectedCsv(rows: readonly CollectedCsvRow[]): string {
  const lines = [COLUMNS.join(",")];
  for (const r of rows) lines.push([r.at, r.deployment, r.status, r.latencyMs, r.input, r.output, r.truncated].map(cell).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
