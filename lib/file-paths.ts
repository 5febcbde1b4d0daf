// Checks the relative path of an uploaded file (a name, or a folder path from a folder upload) before
// anything is written, so that no upload can escape its version's namespace or collide on download.

export const MAX_PATH_LENGTH = 512;
export const MAX_FILES_PER_VERSION = 1000;

export type PathCheck = { ok: true; path: string } | { ok: false; message: string };

export function checkRelativeFilePath(input: string): PathCheck {
  const path = input;
  if (path.trim() === "") return { ok: false, message: "File name is empty." };
  if (path.length > MAX_PATH_LENGTH)
    return { ok: false, message: `File name "${path.slice(0, 40)}…" is longer than ${MAX_PATH_LENGTH} characters.` };
  // C0, DEL and C1 (U+0080-U+009F): none belongs in a file name, and some move the cursor or hide text.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path))
    return { ok: false, message: `File name "${path}" contains control characters.` };
  if (path.includes("\\")) return { ok: false, message: `File name "${path}" contains '\\'; use '/' between folders.` };
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path))
    return { ok: false, message: `File name "${path}" is an absolute path; give a relative one.` };
  const segments = path.split("/");
  for (const segment of segments) {
    if (segment === "") return { ok: false, message: `File name "${path}" has an empty folder or file name.` };
    if (segment === "." || segment === "..")
      return {
        ok: false,
        message: `File name "${path}" contains '${segment}'; paths may not climb or refer to the current folder.`,
      };
    if (segment.trim() !== segment)
      return { ok: false, message: `File name "${path}" has a name that starts or ends with a space.` };
  }
  return { ok: true, path };
}

/** Checks a whole upload: every path valid, no duplicates, not too many. Returns the first problem. */
export function checkUploadPaths(paths: string[]): { ok: true } | { ok: false; message: string } {
  if (paths.length === 0) return { ok: false, message: "Add at least one file." };
  if (paths.length > MAX_FILES_PER_VERSION)
    return { ok: false, message: `At most ${MAX_FILES_PER_VERSION} files per version (got ${paths.length}).` };
  const seen = new Set<string>();
  for (const p of paths) {
    const check = checkRelativeFilePath(p);
    if (!check.ok) return check;
    if (seen.has(p)) return { ok: false, message: `File "${p}" is given twice.` };
    seen.add(p);
  }
  // A path cannot be both a file and a folder ("a" and "a/b"): the zip download would be ambiguous.
  for (const p of paths) {
    const segments = p.split("/");
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join("/");
      if (seen.has(folder)) return { ok: false, message: `"${folder}" is both a file and a folder.` };
    }
  }
  return { ok: true };
}
