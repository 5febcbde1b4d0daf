import { isMap, isSeq, type Node } from "yaml";
import { readYamlMapping, type YamlReader } from "@/lib/yaml-source";

// A conda environment file, read as YAML (conda's own reader): a mapping with `dependencies`, a list of conda
// package specs and at most one `pip:` list. Lists may sit under their key or at its indentation (the style
// MLflow writes). The text is kept exactly as given; this says whether conda could read it and what it asks for.

export type CondaCheck = { ok: true } | { ok: false; message: string };

export type CondaDependencies = {
  /** The Python version asked for (`python=3.12`, `python==3.11.4`, `python>=3.10`): the spec after "python". */
  python: string | null;
  /** Conda packages other than python and pip itself. */
  conda: string[];
  /** The `pip:` section's requirement lines. */
  pip: string[];
  channels: string[];
};

export const MAX_CONDA_BYTES = 64 * 1024;

export function checkCondaYaml(text: string): CondaCheck {
  const read = readConda(text);
  return read.ok ? { ok: true } : { ok: false, message: read.message };
}

/** What a conda file asks for, or why conda could not read it (with the line). */
export function readCondaYaml(text: string): ({ ok: true } & CondaDependencies) | { ok: false; message: string } {
  return readConda(text);
}

function readConda(text: string): ({ ok: true } & CondaDependencies) | { ok: false; message: string } {
  const read = readYamlMapping(text, "A conda file", MAX_CONDA_BYTES, '"name:", "channels:" and "dependencies:"');
  if (!read.ok) return { ok: false, message: messageOf(read.errors[0]!) };
  const { reader, root } = read;
  const fields = reader.fields(root);
  const out: CondaDependencies = { python: null, conda: [], pip: [], channels: [] };
  const channels = fields.get("channels");
  if (channels) out.channels = stringList(reader, channels.value, channels.line, "channels");
  const dependencies = fields.get("dependencies");
  if (!dependencies) reader.error(null, 'The conda file has no top-level "dependencies:" key.');
  else if (dependencies.value !== null && !isSeq(dependencies.value))
    reader.error(dependencies.line, '"dependencies" must be a list ("- python=3.11" lines).');
  else {
    let pipSections = 0;
    for (const item of dependencies.value?.items ?? []) {
      const node = reader.resolve(item as Node);
      if (isMap(node)) {
        const entries = reader.entries(node);
        const pip = entries.find((e) => e.key === "pip");
        if (!pip || entries.length !== 1) {
          reader.error(reader.lineOf(node), 'A mapping in "dependencies" may only be "pip:" with its list.');
          continue;
        }
        if (++pipSections > 1) reader.error(pip.keyLine, 'The "pip:" section is given twice.');
        out.pip.push(...stringList(reader, pip.value, pip.line, "pip"));
        continue;
      }
      const spec = reader.scalarText(node);
      if (spec === undefined || spec.trim() === "") {
        reader.error(reader.lineOf(node), 'Each dependency is a package spec such as "numpy=1.26" or a "pip:" list.');
        continue;
      }
      const python = /^python(?:\s*([=<>!~]{0,2})\s*(\d\S*))?$/.exec(spec.trim());
      if (python) out.python = python[2] ? `${python[1] || "="}${python[2]}` : null;
      else if (!/^pip(\s*[=<>!~].*)?$/.test(spec.trim())) out.conda.push(spec.trim());
    }
  }
  if (reader.errors.length) return { ok: false, message: messageOf(reader.errors[0]!) };
  return { ok: true, ...out };
}

function stringList(reader: YamlReader, value: Node | null, line: number | null, what: string): string[] {
  if (value === null) return [];
  if (!isSeq(value)) {
    reader.error(line, `"${what}" must be a list.`);
    return [];
  }
  const out: string[] = [];
  for (const item of value.items) {
    const text = reader.scalarText(reader.resolve(item as Node));
    if (text === undefined) reader.error(reader.lineOf(item as Node), `Each entry of "${what}" must be text.`);
    else out.push(text);
  }
  return out;
}

function messageOf(problem: { line: number | null; message: string }): string {
  return problem.line === null ? problem.message : `Line ${problem.line}: ${problem.message}`;
}
