import Link from "next/link";
import type { Metadata } from "next";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Not found" };

// Addresses that match no page at all. Pages inside the studio that call notFound() get the studio's own
// page instead, with its navigation (app/(studio)/not-found.tsx).
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-start justify-center gap-3 px-6">
      <p className="text-xs font-semibold uppercase tracking-wide text-muted">404</p>
      <h1 className="text-xl font-semibold">Not found, or you have no access</h1>
      <p className="text-sm text-muted">There is no page at this address in MLOps Studio.</p>
      <Link href="/" className={buttonClass("primary")}>
        Go to the studio
      </Link>
    </main>
  );
}
