import "server-only";
import { readComponentSpec } from "@/server/components/stored-component-spec";
import { db } from "@/server/db";
import { toComponentRef } from "@/lib/pipeline/component-ref";
import type { DataChoice, DesignerCatalog, PaletteGroup } from "@/lib/pipeline/catalog";
import type { Actor } from "@/server/auth/actor";
import { workspaceAndReadableRegistries } from "@/server/scopes/asset-sources";

// What the designer offers: the components of the workspace and of every registry the actor may read
// (the palette), and the data asset versions a data input may be bound to.

/** Per scope, at most this many components and data assets are offered (the palette searches them). */
const MAX_PER_SCOPE = 500;

export async function loadDesignerCatalog(actor: Actor, workspace: string): Promise<DesignerCatalog> {
  const scopes = await workspaceAndReadableRegistries(actor, workspace);
  const palette: PaletteGroup[] = [];
  const data: DataChoice[] = [];
  for (const scope of scopes) {
    const label = scope.kind === "workspace" ? `Workspace ${scope.name}` : `Registry ${scope.name}`;
    const components = await db.assetVersion.findMany({
      where: { scopeId: scope.id, kind: "component", isLatest: true, isArchived: false },
      orderBy: { name: "asc" },
      take: MAX_PER_SCOPE,
      select: { version: true, spec: true, description: true },
    });
    palette.push({
      scopeKind: scope.kind,
      scopeName: scope.name,
      label,
      components: components.map((row) => {
        const stored = readComponentSpec(row.spec);
        return {
          ...toComponentRef(scope, row.version, stored.component),
          description: row.description || stored.component.description,
        };
      }),
    });
    const versions = await db.assetVersion.findMany({
      where: { scopeId: scope.id, kind: "data", isArchived: false },
      orderBy: [{ name: "asc" }, { version: "desc" }],
      take: MAX_PER_SCOPE * 4,
      select: { name: true, version: true },
    });
    const prefix = scope.kind === "registry" ? `registries/${scope.name}/` : "";
    for (const v of versions) {
      const last = data.at(-1);
      if (last && last.ref === `${prefix}${v.name}@latest`) last.versions.push(v.version);
      else
        data.push({
          ref: `${prefix}${v.name}@latest`,
          label: scope.kind === "registry" ? `${v.name} (registry ${scope.name})` : v.name,
          versions: [v.version],
        });
    }
  }
  return { palette, data };
}
