import type { ReactNode } from "react";
import Link from "next/link";
import { pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import { formatDateTime } from "@/lib/format";
import type { AssetVersionSummaryDto, EnvironmentVersionDto } from "@/lib/schemas/dto";
import { Badge, Card, DetailRow } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { PublishedFrom } from "@/components/provenance/published-from";

/** Where a version was shared from and to (same shape for environments and data). */
export function ProvenanceCard({
  segment,
  version,
}: {
  segment: "environments" | "data" | "components";
  version: Pick<EnvironmentVersionDto, "publishedFrom" | "sharedTo">;
}) {
  const from = version.publishedFrom;
  return (
    <Card title="Lineage">
      <dl>
        <DetailRow label="Shared from">
          {from ? <PublishedFrom origin={from} segment={segment} /> : <span className="text-muted">created here</span>}
        </DetailRow>
        <DetailRow label="Shared to">
          {version.sharedTo.length ? (
            <ul>
              {version.sharedTo.map((s) => (
                <li key={`${s.scope.name}/${s.name}:${s.version}`}>
                  <Link
                    className="text-accent hover:underline"
                    href={pages.assetVersion(s.scope, segment, s.name, s.version)}
                  >
                    {s.scope.kind} {s.scope.name} / {s.name}:{s.version}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-muted">not shared</span>
          )}
        </DetailRow>
      </dl>
    </Card>
  );
}

/** Every version of the asset, newest first, the current one marked. */
export function VersionsCard({
  scope,
  segment,
  name,
  current,
  versions,
}: {
  scope: ScopeRef;
  segment: "environments" | "data" | "components";
  name: string;
  current: number;
  versions: AssetVersionSummaryDto[];
}) {
  return (
    <Card title="Versions">
      <Table aria-label="Versions">
        <thead>
          <tr>
            <Th>Version</Th>
            <Th>Created</Th>
            <Th>By</Th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <Tr key={v.id} aria-current={v.version === current ? "page" : undefined}>
              <Td className="whitespace-nowrap">
                {v.version === current ? (
                  <span className="font-semibold">{v.version}</span>
                ) : (
                  <Link
                    href={pages.assetVersion(scope, segment, name, v.version)}
                    className="text-accent hover:underline"
                    aria-label={`Version ${v.version}`}
                  >
                    {v.version}
                  </Link>
                )}
                {v.isLatest ? (
                  <Badge tone="accent" className="ml-2">
                    latest
                  </Badge>
                ) : null}
              </Td>
              <Td className="whitespace-nowrap text-muted">{formatDateTime(v.createdAt)}</Td>
              <Td className="text-muted" title={v.description || undefined}>
                {v.createdBy}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

/** A version page's title: the name, the version and whether it is the latest or archived. */
export function VersionTitle({
  name,
  version,
  isLatest,
  isArchived,
}: {
  name: ReactNode;
  version: ReactNode;
  isLatest: boolean;
  isArchived: boolean;
}) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      {name} <span className="text-muted">{version}</span>
      {isLatest ? <Badge tone="accent">latest</Badge> : null}
      {isArchived ? <Badge tone="warning">archived</Badge> : null}
    </span>
  );
}
