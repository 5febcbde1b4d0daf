// What the studio's web server decides about a request before Next sees it (see web-server.mjs).

/** Why a request target cannot be routed (bad percent-encoding), or null when it is fine. */
export function malformedTarget(url) {
  const path = (url ?? "/").split("?")[0];
  try {
    decodeURIComponent(path);
    return null;
  } catch {
    return "The request path has malformed percent-encoding (a % must be followed by two hex digits of valid UTF-8).";
  }
}

/** The X-Forwarded-For Next should see: the connection's own address, unless a trusted proxy set one. */
export function forwardedFor(headerValue, socketAddress, trustProxy) {
  if (trustProxy && headerValue) return headerValue;
  return socketAddress ?? "";
}
