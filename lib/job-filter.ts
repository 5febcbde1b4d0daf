// Parses the jobs page's filter, close to MLflow's search syntax so an MLflow-compatible API can reuse
// it: conditions joined by `and` (case-insensitive), each `<field> <op> <value>`:
//   metrics.accuracy > 0.9        the metric's last value (min(metrics.loss) and max(…) also work)
//   params.lr = 0.01              params and tags compare as text: = != and LIKE (with % wildcards)
//   tags.team = vision            values may be quoted: tags.owner = "Ada Admin"
//   attributes.status = running   status, display_name, experiment, created_by, compute, run_id, and start_time
//                                 and end_time in epoch milliseconds; MLflow's names (run_name, user_id, created)
//                                 work too, and an attribute may stand without "attributes."
// Names with spaces or dots go in backticks or double quotes: metrics.`f1 score` > 0.5, tags."mlflow.user" = 'ada'.
// Text also compares with ILIKE (LIKE ignoring case; LIKE itself heeds case), and attributes with
// IN ('a', 'b') and NOT IN (…), as MLflow's runs/search reads them.

export type JobFilterField =
  | { kind: "metric"; key: string; aggregate: "last" | "min" | "max" }
  | { kind: "param" | "tag"; key: string }
  | { kind: "attribute"; key: JobAttribute };

export const JOB_ATTRIBUTES = [
  "status",
  "display_name",
  "experiment",
  "created_by",
  "compute",
  "run_id",
  "start_time",
  "end_time",
] as const;
export type JobAttribute = (typeof JOB_ATTRIBUTES)[number];
/** Attributes holding instants, compared as epoch milliseconds. */
export const TIME_ATTRIBUTES: readonly JobAttribute[] = ["start_time", "end_time"];
/** MLflow's names for the same attributes. */
const ATTRIBUTE_ALIASES: Record<string, JobAttribute> = {
  run_name: "display_name",
  "run name": "display_name",
  user_id: "created_by",
  created: "start_time",
};

export const NUMERIC_OPERATORS = ["=", "!=", ">", ">=", "<", "<="] as const;
export const TEXT_OPERATORS = ["=", "!=", "LIKE", "ILIKE"] as const;
export const LIST_OPERATORS = ["IN", "NOT IN"] as const;
export type JobFilterOperator = (typeof NUMERIC_OPERATORS)[number] | "LIKE" | "ILIKE" | (typeof LIST_OPERATORS)[number];

export type JobFilterCondition = { field: JobFilterField; op: JobFilterOperator; value: string | number | string[] };
export type JobFilterResult = { ok: true; conditions: JobFilterCondition[] } | { ok: false; message: string };

export const MAX_JOB_FILTER_CONDITIONS = 20;
const MAX_FILTER_LENGTH = 4000;

export type FilterToken = { type: "word" | "quoted" | "backticked" | "op" | "paren"; text: string; at: number };

