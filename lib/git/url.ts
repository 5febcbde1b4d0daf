// A repository URL as the studio keeps it: what `git remote get-url` prints can hold a user name and a token
// (https://user:ghp_…@host/repo.git); those never reach the database, an event or a page.

/** The URL without `user[:password]@` (for URLs with a scheme); scp-like `git@host:repo` is kept as is. */
export function withoutCredentials(url: string): string {
  const trimmed = url.trim();
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/@]*@)(.*)$/i.exec(trimmed);
  return match ? `${match[1]}${match[3]}` : trimmed;
}

/**
 * Of a `.git` folder in an uploaded code folder, the files the studio reads to learn branch, commit, remote and
 * whether the tree is dirty; everything else in it (objects, logs, hooks) is history and stays on the machine.
 */
export function isGitFileToSend(path: string): boolean {
  const match = /^(?:[^/]+\/)?\.git\/(.*)$/.exec(path);
  if (!match) return true;
  const inside = match[1]!;
  return ["HEAD", "config", "packed-refs", "index"].includes(inside) || inside.startsWith("refs/heads/");
}
