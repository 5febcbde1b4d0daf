// The files of a folder as an upload sends them: paths relative to the folder, with '/', sorted; folders an
// upload never needs (.git, caches, virtual environments) left out.
import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";

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
