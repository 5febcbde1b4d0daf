import "server-only";
import { flattenResponse } from "@/lib/monitoring/flatten";
import { positionalColumns } from "@/lib/monitoring/feature-names";
import type { FlatValue } from "@/lib/monitoring/flat-table";
import { scoringControl } from "@/server/runtime/scoring/scoring-control";
import { GatheredTable, type BaselineTable } from "@/server/monitoring/baseline-data";

// Prediction drift against a data baseline needs the model's answers to that data: the deployment scores
// the baseline once per run (a quiet call: not counted, not collected), as requests of 100 rows in the
// shape it is sent (`{"data": rows}` for a positional tensor, with `"columns"` for named inputs, as batch
// jobs send them). At most 10,000 rows, evenly spread over the baseline so that ordered data is sampled whole.

export const MAX_SCORED_BASELINE_ROWS = 10_000;
const ROWS_PER_REQUEST = 100;

export type ScoringTarget = { workspace: string; endpoint: string; deployment: string };

export async function scoreBaseline(
  target: ScoringTarget,
  inputs: BaselineTable,
  rawColumns: string[],
  nameOf: (raw: string) => string,
  derive: (columns: string[], rows: FlatValue[][]) => { columns: string[]; rows: FlatValue[][] },
): Promise<BaselineTable | { error: string }> {
  if (!rawColumns.length) return { error: "the deployment's inputs are not known yet (it has collected nothing)" };
  const sources = rawColumns.map((raw) => inputs.values.get(nameOf(raw)));
  const missing = rawColumns.filter((_, i) => !sources[i]);
  if (missing.length)
    return { error: `the baseline has no column for the deployment's input ${missing.map(nameOf).join(", ")}` };
  const step = Math.max(1, Math.ceil(inputs.rows / MAX_SCORED_BASELINE_ROWS));
  const picked: number[] = [];
  for (let r = 0; r < inputs.rows; r += step) picked.push(r);
  const isPositional = positionalColumns(rawColumns) !== null;
  const gathered = new GatheredTable();
  for (let i = 0; i < picked.length; i += ROWS_PER_REQUEST) {
    const data = picked.slice(i, i + ROWS_PER_REQUEST).map((r) =>
      sources.map((column) => {
        const v = column![r];
        return typeof v === "number" && Number.isNaN(v) ? null : (v ?? null);
      }),
    );
    const body = JSON.stringify(isPositional ? { data } : { data, columns: rawColumns });
    const answer = await scoringControl.score({ ...target, body, isQuiet: true });
    if (answer.status !== 200)
      return {
        error: `the deployment could not score the baseline (status ${answer.status}): ${answer.body.slice(0, 300)}`,
      };
    const flat = flattenResponse(answer.body, data.length);
    if ("error" in flat) return { error: `its answers have no columns: ${flat.error}` };
    const table = derive(flat.columns, flat.rows);
    gathered.add(table.columns, table.rows);
  }
  return gathered.table(picked.length < inputs.rows);
}
