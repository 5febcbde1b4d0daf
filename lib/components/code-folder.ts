import "server-only";
import { posix } from "node:path";
import { invalid } from "@/lib/errors";

/**
 * The folder a component's `code:` names, relative to the uploaded folder's root: "." for the root itself and
 * never with a trailing "/" (Azure ML's samples write `code: ./src/` and `code: ./`). Null when it leaves the
 * upload.
 */
export function codeFolderOf(yamlPath: string, code: string): string | null {
  if (posix.isAbsolute(code)) return null;
  const folder = posix.normalize(posix.join(posix.dirname(yamlPath), code)).replace(/\/+$/, "") || ".";
  if (folder === ".." || folder.startsWith("../") || posix.isAbsolute(folder)) return null;
  return folder;
}

/** A path inside the code folder, as it is seen from the upload's root. */
export function pathInFolder(folder: string, path: string): string {
  return folder === "." ? path : `${folder}/${path}`;
}

/** The prefix that paths inside the folder start with ("" for the root). */
export function folderPrefix(folder: string): string {
  return folder === "." ? "" : `${folder}/`;
}

/** A file the YAML names relative to itself (`conda_file: ./conda.yml`), as a path from the upload's root. */
export function relativeFileOf(yamlPath: string, file: string): string | null {
  if (posix.isAbsolute(file)) return null;
  const path = posix.normalize(posix.join(posix.dirname(yamlPath), file));
  if (path === "." || path === ".." || path.startsWith("../") || path.endsWith("/")) return null;
  return path;
}

/**
 * The uploaded files under the folder a YAML's `code:` names, with paths relative to it; none when it names
 * no code. A folder outside the upload, or one with no files, is a 422.
 */
export function filesInCodeFolder<File extends { path: string }>(
  code: string | null,
  yamlPath: string,
  uploaded: File[],
): File[] {
  if (code === null) return [];
  const folder = codeFolderOf(yamlPath, code);
  if (folder === null) throw invalid(`The code folder "${code}" is outside the uploaded folder.`);
  const prefix = folderPrefix(folder);
  const files = uploaded
    .filter((f) => f.path.startsWith(prefix) && f.path !== yamlPath)
    .map((f) => ({ ...f, path: f.path.slice(prefix.length) }));
  if (!files.length)
    throw invalid(
      `The YAML names the code folder "${code}", but the upload has no files in it; upload the folder that holds the YAML and its code.`,
    );
  return files;
}
