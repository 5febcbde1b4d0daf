import "server-only";
import { readComponentSpec } from "@/server/components/stored-component-spec";
import type { ComponentVersionDto } from "@/lib/schemas/dto";
import {
  publishedFromOf,
  toAssetSummaryDto,
  type AssetVersionDetailRow,
  type Provenance,
} from "@/server/assets/asset-dto";
import type { ScopeKind } from "@/lib/scopes";

export type { ComponentVersionDto } from "@/lib/schemas/dto";

/** A component version: its normalised spec, the YAML as given, its code files and provenance. */
export function toComponentDto(
  row: AssetVersionDetailRow,
  scope: { kind: ScopeKind; name: string },
  provenance: Provenance,
): ComponentVersionDto {
  const stored = readComponentSpec(row.spec);
  return {
    ...toAssetSummaryDto(row, scope),
    spec: stored.component,
    yaml: stored.yaml,
    yamlPath: stored.yamlPath,
    files: row.files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
    publishedFrom: publishedFromOf(row, provenance.origin, provenance.members),
    sharedTo: provenance.sharedTo,
  };
}
