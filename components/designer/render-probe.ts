"use client";

// Counts renders of the designer's nodes and edges when a benchmark asks for it (bench/designer sets
// `window.__designerRenders = {}` before it drags): one property check per render otherwise.

type Probe = Record<string, number>;

export function countRender(key: string): void {
  const probe = (globalThis as { __designerRenders?: Probe }).__designerRenders;
  if (probe) probe[key] = (probe[key] ?? 0) + 1;
}
