// A light structural check of a conda environment file. The studio has no YAML parser, so this does not
// parse YAML: it catches the mistakes that make conda refuse a file (tabs in the indentation, a document
// that is not a mapping of top-level keys, no `dependencies`) and keeps the text exactly as given.

export type CondaCheck = { ok: true } | { ok: false; message: string };

const TOP_LEVEL_KEY = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*:(\s|$)/;

export function checkCondaYaml(text: string): CondaCheck {
  if (text.trim() === "") return { ok: false, message: "The conda file is empty." };
  const keys = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const n = i + 1;
    if (/^\s*#/.test(line) || line.trim() === "" || line.trim() === "---") continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.includes("\t")) return { ok: false, message: `Line ${n}: YAML does not allow tabs in indentation.` };
    if (indent.length > 0) continue;
    const match = TOP_LEVEL_KEY.exec(line);
    if (!match) {
      return {
        ok: false,
        message: `Line ${n}: expected a top-level key such as "name:", "channels:" or "dependencies:" (a conda file is a mapping).`,
      };
    }
    if (keys.has(match[1])) return { ok: false, message: `Line ${n}: the key "${match[1]}" is given twice.` };
    keys.add(match[1]);
  }
  if (!keys.has("dependencies")) return { ok: false, message: 'The conda file has no top-level "dependencies:" key.' };
  return { ok: true };
}