export function tokenizeFilter(input: string): FilterToken[] | string {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'" || c === "`") {
      const end = input.indexOf(c, i + 1);
      if (end === -1) return `Unclosed ${c} at position ${i + 1}.`;
      tokens.push({ type: c === "`" ? "backticked" : "quoted", text: input.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (c === "(" || c === ")") {
      tokens.push({ type: "paren", text: c, at: i });
      i++;
    } else if (/[=!<>]/.test(c)) {
      const two = input.slice(i, i + 2);
      const op = ["!=", ">=", "<=", "=="].includes(two) ? two : c;
      if (op === "!") return `Unknown operator "!" at position ${i + 1}; use != for "not equal".`;
      tokens.push({ type: "op", text: op === "==" ? "=" : op, at: i });
      i += op.length;
    } else {
      // A word runs to the next space, quote, operator or parenthesis: metrics.val.loss, 0.01, 1.2.3.
      let j = i;
      while (j < input.length && !/[\s"'`=!<>()]/.test(input[j])) j++;
      tokens.push({ type: "word", text: input.slice(i, j), at: i });
      i = j;
    }
  }
  return tokens;
}

const FIELD_KINDS: Record<string, "metric" | "param" | "tag" | "attribute"> = {
  metric: "metric",
  metrics: "metric",
  param: "param",
  params: "param",
  parameter: "param",
  parameters: "param",
  tag: "tag",
  tags: "tag",
  attribute: "attribute",
  attributes: "attribute",
  attr: "attribute",
  run: "attribute",
};

function attributeOf(name: string): JobAttribute | null {
  const lower = name.toLowerCase();
  if ((JOB_ATTRIBUTES as readonly string[]).includes(lower)) return lower as JobAttribute;
  return ATTRIBUTE_ALIASES[lower] ?? null;
}

export function parseJobFilter(input: string | null | undefined): JobFilterResult {
  const text = (input ?? "").trim();
  if (text === "") return { ok: true, conditions: [] };
  if (text.length > MAX_FILTER_LENGTH)
    return { ok: false, message: `The filter is longer than ${MAX_FILTER_LENGTH} characters.` };
  const tokens = tokenizeFilter(text);
  if (typeof tokens === "string") return { ok: false, message: tokens };

  const conditions: JobFilterCondition[] = [];
  let i = 0;
  const at = (t: FilterToken | undefined) => (t ? `position ${t.at + 1}` : "the end");
  while (i < tokens.length) {
    // field: [min|max (] kind . key [)]
    let aggregate: "last" | "min" | "max" = "last";
    let isWrapped = false;
    if (tokens[i]?.type === "word" && /^(min|max)$/i.test(tokens[i].text) && tokens[i + 1]?.text === "(") {
      aggregate = tokens[i].text.toLowerCase() as "min" | "max";
      isWrapped = true;
      i += 2;
    }
    // A field is one word, kind.name (the name may hold dots), or kind. followed by a `backticked` or "quoted"
    // name; a bare attribute's name stands alone.
    const fieldToken = tokens[i];
    const dot = fieldToken?.type === "word" ? fieldToken.text.indexOf(".") : -1;
    const kindText = fieldToken?.type === "word" ? fieldToken.text.slice(0, dot === -1 ? undefined : dot) : "";
    const bare = fieldToken && dot === -1 && !isWrapped ? attributeOf(fieldToken.text) : null;
    const kind = bare ? "attribute" : FIELD_KINDS[kindText.toLowerCase()];
    if (!fieldToken || !kind) {
      return {
        ok: false,
        message: `Expected metrics.<name>, params.<name>, tags.<name> or attributes.<name> at ${at(fieldToken)}${fieldToken ? ` (found "${fieldToken.text}")` : ""}.`,
      };
    }
    if (dot === -1 && !bare) return { ok: false, message: `Expected "." after "${kindText}" at ${at(fieldToken)}.` };
    let key = bare ? fieldToken.text : fieldToken.text.slice(dot + 1);
    i++;
    if (!bare && key === "" && (tokens[i]?.type === "backticked" || tokens[i]?.type === "quoted")) {
      key = tokens[i].text;
      i++;
    }
    if (key === "") return { ok: false, message: `Expected a name after "${kindText}." at ${at(tokens[i])}.` };
    if (isWrapped) {
      if (kind !== "metric") return { ok: false, message: `${aggregate}(…) applies to metrics only.` };
      if (tokens[i]?.text !== ")") return { ok: false, message: `Expected ")" at ${at(tokens[i])}.` };
      i++;
    }
    let field: JobFilterField;
    if (kind === "metric") field = { kind, key, aggregate };
    else if (kind === "attribute") {
      const attribute = attributeOf(key);
      if (!attribute)
        return { ok: false, message: `Unknown attribute "${key}"; use one of ${JOB_ATTRIBUTES.join(", ")}.` };
      field = { kind, key: attribute };
    } else field = { kind, key };
    const isNumeric = kind === "metric" || (field.kind === "attribute" && TIME_ATTRIBUTES.includes(field.key));

    // operator
    const opToken = tokens[i];
    const word = opToken?.type === "word" ? opToken.text.toUpperCase() : "";
    let op: string | null =
      opToken?.type === "op" ? opToken.text : ["LIKE", "ILIKE", "IN"].includes(word) ? word : null;
    if (word === "NOT" && tokens[i + 1]?.type === "word" && tokens[i + 1].text.toUpperCase() === "IN") {
      op = "NOT IN";
      i++;
    }
    if (!op)
      return {
        ok: false,
        message: `Expected an operator (= != > >= < <= LIKE ILIKE IN) after "${key}" at ${at(opToken)}.`,
      };
    const allowed: readonly string[] = isNumeric
      ? NUMERIC_OPERATORS
      : kind === "attribute"
        ? [...TEXT_OPERATORS, ...LIST_OPERATORS]
        : TEXT_OPERATORS;
    if (!allowed.includes(op)) {
      return {
        ok: false,
        message: `"${op}" does not apply to ${kind === "metric" ? "metrics" : isNumeric ? key : `${kind}s`}; use ${allowed.join(" ")}.`,
      };
    }
    i++;

    // value: a number, a word or quoted text, or for IN a parenthesised list
    let value: string | number | string[];
    if (op === "IN" || op === "NOT IN") {
      if (tokens[i]?.text !== "(") return { ok: false, message: `Expected "(" after ${op} at ${at(tokens[i])}.` };
      i++;
      const items: string[] = [];
      while (i < tokens.length && tokens[i].text !== ")") {
        const t = tokens[i];
        if (t.type === "quoted") items.push(t.text);
        else if (t.type === "word") items.push(...t.text.split(",").filter(Boolean));
        else return { ok: false, message: `Expected a value in the list at ${at(t)}.` };
        i++;
      }
      if (tokens[i]?.text !== ")") return { ok: false, message: `Expected ")" to close the list of ${op}.` };
      if (!items.length) return { ok: false, message: `The list of ${op} is empty.` };
      i++;
      value = items;
    } else {
      const valueToken = tokens[i];
      if (!valueToken || !["word", "quoted"].includes(valueToken.type))
        return { ok: false, message: `Expected a value after "${op}" at ${at(valueToken)}.` };
      value = valueToken.text;
      if (isNumeric) {
        const number = valueToken.type === "word" ? Number(valueToken.text) : NaN;
        if (!Number.isFinite(number))
          return {
            ok: false,
            message: `${kind === "metric" ? "Metrics" : key} compare with numbers; "${valueToken.text}" is not one.`,
          };
        value = number;
      }
      i++;
    }
    conditions.push({ field, op: op as JobFilterOperator, value });

    // and
    if (i < tokens.length) {
      if (!(tokens[i].type === "word" && /^and$/i.test(tokens[i].text))) {
        return {
          ok: false,
          message: `Expected "and" between conditions at ${at(tokens[i])} (found "${tokens[i].text}"); "or" is not supported.`,
        };
      }
      i++;
      if (i >= tokens.length) return { ok: false, message: `Expected a condition after "and".` };
    }
    if (conditions.length > MAX_JOB_FILTER_CONDITIONS)
      return { ok: false, message: `At most ${MAX_JOB_FILTER_CONDITIONS} conditions.` };
  }
  return { ok: true, conditions };
}
