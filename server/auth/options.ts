import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/server/users/verify-credentials";
import { sameSitePath } from "@/lib/safe-redirect";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

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
      async authorize(credentials) {
        const email = typeof credentials?.email === "string" ? credentials.email.slice(0, 320) : "";
        const password = typeof credentials?.password === "string" ? credentials.password.slice(0, 1000) : "";
        if (!email || !password) return null;
        const actor = await verifyCredentials(email, password);
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
    async session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
