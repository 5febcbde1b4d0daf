import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageActor } from "@/server/auth/session";
import { listScopes } from "@/server/scopes/list-scopes";
import { ScopeSwitcher } from "@/components/shell/scope-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { SideNav } from "@/components/shell/side-nav";
import { MobileNav } from "@/components/shell/mobile-nav";
import { QueryProvider } from "@/components/providers/query-provider";
import { SandboxBanner } from "@/components/security/sandbox-banner";
import { sandboxNoticeFor } from "@/server/security/sandbox-notice";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const scopes = await listScopes(actor);
  const first = scopes.find((s) => s.kind === "workspace") ?? scopes[0];
  const fallback = first ? { kind: first.kind, name: first.name } : null;
  const navScopes = scopes.map((s) => ({ kind: s.kind, name: s.name }));
  const sandboxNotice = sandboxNoticeFor(scopes);
  return (
    // One query client for the whole shell: the bell in the top bar polls as the pages do.
    <QueryProvider>
      <div className="flex min-h-screen flex-col">
        <header className="sticky top-0 z-20 flex print:hidden h-12 items-center justify-between gap-3 border-b border-border bg-surface px-3">
          {/* min-w-0: on a phone the scope switcher's name truncates instead of pushing the account menu off. */}
          <div className="flex min-w-0 items-center gap-3">
            <MobileNav scopes={navScopes} fallback={fallback} />
            <Link href="/" className="flex items-center gap-2 font-semibold">
              <span
                aria-hidden
                className="flex size-6 items-center justify-center rounded bg-accent text-xs text-accent-text"
              >
                M
              </span>
              <span className="hidden sm:inline">MLOps Studio</span>
            </Link>
            <ScopeSwitcher scopes={scopes} />
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <NotificationBell />
            <UserMenu name={actor.name} email={actor.email} />
          </div>
        </header>
        {sandboxNotice ? (
          <div className="print:hidden">
            <SandboxBanner reason={sandboxNotice.reason} />
          </div>
        ) : null}
        <div className="flex flex-1">
          <aside className="hidden w-56 shrink-0 border-r border-border bg-surface md:block print:hidden">
            <SideNav scopes={navScopes} fallback={fallback} />
          </aside>
          <main className="min-w-0 flex-1 px-4 py-5 md:px-8">{children}</main>
        </div>
      </div>
    </QueryProvider>
  );
}
