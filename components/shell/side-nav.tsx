"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  Box,
  Cpu,
  Users,
  Webhook,
  Database,
  FlaskConical,
  GitBranch,
  History,
  House,
  LayoutDashboard,
  Library,
  Package,
  Rocket,
  Zap,
  CalendarClock,
  ShieldCheck,
  type LucideIcon,
} from "lucide-react";
import { cn } from "@/components/ui/cn";
import { SCOPE_SECTIONS } from "@/lib/sections";
import type { ScopeKind } from "@/lib/scopes";
import { pages } from "@/lib/routes";
import { currentScopeFromPath, memberScope } from "@/components/shell/scope-switcher";

export type NavScope = { kind: ScopeKind; name: string };

const ICONS: Record<string, LucideIcon> = {
  models: Box,
  jobs: FlaskConical,
  pipelines: GitBranch,
  endpoints: Rocket,
  data: Database,
  environments: Cpu,
  components: Package,
  members: Users,
  webhooks: Webhook,
  automations: Zap,
  schedules: CalendarClock,
  promotions: ShieldCheck,
};

/**
 * The sections of the workspace or registry in the address (or, off any scope's pages, of `fallback`).
 * A scope the actor does not belong to, or that does not exist, gets no sections: only the studio's own.
 */
export function SideNav({ scopes, fallback }: { scopes: NavScope[]; fallback: NavScope | null }) {
  const pathname = usePathname();
  const fromPath = currentScopeFromPath(pathname);
  const scope = fromPath ? memberScope(scopes, fromPath) : fallback;
  const link = (href: string, label: string, Icon: LucideIcon, isActive: boolean, note?: string) => (
    <Link
      href={href}
      aria-current={isActive ? "page" : undefined}
      className={cn(
        "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm",
        isActive ? "bg-accent-soft font-medium text-accent" : "text-text hover:bg-surface-2",
      )}
    >
      <Icon size={15} aria-hidden />
      <span className="flex-1">{label}</span>
      {note ? <span className="text-[10px] uppercase tracking-wide text-muted">{note}</span> : null}
    </Link>
  );
  return (
    <nav aria-label="Studio sections" className="flex flex-col gap-4 p-3">
      {scope ? (
        <div className="flex flex-col gap-0.5">
          <p className="px-2.5 pb-1 text-xs font-semibold uppercase tracking-wide text-muted">
            {scope.kind === "workspace" ? "Workspace" : "Registry"} · {scope.name}
          </p>
          {scope.kind === "workspace" ? link(pages.scope(scope), "Home", House, pathname === pages.scope(scope)) : null}
          {SCOPE_SECTIONS.filter((s) => s.kinds.includes(scope.kind)).map((s) => {
            const href = pages.section(scope, s.id);
            return (
              <div key={s.id}>
                {link(href, s.label, ICONS[s.id] ?? Box, pathname.startsWith(href), s.isBuilt ? undefined : "soon")}
              </div>
            );
          })}
        </div>
      ) : null}
      <div className="flex flex-col gap-0.5">
        <p className="px-2.5 pb-1 text-xs font-semibold uppercase tracking-wide text-muted">Studio</p>
        {link(pages.registries(), "Registries", Library, pathname === pages.registries())}
        {link("/dashboards", "Dashboards", LayoutDashboard, pathname.startsWith("/dashboards"))}
        {link("/activity", "Activity", History, pathname.startsWith("/activity"))}
      </div>
    </nav>
  );
}
