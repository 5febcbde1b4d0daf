// Server-only (node:crypto): reads an uploaded `.git` folder when a job is submitted.
import "server-only";
import { createHash } from "node:crypto";
import { withoutCredentials } from "@/lib/git/url";

export type GitInfo = { repository?: string; branch?: string; commit?: string; dirty?: boolean };

/** What a `.git` folder says, given its files (`gitFile`) and the working tree's (`workFile`). */
export async function readGit(
  gitFile: (path: string) => Promise<Buffer | null>,
  workFile: (path: string) => Promise<Buffer | null>,
): Promise<GitInfo> {
  const info: GitInfo = {};
  const head = (await gitFile("HEAD"))?.toString("utf8").trim() ?? "";
  const ref = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
  if (ref) {
    if (ref.startsWith("refs/heads/")) info.branch = ref.slice("refs/heads/".length);
    const commit = (await gitFile(ref))?.toString("utf8").trim() ?? packedRef(await gitFile("packed-refs"), ref);
    if (commit && /^[0-9a-f]{40,64}$/.test(commit)) info.commit = commit;
  } else if (/^[0-9a-f]{40,64}$/.test(head)) {
    info.commit = head;
  }
  const url = remoteUrl((await gitFile("config"))?.toString("utf8") ?? "");
  if (url) info.repository = withoutCredentials(url);
  const index = await gitFile("index");
  if (index) {
    const dirty = await isDirty(index, workFile);
    if (dirty !== null) info.dirty = dirty;
  }
  return info;
}

function packedRef(packed: Buffer | null, ref: string): string | undefined {
  for (const line of packed?.toString("utf8").split("\n") ?? []) {
    const [hash, name] = line.trim().split(/\s+/);
    if (name === ref && hash) return hash;
  }
  return undefined;
}

/** The URL of remote "origin", else of the first remote, from a git config file. */
export function remoteUrl(config: string): string | null {
  let remote: string | null = null;
  const urls = new Map<string, string>();
  for (const raw of config.split("\n")) {
    const line = raw.trim();
    const section = /^\[\s*remote\s+"([^"]+)"\s*\]$/.exec(line);
    if (section) remote = section[1]!;
    else if (line.startsWith("[")) remote = null;
    else if (remote && !urls.has(remote)) {
      const url = /^url\s*=\s*(.+)$/.exec(line)?.[1];
      if (url) urls.set(remote, url.trim());
    }
  }
  return urls.get("origin") ?? urls.values().next().value ?? null;
}

type IndexEntry = { path: string; sha1: string; mode: number; skip: boolean };

/** Entries of a git index file (versions 2 and 3); null for version 4 (prefix-compressed) or a damaged file. */
export function parseIndex(index: Buffer): IndexEntry[] | null {
  if (index.length < 12 || index.toString("latin1", 0, 4) !== "DIRC") return null;
  const version = index.readUInt32BE(4);
  if (version !== 2 && version !== 3) return null;
  const count = index.readUInt32BE(8);
  const entries: IndexEntry[] = [];
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + 62 > index.length) return null;
    const mode = index.readUInt32BE(at + 24);
    const sha1 = index.toString("hex", at + 40, at + 60);
    const flags = index.readUInt16BE(at + 60);
    let pathStart = at + 62;
    let skip = (flags & 0x8000) !== 0; // assume-valid
    if (version === 3 && flags & 0x4000) {
      const extended = index.readUInt16BE(pathStart);
      skip ||= (extended & 0x4000) !== 0; // skip-worktree (sparse checkout)
      pathStart += 2;
    }
    const end = index.indexOf(0, pathStart);
    if (end === -1) return null;
    const path = index.toString("utf8", pathStart, end);
    // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes from the entry's start.
    const length = end - at + 1;
    at += Math.ceil(length / 8) * 8;
    // Stage bits: an unresolved merge lists a path per side; none of them matches a working file.
    const conflicted = ((flags >> 12) & 0x3) !== 0;
    entries.push({ path, sha1: conflicted ? "" : sha1, mode, skip: skip && !conflicted });
  }
  return entries;
}

/** Whether a tracked regular file differs from the index (or is gone); null when the index cannot be read. */
async function isDirty(index: Buffer, workFile: (path: string) => Promise<Buffer | null>): Promise<boolean | null> {
  const entries = parseIndex(index);
  if (!entries) return null;
  for (const entry of entries) {
    if (entry.skip) continue;
    const type = entry.mode >>> 12;
    if (type !== 0b1000) continue; // symbolic links (1010) and submodules (1110) are not compared
    const bytes = await workFile(entry.path);
    if (!bytes || blobSha1(bytes) !== entry.sha1) return true;
  }
  return false;
}

export function blobSha1(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
