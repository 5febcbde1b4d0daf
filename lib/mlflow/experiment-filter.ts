import { tokenizeFilter } from "@/lib/job-filter";
import { likeToRegExp } from "@/lib/mlflow/like";

// experiments/search's filter, as MLflow's SearchExperimentsUtils takes it: `name` (string) and `creation_time`,
// `last_update_time` (milliseconds), bare or after `attribute.`; `tags.<key>` (or `tag.`, keys may be quoted);
// comparisons joined by AND. Strings compare with = != LIKE ILIKE, numbers with = != < <= > >=.

export type ExperimentForFilter = {
  name: string;
  creationTime: number;
  lastUpdateTime: number;
  tags: Record<string, string>;
};

type Condition = {
  field: { kind: "name" | "creation_time" | "last_update_time" } | { kind: "tag"; key: string };
  op: string;
  value: string | number;
};

const STRING_OPS = ["=", "!=", "LIKE", "ILIKE"];
const NUMBER_OPS = ["=", "!=", "<", "<=", ">", ">="];

export function parseExperimentFilter(
  filter: string,
): { ok: true; conditions: Condition[] } | { ok: false; message: string } {
  const text = filter.trim();
  if (!text) return { ok: true, conditions: [] };
  const tokens = tokenizeFilter(text);
  if (typeof tokens === "string") return { ok: false, message: tokens };
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
      else if ((entity === "" || entity === "attribute") && ["name", "creation_time", "last_update_time"].includes(key))
        field = { kind: key as "name" | "creation_time" | "last_update_time" };
    }
    if (!field)
      return {
        ok: false,
        message: `Invalid attribute key '${head.text}' specified. Valid keys are '{'name', 'creation_time', 'last_update_time'}' and tags.<key>.`,
      };
    const opToken = tokens[i++];
    const op = opToken?.text.toUpperCase() ?? "";
    const isNumber = field.kind === "creation_time" || field.kind === "last_update_time";
    const allowed = isNumber ? NUMBER_OPS : STRING_OPS;
    if (!allowed.includes(op))
      return { ok: false, message: `Invalid comparator '${opToken?.text ?? ""}' not one of '${allowed.join(", ")}'.` };
    const valueToken = tokens[i++];
    if (!valueToken) return { ok: false, message: `Expected a value after '${op}'.` };
    let value: string | number = valueToken.text;
    if (isNumber) {
      if (valueToken.type !== "word" || !Number.isFinite(Number(valueToken.text)))
        return { ok: false, message: `Expected numeric value type for ${field.kind}. Found '${valueToken.text}'.` };
      value = Number(valueToken.text);
    } else if (valueToken.type !== "quoted") {
      return {
        ok: false,
        message: `Expected a quoted string value for ${field.kind} (e.g. 'my-value'). Got value ${valueToken.text}.`,
      };
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

function compare(actual: string | number, op: string, expected: string | number): boolean {
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

/** Whether an experiment meets every condition; one lacking a tag never meets a condition on it. */
export function experimentMeets(experiment: ExperimentForFilter, conditions: Condition[]): boolean {
  return conditions.every((c) => {
    if (c.field.kind === "tag") {
      const value = experiment.tags[c.field.key];
      return value !== undefined && compare(value, c.op, c.value);
    }
    const actual =
      c.field.kind === "name"
        ? experiment.name
        : c.field.kind === "creation_time"
          ? experiment.creationTime
          : experiment.lastUpdateTime;
    return compare(actual, c.op, c.value);
  });
}
