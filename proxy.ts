import { NextResponse, type NextRequest } from "next/server";

// Only redirects: a visitor without a session cookie goes to the sign-in page. Whether a session is
// valid, and what it may do, is checked by every page, action and route itself.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(req: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => req.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = "";
  const target = req.nextUrl.pathname + req.nextUrl.search;
  if (target !== "/") url.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the sign-in page, the API (tokens answer 401 there), Next's assets and the favicon.
  matcher: ["/((?!sign-in|api/|_next/|favicon.ico).*)"],
};
