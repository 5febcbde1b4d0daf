// Workspaces and registries are both "scopes": every asset lives in exactly one of them.
export const SCOPE_KINDS = ["workspace", "registry"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export const STAGES = ["dev", "test", "prod"] as const;
export type Stage = (typeof STAGES)[number];

export type ScopeRef = { kind: ScopeKind; name: string };

/** URL segment of each kind: /workspaces/dev/models, /registries/shared/models (URLs are built in lib/routes.ts). */
export const SCOPE_SEGMENT: Record<ScopeKind, "workspaces" | "registries"> = {
  workspace: "workspaces",
  registry: "registries",
};

export function scopeKindFromSegment(segment: string): ScopeKind | null {
  if (segment === "workspaces") return "workspace";
  if (segment === "registries") return "registry";
  return null;
}

export function scopeLabel(scope: ScopeRef): string {
  return `${scope.kind === "workspace" ? "workspace" : "registry"} ${scope.name}`;
}
