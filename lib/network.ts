// Which bind addresses keep the studio to this machine. `HOST` decides where the web app and the scoring
// listener listen; anything but loopback exposes them to the network.

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare) || bare === "::ffff:127.0.0.1";
}

/** True for "every interface" (0.0.0.0, ::): this machine's own loopback reaches it too. */
export function isWildcardHost(host: string): boolean {
  const bare = host.trim().replace(/^\[|\]$/g, "");
  return bare === "0.0.0.0" || bare === "::" || bare === "";
}
