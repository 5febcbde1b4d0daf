"use client";
import { memo, useMemo, useState } from "react";
import { Plus, Search } from "lucide-react";
import type { PaletteComponent, PaletteGroup } from "@/lib/pipeline/catalog";
import { Input } from "@/components/ui/input";

/** The drag payload type: the component's index in the flattened palette travels, not the component. */
export const PALETTE_MIME = "application/x-studio-component";

export function paletteKey(c: Pick<PaletteComponent, "scopeKind" | "scopeName" | "name" | "version">): string {
  return `${c.scopeKind}/${c.scopeName}/${c.name}:${c.version}`;
}

/**
 * Components of the workspace and the registries, grouped and searchable. Drag one onto the canvas, or
 * press its + (or Enter on it) to drop it in the middle of the view.
 */
export const Palette = memo(function Palette({
  groups,
  onAdd,
}: {
  groups: PaletteGroup[];
  onAdd: (component: PaletteComponent) => void;
}) {
  const [query, setQuery] = useState("");
  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    return groups.map((g) => ({
      ...g,
      components: q
        ? g.components.filter((c) => `${c.name} ${c.displayName} ${c.description}`.toLowerCase().includes(q))
        : g.components,
    }));
  }, [groups, query]);
  const total = filtered.reduce((n, g) => n + g.components.length, 0);
  return (
    <nav aria-label="Component palette" className="flex h-full min-h-0 flex-col">
      <div className="border-b border-border p-2">
        <label htmlFor="palette-search" className="sr-only">
          Search components
        </label>
        <div className="relative">
          <Search
            size={14}
            aria-hidden
            className="pointer-events-none absolute left-2 top-1/2 -translate-y-1/2 text-muted"
          />
          <Input
            id="palette-search"
            type="search"
            placeholder="Search components"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="h-8 pl-7"
          />
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {total === 0 ? (
          <p className="px-1 py-4 text-center text-sm text-muted">
            {query ? `No component matches "${query}".` : "No components yet: register one under Components."}
          </p>
        ) : null}
        {filtered.map((group) =>
          group.components.length ? (
            <section key={`${group.scopeKind}/${group.scopeName}`} aria-label={group.label} className="mb-3">
              <h3 className="mb-1 px-1 text-xs font-semibold uppercase tracking-wide text-muted">
                {group.label} <span className="font-normal">({group.components.length})</span>
              </h3>
              <ul className="flex flex-col gap-1">
                {group.components.map((c) => (
                  <li
                    key={paletteKey(c)}
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData(PALETTE_MIME, paletteKey(c));
                      e.dataTransfer.effectAllowed = "copy";
                    }}
                    className="group flex cursor-grab items-center gap-1 rounded-md border border-border bg-surface px-2 py-1.5 hover:border-accent active:cursor-grabbing"
                    data-component={c.name}
                  >
                    <div className="min-w-0 flex-1" title={c.description || c.displayName}>
                      <div className="truncate text-sm">{c.displayName || c.name}</div>
                      <div className="truncate text-xs text-muted">
                        {c.name}:{c.version} · {c.inputs.length} in, {c.outputs.length} out
                      </div>
                    </div>
                    <button
                      type="button"
                      aria-label={`Add ${c.displayName || c.name} to the canvas`}
                      onClick={() => onAdd(c)}
                      className="rounded p-1 text-muted hover:bg-surface-2 hover:text-text"
                    >
                      <Plus size={14} aria-hidden />
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null,
        )}
      </div>
    </nav>
  );
});
