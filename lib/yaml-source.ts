import { AppError } from "@/lib/errors";
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type YAMLMap,
} from "yaml";

// Reading Azure ML YAML (components, pipeline jobs) with the line of every key and value, so that each
// problem can be reported as "line 12: …". The parsers walk the YAML tree through this class and
// collect every problem rather than stopping at the first.

/** One problem in a YAML file; `line` is 1-based, null when the problem has no place (a missing key). */
export type YamlProblem = { line: number | null; message: string };

export const MAX_YAML_BYTES = 256 * 1024;
// Anchors and aliases are legal YAML; a handful is normal, thousands are an expansion attack.
const MAX_ALIAS_COUNT = 100;

/** A key of a mapping with its value node (null for `key:` with nothing after it). */
export type YamlEntry = { key: string; keyLine: number | null; value: Node | null; line: number | null };

export type ReadYaml = { ok: true; reader: YamlReader; root: YAMLMap } | { ok: false; errors: YamlProblem[] };

/** Parses a YAML text that must be one mapping (`what` names it in messages: "A component YAML"). */
export function readYamlMapping(
  text: string,
  what: string,
  maxBytes = MAX_YAML_BYTES,
  exampleKeys = '"name:" and "command:"',
): ReadYaml {
  const bytes = byteLength(text, maxBytes);
  if (bytes > maxBytes) {
    return {
      ok: false,
      errors: [
        {
          line: null,
          message: `${what} is at most ${maxBytes / 1024} KiB; this one is ${Math.ceil(bytes / 1024)} KiB.`,
        },
      ],
    };
  }
  if (text.trim() === "") return { ok: false, errors: [{ line: null, message: `${what} is empty.` }] };
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
  const lineAt = (offset: number) => Math.max(1, lines.linePos(offset).line);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ line: lineAt(e.pos[0]), message: syntaxMessage(e.code, e.message) })),
    };
  }
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message =
      error instanceof Error && /alias count/i.test(error.message)
        ? "The YAML uses too many aliases (*name)."
        : `The YAML cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, errors: [{ line: null, message }] };
  }
  const root = doc.contents;
  if (!isMap(root)) {
    const found =
      root === null || (isScalar(root) && root.value === null) ? "nothing" : isSeq(root) ? "a list" : "a single value";
    return {
      ok: false,
      errors: [
        {
          line: root && root.range ? lineAt(root.range[0]) : 1,
          message: `${what} must be a mapping of keys (such as ${exampleKeys}); this one holds ${found}.`,
        },
      ],
    };
  }
  return { ok: true, reader: new YamlReader(doc, lineAt), root };
}

function syntaxMessage(code: string, message: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "A key is given twice in the same mapping (YAML keys must be unique).";
    case "MULTIPLE_DOCS":
      return "The file holds more than one YAML document (separated by ---); give one.";
    case "TAB_AS_INDENT":
      return "YAML does not allow tabs in indentation; use spaces.";
    default:
      return `YAML syntax error: ${message.replace(/\s+/g, " ").trim()}`;
  }
}

function byteLength(text: string, maxBytes: number): number {
  // Cheap bound first: a UTF-16 unit is 1 to 3 UTF-8 bytes.
  if (text.length * 3 <= maxBytes) return text.length;
  return new TextEncoder().encode(text).length;
}

/** Walks a parsed document, resolving aliases, with line numbers; collects errors and warnings. */
export class YamlReader {
  readonly errors: YamlProblem[] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lineAt: (offset: number) => number,
  ) {}

  error(line: number | null, message: string): void {
    this.errors.push({ line, message });
  }

  warn(line: number | null, message: string): void {
    this.warnings.push(line === null ? message : `Line ${line}: ${message}`);
  }

  lineOf(node: Node | null | undefined): number | null {
    return node && node.range ? this.lineAt(node.range[0]) : null;
  }

  /** The node an alias points to; other nodes as they are. */
  resolve(node: Node | null | undefined): Node | null {
    if (!node) return null;
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return node;
  }

  /** The plain JavaScript value of a node (mappings as objects), aliases expanded. */
  toJS(node: Node | null | undefined): unknown {
    const target = this.resolve(node);
    if (!target) return null;
    return target.toJS(this.doc, { maxAliasCount: MAX_ALIAS_COUNT });
  }

  /** The entries of a mapping in order; keys that are not plain values are reported and skipped. */
  entries(map: YAMLMap): YamlEntry[] {
    const out: YamlEntry[] = [];
    for (const pair of map.items) {
      const keyNode = this.resolve(pair.key as Node | null);
      const value = this.resolve(pair.value as Node | null);
      const keyLine = this.lineOf(keyNode);
      if (!isScalar(keyNode) || !isPlain(keyNode.value) || keyNode.value === null) {
        this.error(keyLine ?? this.lineOf(value), "A key must be a plain name.");
        continue;
      }
      out.push({
        key: String(keyNode.value),
        keyLine,
        value: isScalar(value) && value.value === null ? null : value,
        line: this.lineOf(value) ?? keyLine,
      });
    }
    return out;
  }

  /** A mapping's entries by key (the last one wins, though the parser already refuses repeated keys). */
  fields(map: YAMLMap): Map<string, YamlEntry> {
    return new Map(this.entries(map).map((e) => [e.key, e]));
  }

  /** The entries of the mapping under `entry` (none when it is absent or empty; reported when it is not a mapping). */
  entriesUnder(entry: YamlEntry | undefined, what: string): YamlEntry[] {
    if (!entry) return [];
    const map = this.mapping(entry, what);
    return map === null || map === "empty" ? [] : this.entries(map);
  }

  /** A mapping's value as a mapping; a `key:` with nothing after it counts as an empty one. */
  mapping(entry: YamlEntry, what: string): YAMLMap | null | "empty" {
    if (entry.value === null) return "empty";
    if (isMap(entry.value)) return entry.value;
    this.error(entry.line, `${what} must be a mapping (indented "name: value" lines).`);
    return null;
  }

  /** A scalar's value (string, number or boolean), or undefined when the node is not one. */
  scalar(node: Node | null): string | number | boolean | null | undefined {
    if (node === null) return null;
    if (!isScalar(node)) return undefined;
    return isPlain(node.value) ? node.value : undefined;
  }

  /** The text of a scalar as written (`1.10` stays "1.10"); strings as they are. */
  scalarText(node: Node | null): string | undefined {
    if (node === null || !isScalar(node)) return undefined;
    if (typeof node.value === "string") return node.value;
    if (!isPlain(node.value) || node.value === null) return undefined;
    const source = (node as { source?: string }).source;
    return node.type === "PLAIN" && typeof source === "string" ? source : String(node.value);
  }

  /** A string, or a number or boolean written as text; reports anything else. */
  text(entry: YamlEntry, what: string): string | null {
    const value = this.scalarText(entry.value);
    if (value === undefined || entry.value === null) {
      this.error(entry.line, `${what} must be text.`);
      return null;
    }
    return value;
  }

  /** A true/false value; reports anything else. */
  boolean(entry: YamlEntry, what: string): boolean | null {
    const value = this.scalar(entry.value);
    if (typeof value === "boolean") return value;
    this.error(entry.line, `${what} must be true or false.`);
    return null;
  }
}

function isPlain(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** A 422 for a YAML that could not be read: every problem by line in the message, and as `details.errors`. */
export function invalidYaml(path: string, what: string, errors: YamlProblem[]): AppError {
  const lines = errors.map((e) => (e.line === null ? e.message : `line ${e.line}: ${e.message}`));
  return new AppError("invalid", `${path} is not a valid ${what}: ${lines.join("; ")}`, { errors });
}
