import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionActor } from "@/server/auth/session";
import { SignInForm } from "@/components/shell/sign-in-form";
import { sameSitePath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would help phishing.
  const target = sameSitePath(callbackUrl);
  if (await getSessionActor()) redirect(target);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold">MLOps Studio</p>
          <p className="text-sm text-muted">Sign in to your workspaces</p>
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          <SignInForm callbackUrl={target} />
        </div>
      </div>
    </main>
  );
}
