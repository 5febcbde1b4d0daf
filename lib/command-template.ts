// Turns a job's command with ${{inputs.x}} / ${{outputs.y}} placeholders into the shell command the
// runner executes. Every substituted value is single-quoted, so a path or literal with spaces, quotes
// or `$(...)` stays one argument and runs nothing.
//
// Azure ML's optional parts are understood too: in `python train.py $[[--lr ${{inputs.lr}}]]` the part
// between `$[[` and `]]` is kept (without the brackets) when every input inside it has a value, and
// dropped when one has none, so an optional input can be left out of the command line.

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const PLACEHOLDER = /\$\{\{\s*(inputs|outputs)\.([A-Za-z0-9_]+)\s*\}\}/g;
const OPEN = "$[[";
const CLOSE = "]]";

/** A stretch of a command: plain, or an optional `$[[ … ]]` part (its text without the brackets). */
export type CommandPart = { optional: boolean; text: string };

/**
 * Splits a command into plain and optional parts. An optional part ends at the first `]]` after its
 * `$[[` (as in Azure); one that is never closed, or that opens another inside it, is refused.
 */
export function splitOptionalParts(
  command: string,
): { ok: true; parts: CommandPart[] } | { ok: false; message: string } {
  const parts: CommandPart[] = [];
  let at = 0;
  while (at < command.length) {
    const open = command.indexOf(OPEN, at);
    if (open === -1) {
      parts.push({ optional: false, text: command.slice(at) });
      break;
    }
    if (open > at) parts.push({ optional: false, text: command.slice(at, open) });
    const close = command.indexOf(CLOSE, open + OPEN.length);
    const nested = command.indexOf(OPEN, open + OPEN.length);
    if (close === -1)
      return {
        ok: false,
        message: `The optional part "${excerpt(command.slice(open))}" opens with $[[ but never closes with ]].`,
      };
    if (nested !== -1 && nested < close)
      return {
        ok: false,
        message: `The optional part "${excerpt(command.slice(open, close + CLOSE.length))}" holds another $[[: optional parts cannot be nested.`,
      };
    parts.push({ optional: true, text: command.slice(open + OPEN.length, close) });
    at = close + CLOSE.length;
  }
  return { ok: true, parts };
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The ${{inputs.x}} and ${{outputs.y}} placeholders of a text, in order of appearance. */
export function placeholdersIn(text: string): { kind: "inputs" | "outputs"; name: string }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ kind: m[1] as "inputs" | "outputs", name: m[2] }));
}

// Own keys only: an input named "constructor" has no value unless one is given.
function valueOf(values: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

function substitute(text: string, inputs: Record<string, string>, outputs: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, kind: string, name: string) => {
    const value = valueOf(kind === "inputs" ? inputs : outputs, name);
    if (value === undefined)
      throw new Error(`No ${kind === "inputs" ? "input" : "output"} named "${name}" (${whole}).`);
    return shellQuote(value);
  });
}

/**
 * The shell command for the given input and output values (inputs without a value are absent from
 * `inputs`). Throws when a placeholder outside an optional part has no value, or when an optional part
 * is malformed.
 */
export function renderCommand(
  command: string,
  inputs: Record<string, string>,
  outputs: Record<string, string>,
): string {
  const split = splitOptionalParts(command);
  if (!split.ok) throw new Error(split.message);
  return split.parts
    .map((part) => {
      if (
        part.optional &&
        placeholdersIn(part.text).some((p) => p.kind === "inputs" && valueOf(inputs, p.name) === undefined)
      )
        return "";
      return substitute(part.text, inputs, outputs);
    })
    .join("");
}

/** The program a command starts with, for messages ("train.py" in `python train.py` is not it). */
export function firstProgram(command: string): string {
  const match = /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*([^\s;&|()<>]+)/.exec(command);
  return match ? match[1] : (command.trim().split(/\s+/)[0] ?? "");
}

/** Environment variable names for inputs and outputs: STUDIO_INPUT_TRAIN_DATA for "train_data". */
export function ioVariable(kind: "input" | "output", name: string): string {
  return `STUDIO_${kind.toUpperCase()}_${name.toUpperCase()}`;
}
