import { tokenizeFilter } from "@/lib/job-filter";
import { likeToRegExp } from "@/lib/mlflow/like";

// The filters of MLflow's experiments/search, registered-models/search and model-versions/search
// (SearchExperimentsUtils, SearchModelUtils, SearchModelVersionUtils): attributes, bare or after `attribute.`,
// and `tags.<key>` (or `tag.`; keys may be quoted), joined by AND. Text compares with = != LIKE ILIKE (and IN
// where allowed), numbers with = != < <= > >=. Entities are filtered in memory: a workspace holds few of them.

export type FilterAttributes = { text: readonly string[]; numbers: readonly string[]; lists?: readonly string[] };
export type FilterEntity = { attributes: Record<string, string | number>; tags: Record<string, string> };

type Condition = {
  field: { kind: "attribute"; key: string } | { kind: "tag"; key: string };
  op: string;
  value: string | number | string[];
};
export type EntityFilter = { ok: true; conditions: Condition[] } | { ok: false; message: string };

const TEXT_OPS = ["=", "!=", "LIKE", "ILIKE"];
const NUMBER_OPS = ["=", "!=", "<", "<=", ">", ">="];
// MLflow 3's client adds `tag.mlflow.prompt.is_prompt != 'true'` to every search: a model without the tag is not a
// prompt, so a missing tag reads as 'false' (as MLflow's own search does).
const PROMPT_TAG = "mlflow.prompt.is_prompt";

export function parseEntityFilter(filter: string, attributes: FilterAttributes): EntityFilter {
  const text = filter.trim();
  if (!text) return { ok: true, conditions: [] };
  const tokens = tokenizeFilter(text);
  if (typeof tokens === "string") return { ok: false, message: tokens };
  const known = [...attributes.text, ...attributes.numbers];
  const conditions: Condition[] = [];
  let i = 0;
  while (i < tokens.length) {
    const head = tokens[i++]!;
    let field: Condition["field"] | null = null;
    if (head.type === "word" || head.type === "backticked") {
      const dot = head.type === "word" ? head.text.indexOf(".") : -1;
      const entity = dot < 0 ? "" : head.text.slice(0, dot);
      let key = dot < 0 ? head.text : head.text.slice(dot + 1);
      if (dot >= 0 && key === "" && (tokens[i]?.type === "quoted" || tokens[i]?.type === "backticked"))
        key = tokens[i++]!.text;
      if (entity === "tags" || entity === "tag") field = { kind: "tag", key };
      else if ((entity === "" || entity === "attribute") && known.includes(key)) field = { kind: "attribute", key };
    }
    if (!field)
      return {
        ok: false,
        message: `Invalid attribute key '${head.text}' specified. Valid keys are ${known.map((k) => `'${k}'`).join(", ")} and tags.<key>.`,
      };
    const opToken = tokens[i++];
    let op = opToken?.text.toUpperCase() ?? "";
    if (op === "NOT" && tokens[i]?.text.toUpperCase() === "IN") {
      op = "NOT IN";
      i++;
    }
    const isNumber = field.kind === "attribute" && attributes.numbers.includes(field.key);
    const takesList = field.kind === "attribute" && (attributes.lists ?? []).includes(field.key);
    const allowed = isNumber ? NUMBER_OPS : takesList ? [...TEXT_OPS, "IN", "NOT IN"] : TEXT_OPS;
    if (!allowed.includes(op))
      return { ok: false, message: `Invalid comparator '${opToken?.text ?? ""}' not one of '${allowed.join(", ")}'.` };
    let value: string | number | string[];
    if (op === "IN" || op === "NOT IN") {
      if (tokens[i]?.text !== "(") return { ok: false, message: `Expected "(" after ${op}.` };
      i++;
      const items: string[] = [];
      while (i < tokens.length && tokens[i]!.text !== ")") {
        const t = tokens[i++]!;
        if (t.type === "quoted") items.push(t.text);
        else if (!(t.type === "word" && /^,+$/.test(t.text)))
          return { ok: false, message: `Only quoted strings go in the list of ${op} (found "${t.text}").` };
      }
      if (tokens[i++]?.text !== ")" || !items.length)
        return { ok: false, message: `Expected a closed, non-empty list after ${op}.` };
      value = items;
    } else {
      const valueToken = tokens[i++];
      if (!valueToken) return { ok: false, message: `Expected a value after '${op}'.` };
      if (isNumber) {
        if (valueToken.type !== "word" || !Number.isFinite(Number(valueToken.text)))
          return { ok: false, message: `Expected numeric value type for ${field.key}. Found '${valueToken.text}'.` };
        value = Number(valueToken.text);
      } else if (valueToken.type !== "quoted") {
        return {
          ok: false,
          message: `Expected a quoted string value for ${field.key} (e.g. 'my-value'). Got value ${valueToken.text}.`,
        };
      } else value = valueToken.text;
    }
    conditions.push({ field, op, value });
    if (i < tokens.length) {
      if (tokens[i]!.text.toUpperCase() !== "AND")
        return {
          ok: false,
          message: `Invalid clause(s) in filter string: only AND joins comparisons (found "${tokens[i]!.text}").`,
        };
      i++;
      if (i >= tokens.length) return { ok: false, message: "Expected a comparison after AND." };
    }
  }
  return { ok: true, conditions };
}

function compare(actual: string | number, op: string, expected: string | number | string[]): boolean {
  if (Array.isArray(expected)) return expected.includes(String(actual)) === (op === "IN");
  switch (op) {
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case "LIKE":
    case "ILIKE":
      return likeToRegExp(String(expected), op === "ILIKE").test(String(actual));
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
    case ">":
      return actual > expected;
    default:
      return actual >= expected;
  }
}

/** Whether an entity meets every condition; one lacking a tag never meets a condition on it (but see PROMPT_TAG). */
export function entityMeets(entity: FilterEntity, conditions: Condition[]): boolean {
  return conditions.every((c) => {
    if (c.field.kind === "tag") {
      const value = entity.tags[c.field.key] ?? (c.field.key === PROMPT_TAG ? "false" : undefined);
      return value !== undefined && compare(value, c.op, c.value);
    }
    const actual = entity.attributes[c.field.key];
    return actual !== undefined && compare(actual, c.op, c.value);
  });
}

export const EXPERIMENT_FILTER: FilterAttributes = { text: ["name"], numbers: ["creation_time", "last_update_time"] };
export const MODEL_FILTER: FilterAttributes = {
  text: ["name"],
  numbers: ["creation_timestamp", "last_updated_timestamp"],
};
export const VERSION_FILTER: FilterAttributes = {
  text: ["name", "run_id", "source_path"],
  numbers: ["version_number", "creation_timestamp", "last_updated_timestamp"],
  lists: ["run_id"],
};
