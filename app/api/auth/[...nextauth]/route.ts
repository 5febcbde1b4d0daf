import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { clientAddressOf, signInWaitSeconds } from "@/server/auth/sign-in-throttle";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * Sign-in by password is throttled before next-auth sees it: while the account or the address must wait,
 * the answer is 429 with Retry-After, and the password is not even checked. The body is next-auth's
 * shape (a `url` whose `error` says why), so its client reports it like any other refusal.
 */
async function POST(req: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = new URLSearchParams(await req.clone().text());
    const wait = await signInWaitSeconds(form.get("email") ?? "", clientAddressOf(req.headers));
    if (wait > 0) {
      const url = new URL("/sign-in", req.nextUrl.origin);
      url.searchParams.set("error", `throttled-${wait}`);
      const message = `Too many failed sign-ins; try again in ${wait} s.`;
      return Response.json(
        { url: url.toString(), error: { code: "too_many_requests", message } },
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
  }
  return handler(req, context);
}

export { handler as GET, POST };
