// The files of a folder as an upload sends them: paths relative to the folder, with '/', sorted; folders an
// upload never needs (.git, caches, virtual environments) left out.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CliError, EXIT } from "./errors.mjs";

const SKIPPED = new Set([".git", "__pycache__", "node_modules", ".venv", ".ipynb_checkpoints"]);

export function folderFiles(folder) {
  const out = [];
  const walk = (relative) => {
    for (const entry of readdirSync(join(folder, relative), { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  walk("");
  return out.sort();
}

/** A file or a folder to upload: each file with the name it is sent under (a folder's own name in front). */
export function uploadEntries(path) {
  if (!statSync(path).isDirectory()) return [{ path: basename(path), file: path }];
  return folderFiles(path).map((p) => ({ path: `${basename(path)}/${p}`, file: join(path, p) }));
}

/** A YAML's folder as a multipart form (the YAML named by the field `field`), as the studio takes components and jobs. */
export function yamlFolderForm(file, field) {
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new CliError(`${file} is not a file.`, EXIT.usage);
  const folder = dirname(file);
  const form = new FormData();
  form.set(field, basename(file));
  for (const path of folderFiles(folder)) form.append("files", new Blob([readFileSync(join(folder, path))]), path);
  return form;
}
