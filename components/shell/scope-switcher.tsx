"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { ChevronDown, Boxes, Library } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { Badge } from "@/components/ui/misc";
import { scopeKindFromSegment, scopePath, type ScopeKind } from "@/lib/scopes";
import { findSection } from "@/lib/sections";
import { useDismiss } from "@/components/ui/use-dismiss";

export type SwitcherScope = { kind: ScopeKind; name: string; displayName: string; stage: string | null; role: string };

export function currentScopeFromPath(pathname: string): { kind: ScopeKind; name: string; section?: string } | null {
  const [, segment, name, section] = pathname.split("/");
  const kind = scopeKindFromSegment(segment ?? "");
  return kind && name ? { kind, name: decodeURIComponent(name), section } : null;
}

export function StageBadge({ stage }: { stage: string | null }) {
  if (!stage) return <Badge tone="accent">registry</Badge>;
  return <Badge tone={stage === "prod" ? "danger" : stage === "test" ? "warning" : "success"}>{stage}</Badge>;
}

export function ScopeSwitcher({ scopes }: { scopes: SwitcherScope[] }) {
  const pathname = usePathname();
  // Open for the page it was opened on: navigating closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const ref = useRef<HTMLDivElement>(null);
  const current = currentScopeFromPath(pathname);
  const active = scopes.find((s) => s.kind === current?.kind && s.name === current?.name);

  const close = useCallback(() => setOpenOn(null), []);
  useDismiss(ref, open, close);

  // Switching keeps the section when the other scope has it (models stay models); otherwise it lands
  // where the scope starts: a workspace's Home, a registry's models.
  const hrefFor = (scope: SwitcherScope) => {
    if (current?.section && findSection(current.section, scope.kind)) return `${scopePath(scope)}/${current.section}`;
    return scope.kind === "workspace" ? scopePath(scope) : `${scopePath(scope)}/models`;
  };
  const groups: { kind: ScopeKind; label: string }[] = [
    { kind: "workspace", label: "Workspaces" },
    { kind: "registry", label: "Registries" },
  ];
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={
          active
            ? `Switch workspace or registry (current: ${active.kind} ${active.name})`
            : "Switch workspace or registry"
        }
        onClick={() => setOpenOn(open ? null : pathname)}
        className="flex h-8 items-center gap-2 rounded-md border border-border bg-surface px-2.5 text-sm hover:bg-surface-2"
      >
        {active?.kind === "registry" ? <Library size={14} aria-hidden /> : <Boxes size={14} aria-hidden />}
        <span className="max-w-40 truncate font-medium">{active ? active.displayName : "Workspaces"}</span>
        {active ? <StageBadge stage={active.stage} /> : null}
        <ChevronDown size={14} aria-hidden />
      </button>
      {open ? (
        <div
          role="group"
          aria-label="Workspaces and registries"
          className="absolute left-0 z-30 mt-1 w-72 rounded-lg border border-border bg-surface p-1 shadow-lg"
        >
          {groups.map((group) => {
            const items = scopes.filter((s) => s.kind === group.kind);
            return (
              <div key={group.kind} className="py-1">
                <p className="px-2 py-1 text-xs font-semibold uppercase tracking-wide text-muted">{group.label}</p>
                {items.length === 0 ? <p className="px-2 py-1 text-sm text-muted">None you belong to.</p> : null}
                <ul>
                  {items.map((s) => (
                    <li key={s.name}>
                      <Link
                        href={hrefFor(s)}
                        aria-current={s === active ? "true" : undefined}
                        className={cn(
                          "flex items-center justify-between gap-2 rounded px-2 py-1.5 text-sm hover:bg-surface-2",
                          s === active && "bg-accent-soft",
                        )}
                      >
                        <span className="truncate">
                          {s.displayName} <span className="text-muted">({s.name})</span>
                        </span>
                        <span className="flex items-center gap-1">
                          <span className="text-xs text-muted">{s.role}</span>
                          <StageBadge stage={s.stage} />
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
