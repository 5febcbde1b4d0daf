// Where to go after signing in. A callback URL comes from the query string, so anyone can craft one;
// only a path on this site is followed. It is judged by how a browser would resolve it: `/\evil.example`
// and `/<tab>/evil.example` look like paths but resolve to another host.

const ORIGIN = "http://studio.invalid";

/** The same-site path (with query and fragment) a callback URL leads to, or `fallback` when it leaves the site. */
export function sameSitePath(callbackUrl: string | null | undefined, fallback = "/"): string {
  if (!callbackUrl || !callbackUrl.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(callbackUrl, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
