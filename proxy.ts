import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/csp";

// Runs before every page: gives it a fresh CSP nonce (Next reads it from the request's
// Content-Security-Policy header and puts it on its scripts; the root layout puts it on its own), and
// sends a visitor without a session cookie to the sign-in page. Whether a session is valid, and what it
// may do, is checked by every page, action and route itself.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(req: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const isSignIn = req.nextUrl.pathname === "/sign-in";
  const hasSession = SESSION_COOKIES.some((name) => req.cookies.has(name));
  let res: NextResponse;
  if (hasSession || isSignIn) {
    const headers = new Headers(req.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", policy);
    res = NextResponse.next({ request: { headers } });
  } else {
    const url = req.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = "";
    const target = req.nextUrl.pathname + req.nextUrl.search;
    if (target !== "/") url.searchParams.set("callbackUrl", target);
    res = NextResponse.redirect(url);
  }
  res.headers.set("content-security-policy", policy);
  return res;
}

export const config = {
  // Every page; not the APIs (the studio's and MLflow's answer JSON, with headers from next.config), Next's assets
  // or the favicon.
  matcher: ["/((?!api/|mlflow/|_next/|favicon.ico).*)"],
};
