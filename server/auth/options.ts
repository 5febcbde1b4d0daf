import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/server/users/verify-credentials";
import { sameSitePath } from "@/lib/safe-redirect";
import { clientAddressOf } from "@/server/auth/sign-in-throttle";
import { endSession, openSession, SESSION_MAX_AGE_SECONDS } from "@/server/auth/sessions";

export { SESSION_MAX_AGE_SECONDS } from "@/server/auth/sessions";

/** What the session cookie's JWT carries besides next-auth's own fields: the Session row it stands for. */
type StudioToken = { sub?: string; sid?: string };

export const authOptions: NextAuthOptions = {
  // Set by `npm start` (kept in the data folder) or by the deployer; next-auth reads NEXTAUTH_SECRET.
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === "string" ? credentials.email.slice(0, 320) : "";
        const password = typeof credentials?.password === "string" ? credentials.password.slice(0, 1000) : "";
        if (!email || !password) return null;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const actor = await verifyCredentials(
          email,
          password,
          "session",
          clientAddressOf({ get: (name) => headers[name] ?? null }),
        );
        return actor ? { id: actor.userId, email: actor.email, name: actor.name } : null;
      },
    }),
  ],
  callbacks: {
    // next-auth's own redirects (sign-in, sign-out) stay on this site too.
    async redirect({ url, baseUrl }) {
      if (url.startsWith(baseUrl)) return `${baseUrl}${sameSitePath(url.slice(baseUrl.length) || "/")}`;
      return `${baseUrl}${sameSitePath(url)}`;
    },
    // Signing in opens a Session row; the cookie carries its id, and every request checks the row.
    async jwt({ token, user }) {
      if (user) (token as StudioToken).sid = await openSession(user.id);
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      (session as { sid?: string }).sid = (token as StudioToken).sid;
      return session;
    },
  },
  events: {
    // Signing out ends the session on the server: the cookie stops working even if it was copied.
    async signOut({ token }) {
      const sid = (token as StudioToken | null)?.sid;
      if (sid) await endSession(sid);
    },
  },
};
