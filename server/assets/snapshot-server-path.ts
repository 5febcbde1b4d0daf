import "server-only";
import { constants } from "node:fs";
import { lstat, open, readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { AppError, invalid } from "@/lib/errors";
import { MAX_FILES_PER_VERSION } from "@/lib/file-paths";
import { createDataFromPathSchema, type CreateDataFromPathInput } from "@/lib/schemas/assets";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { artifactStore, tooLarge, type ByteBudget } from "@/server/artifacts/store";
import { env } from "@/server/env";
import { requireScope } from "@/server/scopes/scope-access";
import { createDataVersion } from "@/server/assets/create-data-version";
import type { StoredAssetFile } from "@/server/assets/insert-asset-version";
import type { DataVersionDto } from "@/server/assets/asset-dto";

// Data assets from a path the server can read, inside STUDIO_DATA_ROOTS only. Every path is judged by
// where it really is (realpath: symlinks followed), never by how it is spelled, and every file found
// while walking a folder is judged again, so a symlink inside an allowed folder cannot lead outside it.
// The bytes are copied into the artifact store (a snapshot): later changes to the files do not change
// the version.

export type AllowedFile = { path: string; realPath: string; size: number };

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

async function allowedRoots(roots: string[]): Promise<string[]> {
  const resolved: string[] = [];
  for (const root of roots) {
    try {
      resolved.push(await realpath(root));
    } catch {
      // A configured root that does not exist allows nothing.
    }
  }
  return resolved;
}

/**
 * Lists the files under `input` (a file or a folder) after checking that it, and everything it leads to,
 * lies inside one of `roots`. Stops at the file count and byte caps. Throws `forbidden` for anything
 * outside, `invalid` for malformed paths, `not_found` when nothing is there.
 */
export async function listAllowedFiles(
  input: string,
  roots: string[] = env.STUDIO_DATA_ROOTS,
  limits: { maxFiles: number; maxBytes: number } = {
    maxFiles: MAX_FILES_PER_VERSION,
    maxBytes: env.STUDIO_MAX_UPLOAD_BYTES,
  },
): Promise<{ kind: "file" | "folder"; files: AllowedFile[] }> {
  if (roots.length === 0) {
    throw new AppError(
      "forbidden",
      "Creating data assets from server paths is turned off: the administrator has not set STUDIO_DATA_ROOTS. Upload the files instead.",
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(input)) throw invalid("The path contains control characters.", { field: "path" });
  if (!isAbsolute(input)) throw invalid("Give an absolute path on the server.", { field: "path" });
  if (input.split(/[\\/]/).includes("..")) throw invalid("The path may not contain '..'.", { field: "path" });
  const realRoots = await allowedRoots(roots);
  let real: string;
  try {
    real = await realpath(input);
  } catch {
    // Same answer whether the path is missing or outside: the caller learns nothing about other folders.
    if (!realRoots.some((r) => isInside(r, input))) throw outside(input);
    throw new AppError("not_found", `Nothing exists at "${input}".`);
  }
  const root = realRoots.find((r) => isInside(r, real));
  if (!root) throw outside(input);

  const top = await stat(real);
  if (top.isFile()) {
    if (top.size > limits.maxBytes) throw tooLarge(limits.maxBytes);
    return { kind: "file", files: [{ path: real.split(sep).at(-1)!, realPath: real, size: top.size }] };
  }
  if (!top.isDirectory()) throw invalid(`"${input}" is neither a file nor a folder.`, { field: "path" });

  const files: AllowedFile[] = [];
  let bytes = 0;
  const visited = new Set<string>([real]);
  const walk = async (dir: string, prefix: string) => {
    const entries = (await readdir(dir)).sort();
    for (const entry of entries) {
      const full = join(dir, entry);
      const info = await lstat(full);
      let target = full;
      let targetInfo = info;
      if (info.isSymbolicLink()) {
        try {
          target = await realpath(full);
        } catch {
          throw invalid(`"${prefix}${entry}" is a broken symbolic link.`, { field: "path" });
        }
        if (!realRoots.some((r) => isInside(r, target))) {
          throw new AppError(
            "forbidden",
            `"${prefix}${entry}" is a symbolic link to a place outside the allowed data folders.`,
          );
        }
        targetInfo = await stat(target);
      }
      if (targetInfo.isDirectory()) {
        if (visited.has(target)) continue; // a link back up the tree: each folder is read once
        visited.add(target);
        await walk(target, `${prefix}${entry}/`);
      } else if (targetInfo.isFile()) {
        files.push({ path: `${prefix}${entry}`, realPath: target, size: targetInfo.size });
        bytes += targetInfo.size;
        if (files.length > limits.maxFiles)
          throw invalid(`The folder holds more than ${limits.maxFiles} files.`, { field: "path" });
        if (bytes > limits.maxBytes) throw tooLarge(limits.maxBytes);
      }
      // Sockets, devices and pipes are skipped: they are not data files.
    }
  };
  await walk(real, "");
  if (files.length === 0) throw invalid(`The folder "${input}" holds no files.`, { field: "path" });
  return { kind: "folder", files };
}

function outside(input: string): AppError {
  return new AppError("forbidden", `"${input}" is not inside an allowed data folder (STUDIO_DATA_ROOTS).`);
}

/** Copies the files into the artifact store; a file that grows past the budget while read stops the copy. */
async function snapshot(files: AllowedFile[], maxBytes: number): Promise<StoredAssetFile[]> {
  const budget: ByteBudget = { remaining: maxBytes, limit: maxBytes };
  const stored: StoredAssetFile[] = [];
  for (const file of files) {
    // O_NOFOLLOW: if the file was swapped for a symlink after the check, the open fails.
    const handle = await open(file.realPath, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const blob = await artifactStore.put(handle.createReadStream({ autoClose: false }), { budget });
      stored.push({ path: file.path, ...blob });
    } finally {
      await handle.close();
    }
  }
  return stored;
}

/**
 * Creates the next version of a data asset from a server path inside STUDIO_DATA_ROOTS: the files are
 * copied into the artifact store and the original path is recorded. A single file makes a `file` asset
 * unless the input says `table`; a folder makes a `folder` asset unless the input says `table`.
 */
export async function createDataVersionFromPath(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  input: CreateDataFromPathInput,
): Promise<DataVersionDto> {
  const data = createDataFromPathSchema.parse(input);
  await requireScope(actor, scopeRef, "write");
  const found = await listAllowedFiles(data.path);
  const type = data.type ?? found.kind;
  const files = await snapshot(found.files, env.STUDIO_MAX_UPLOAD_BYTES);
  return createDataVersion(
    actor,
    scopeRef,
    { name, type, description: data.description, tags: data.tags },
    files,
    data.path,
  );
}
