import { stringify } from "csv-stringify/sync";

// Collected requests as a CSV table (RFC 4180, CRLF line ends), one row per request, written by
// csv-stringify as the batch host writes its predictions: quoted where needed, booleans as true/false.

export type CollectedCsvRow = {
  at: string;
  requestId: string | null;
  deployment: string;
  status: number;
  latencyMs: number;
  input: string;
  output: string;
  truncated: boolean;
};

const COLUMNS = ["at", "request_id", "deployment", "status", "latency_ms", "input", "output", "truncated"];

export function collectedCsv(rows: readonly CollectedCsvRow[]): string {
  const records = rows.map((r) => [
    r.at,
    r.requestId ?? "",
    r.deployment,
    r.status,
    r.latencyMs,
    r.input,
    r.output,
    r.truncated,
  ]);
  return stringify(records, { header: true, columns: COLUMNS, record_delimiter: "windows", cast: { boolean: String } });
}
