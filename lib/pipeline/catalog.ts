import type { ComponentRef } from "@/lib/pipeline/types";
import type { ScopeKind } from "@/lib/scopes";

// What the designer offers (loaded by server/pipelines/designer-catalog.ts): the components of the
// workspace and of the registries the user may read, and the data assets a data input may be bound to.

export type PaletteComponent = ComponentRef & { description: string };
export type PaletteGroup = { scopeKind: ScopeKind; scopeName: string; label: string; components: PaletteComponent[] };
/** A data asset as a binding names it: `iris@latest`, or `registries/shared/iris@latest` from a registry; its versions newest first. */
export type DataChoice = { ref: string; label: string; versions: number[] };
export type DesignerCatalog = { palette: PaletteGroup[]; data: DataChoice[] };
