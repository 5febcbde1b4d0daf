// Parses the jobs page's filter, close to MLflow's search syntax so an MLflow-compatible API can reuse
// it: conditions joined by `and` (case-insensitive), each `<field> <op> <value>`:
//   metrics.accuracy > 0.9        the metric's last value (min(metrics.loss) and max(…) also work)
//   params.lr = 0.01              params and tags compare as text: = != and LIKE (with % wildcards)
//   tags.team = vision            values may be quoted: tags.owner = "Ada Admin"
//   attributes.status = running   status, display_name, experiment, created_by, compute
// Names with spaces or dots go in backticks: metrics.`f1 score` > 0.5.

export type JobFilterField =
  | { kind: "metric"; key: string; aggregate: "last" | "min" | "max" }
  | { kind: "param" | "tag"; key: string }
  | { kind: "attribute"; key: JobAttribute };

export const JOB_ATTRIBUTES = ["status", "display_name", "experiment", "created_by", "compute"] as const;
export type JobAttribute = (typeof JOB_ATTRIBUTES)[number];

export const NUMERIC_OPERATORS = ["=", "!=", ">", ">=", "<", "<="] as const;
export const TEXT_OPERATORS = ["=", "!=", "LIKE"] as const;
export type JobFilterOperator = (typeof NUMERIC_OPERATORS)[number] | "LIKE";

export type JobFilterCondition = { field: JobFilterField; op: JobFilterOperator; value: string | number };
export type JobFilterResult = { ok: true; conditions: JobFilterCondition[] } | { ok: false; message: string };

export const MAX_JOB_FILTER_CONDITIONS = 20;
const MAX_FILTER_LENGTH = 4000;

type Token = { type: "word" | "quoted" | "backticked" | "op" | "paren"; text: string; at: number };

function tokenize(input: string): Token[] | string {
  const tokens: Token[] = [];
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
  tag: "tag",
  tags: "tag",
  attribute: "attribute",
  attributes: "attribute",
};

export function parseJobFilter(input: string | null | undefined): JobFilterResult {
  const text = (input ?? "").trim();
  if (text === "") return { ok: true, conditions: [] };
  if (text.length > MAX_FILTER_LENGTH)
    return { ok: false, message: `The filter is longer than ${MAX_FILTER_LENGTH} characters.` };
  const tokens = tokenize(text);
  if (typeof tokens === "string") return { ok: false, message: tokens };

  const conditions: JobFilterCondition[] = [];
  let i = 0;
  const at = (t: Token | undefined) => (t ? `position ${t.at + 1}` : "the end");
  while (i < tokens.length) {
    // field: [min|max (] kind . key [)]
    let aggregate: "last" | "min" | "max" = "last";
    let isWrapped = false;
    if (tokens[i]?.type === "word" && /^(min|max)$/i.test(tokens[i].text) && tokens[i + 1]?.text === "(") {
      aggregate = tokens[i].text.toLowerCase() as "min" | "max";
      isWrapped = true;
      i += 2;
    }
    // A field is one word, kind.name (the name may hold dots), or kind. followed by a `backticked name`.
    const fieldToken = tokens[i];
    const dot = fieldToken?.type === "word" ? fieldToken.text.indexOf(".") : -1;
    const kindText = fieldToken?.type === "word" ? fieldToken.text.slice(0, dot === -1 ? undefined : dot) : "";
    const kind = FIELD_KINDS[kindText.toLowerCase()];
    if (!fieldToken || !kind) {
      return {
        ok: false,
        message: `Expected metrics.<name>, params.<name>, tags.<name> or attributes.<name> at ${at(fieldToken)}${fieldToken ? ` (found "${fieldToken.text}")` : ""}.`,
      };
    }
    if (dot === -1) return { ok: false, message: `Expected "." after "${kindText}" at ${at(fieldToken)}.` };
    let key = fieldToken.text.slice(dot + 1);
    i++;
    if (key === "" && tokens[i]?.type === "backticked") {
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
      if (!(JOB_ATTRIBUTES as readonly string[]).includes(key))
        return { ok: false, message: `Unknown attribute "${key}"; use one of ${JOB_ATTRIBUTES.join(", ")}.` };
      field = { kind, key: key as JobAttribute };
    } else field = { kind, key };

    // operator
    const opToken = tokens[i];
    const op =
      opToken?.type === "op" ? opToken.text : opToken?.type === "word" && /^like$/i.test(opToken.text) ? "LIKE" : null;
    if (!op)
      return { ok: false, message: `Expected an operator (= != > >= < <= LIKE) after "${key}" at ${at(opToken)}.` };
    const allowed: readonly string[] = kind === "metric" ? NUMERIC_OPERATORS : TEXT_OPERATORS;
    if (!allowed.includes(op)) {
      return {
        ok: false,
        message: `"${op}" does not apply to ${kind === "metric" ? "metrics" : `${kind}s`}; use ${allowed.join(" ")}.`,
      };
    }
    i++;

    // value
    const valueToken = tokens[i];
    if (!valueToken || !["word", "quoted"].includes(valueToken.type))
      return { ok: false, message: `Expected a value after "${op}" at ${at(valueToken)}.` };
    let value: string | number = valueToken.text;
    if (kind === "metric") {
      const number = valueToken.type === "word" ? Number(valueToken.text) : NaN;
      if (!Number.isFinite(number))
        return { ok: false, message: `Metrics compare with numbers; "${valueToken.text}" is not one.` };
      value = number;
    }
    i++;
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
