"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { ChevronDown, Boxes, Library } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { Badge } from "@/components/ui/misc";
import { scopeKindFromSegment, type ScopeKind } from "@/lib/scopes";
import { pages } from "@/lib/routes";
import { findSection } from "@/lib/sections";
import { MenuContent, MenuGroup, MenuItem, MenuRoot, MenuTrigger } from "@/components/ui/menu";

export type SwitcherScope = { kind: ScopeKind; name: string; displayName: string; stage: string | null; role: string };

export function currentScopeFromPath(pathname: string): { kind: ScopeKind; name: string; section?: string } | null {
  const [, segment, name, section] = pathname.split("/");
  const kind = scopeKindFromSegment(segment ?? "");
  return kind && name ? { kind, name: decodeURIComponent(name), section } : null;
}

/** The scope at `ref` among those the actor belongs to; none for a scope that is unknown or not theirs. */
export function memberScope<S extends { kind: ScopeKind; name: string }>(
  scopes: S[],
  ref: { kind: ScopeKind; name: string },
): S | null {
  return scopes.find((s) => s.kind === ref.kind && s.name === ref.name) ?? null;
}

export function StageBadge({ stage }: { stage: string | null }) {
  if (!stage) return <Badge tone="accent">registry</Badge>;
  return <Badge tone={stage === "prod" ? "danger" : stage === "test" ? "warning" : "success"}>{stage}</Badge>;
}

export function ScopeSwitcher({ scopes }: { scopes: SwitcherScope[] }) {
  const pathname = usePathname();
  const current = currentScopeFromPath(pathname);
  const active = current ? memberScope(scopes, current) : null;

  // Switching keeps the section when the other scope has it (models stay models); otherwise it lands
  // where the scope starts: a workspace's Home, a registry's models.
  const hrefFor = (scope: SwitcherScope) => {
    if (current?.section && findSection(current.section, scope.kind)) return pages.section(scope, current.section);
    return scope.kind === "workspace" ? pages.scope(scope) : pages.section(scope, "models");
  };
  const groups: { kind: ScopeKind; label: string }[] = [
    { kind: "workspace", label: "Workspaces" },
    { kind: "registry", label: "Registries" },
  ];
  return (
    <MenuRoot>
      <MenuTrigger asChild>
        <button
          type="button"
          aria-label={
            active
              ? `Switch workspace or registry (current: ${active.kind} ${active.name})`
              : "Switch workspace or registry"
          }
          className="flex h-8 min-w-0 items-center gap-2 rounded-md border border-border bg-surface px-2.5 text-sm hover:bg-surface-2 data-[state=open]:bg-surface-2"
        >
          {active?.kind === "registry" ? <Library size={14} aria-hidden /> : <Boxes size={14} aria-hidden />}
          <span className="max-w-28 truncate font-medium sm:max-w-40">
            {active ? active.displayName : "Workspaces"}
          </span>
          {active ? <StageBadge stage={active.stage} /> : null}
          <ChevronDown size={14} aria-hidden />
        </button>
      </MenuTrigger>
      <MenuContent align="start" className="w-72">
        {groups.map((group) => {
          const items = scopes.filter((s) => s.kind === group.kind);
          return (
            <MenuGroup key={group.kind} label={group.label}>
              {items.length === 0 ? <p className="px-2 py-1 text-sm text-muted">None you belong to.</p> : null}
              {items.map((s) => (
                <MenuItem key={s.name} asChild className={cn("justify-between", s === active && "bg-accent-soft")}>
                  <Link href={hrefFor(s)} aria-current={s === active ? "true" : undefined}>
                    <span className="truncate">
                      {s.displayName} <span className="text-muted">({s.name})</span>
                    </span>
                    <span className="flex items-center gap-1">
                      <span className="text-xs text-muted">{s.role}</span>
                      <StageBadge stage={s.stage} />
                    </span>
                  </Link>
                </MenuItem>
              ))}
            </MenuGroup>
          );
        })}
      </MenuContent>
    </MenuRoot>
  );
}
