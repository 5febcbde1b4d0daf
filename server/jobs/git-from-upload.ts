import "server-only";
import { buffer } from "node:stream/consumers";
import { readGit, type GitInfo } from "@/lib/git/read-git";
import { artifactStore } from "@/server/artifacts/store";

// Code uploaded with its `.git` folder says where it came from, the way MLflow records a script's repository:
// the branch and commit of HEAD, the origin remote's URL (credentials stripped) and whether tracked files
// differ from the index (untracked files do not count, as in MLflow). The folder itself is not kept in the
// job's snapshot: it is history, not code, and can be far larger than the code.

type File = { path: string; size: number; sha256: string };

/** The `.git` folder of an upload: at its root, or at the root of the one folder the upload holds. */
function gitPrefix(files: readonly File[]): string | null {
  for (const f of files) {
    const match = /^(?:([^/]+)\/)?\.git\/HEAD$/.exec(f.path);
    if (match) return match[1] ? `${match[1]}/` : "";
  }
  return null;
}

/** Splits an upload into its code and, when it carries a `.git` folder, what that folder says. */
export async function gitFromUpload(files: File[]): Promise<{ code: File[]; git: GitInfo | null }> {
  const prefix = gitPrefix(files);
  const inGit = (p: string) => /^(?:[^/]+\/)?\.git\//.test(p);
  const code = files.filter((f) => !inGit(f.path));
  if (prefix === null) return { code, git: null };
  const byPath = new Map(files.map((f) => [f.path, f]));
  const read = async (path: string) => {
    const file = byPath.get(path);
    return file ? buffer(await artifactStore.open(file.sha256)) : null;
  };
  const git = await readGit(
    (p) => read(`${prefix}.git/${p}`),
    (p) => read(`${prefix}${p}`),
  );
  return { code, git };
}
