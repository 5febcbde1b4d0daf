import Link from "next/link";
import type { ScopeRef } from "@/lib/scopes";
import { pages } from "@/lib/routes";
import { ASSET_SEGMENT, type AssetKind } from "@/lib/schemas/assets";
import type { AssetVersionSummaryDto } from "@/lib/schemas/dto";
import { formatBytes, formatDateTime } from "@/lib/format";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Alert, Badge, EmptyState, PageHeader, TagChip } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { TabLinks } from "@/components/ui/tabs";

const WORDS: Record<AssetKind, { title: string; one: string; many: string; create: string; example: string }> = {
  environment: {
    title: "Environments",
    one: "environment",
    many: "environments",
    create: "New environment",
    example: "e.g. sklearn",
  },
  data: { title: "Data", one: "data asset", many: "data assets", create: "New data asset", example: "e.g. iris" },
  component: {
    title: "Components",
    one: "component",
    many: "components",
    create: "Register component",
    example: "e.g. train",
  },
};

/**
 * The list of environments or data assets of a workspace or registry (latest version of each), with a
 * name prefix search and, from a workspace, tabs for the registries the user can read.
 */
export function AssetListView({
  kind,
  scope,
  viewing,
  registries,
  items,
  nextCursor,
  search,
  canCreate,
  error,
}: {
  kind: AssetKind;
  scope: ScopeRef & { displayName: string; role: string };
  viewing: ScopeRef;
  registries: string[];
  items: AssetVersionSummaryDto[];
  nextCursor: string | null;
  search: { q?: string; cursor?: string; registry?: string };
  canCreate: boolean;
  error: string | null;
}) {
  const w = WORDS[kind];
  const segment = ASSET_SEGMENT[kind];
  const base = pages.assets(scope, segment);
  const query = (extra: Record<string, string | undefined>) =>
    pages.assets(scope, segment, { q: search.q, registry: search.registry, ...extra });
  return (
    <>
      <PageHeader
        title={w.title}
        subtitle={`${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.displayName} · your role: ${scope.role}`}
        actions={
          canCreate ? (
            <ButtonLink href={pages.newAsset(scope, segment)} variant="primary">
              {w.create}
            </ButtonLink>
          ) : null
        }
      />
      {registries.length > 0 ? (
        <div className="mb-4">
          <TabLinks
            label={`${w.title} source`}
            current={viewing.kind === "registry" ? viewing.name : "__workspace"}
            tabs={[
              { id: "__workspace", label: "This workspace", href: base },
              ...registries.map((r) => ({
                id: r,
                label: `Registry · ${r}`,
                href: pages.assets(scope, segment, { registry: r }),
              })),
            ]}
          />
        </div>
      ) : null}
      <form
        role="search"
        aria-label={`Filter ${w.many}`}
        method="get"
        action={base}
        className="mb-4 flex flex-wrap items-end gap-2"
      >
        {search.registry ? <input type="hidden" name="registry" value={search.registry} /> : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="q" className="text-xs font-medium text-muted">
            Name starts with
          </label>
          <Input id="q" name="q" defaultValue={search.q ?? ""} placeholder={w.example} className="w-56" />
        </div>
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
        {search.q ? (
          <Link href={query({ q: undefined })} className={buttonClass("ghost")}>
            Clear
          </Link>
        ) : null}
      </form>
      {error ? (
        <Alert title="The search could not be applied">{error}</Alert>
      ) : items.length === 0 ? (
        search.q ? (
          <EmptyState title={`No ${w.one} name starts with “${search.q}”`}>
            Try another prefix or clear the search.
          </EmptyState>
        ) : (
          <EmptyState title={`No ${w.many} yet`}>
            {canCreate ? `Create one with “${w.create}”.` : "Nothing has been created here."}
          </EmptyState>
        )
      ) : (
        <>
          <Table aria-label={w.title}>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Latest version</Th>
                {kind === "data" ? <Th>Files</Th> : null}
                <Th>Description</Th>
                <Th>Tags</Th>
                <Th>Created</Th>
                <Th>Created by</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((v) => {
                const href = pages.assetVersion(v.scope, segment, v.name, v.version);
                return (
                  <Tr key={v.id}>
                    <Td className="whitespace-nowrap font-medium">
                      <Link href={href} className="text-accent hover:underline">
                        {v.name}
                      </Link>
                      {v.isArchived ? <Badge className="ml-2">archived</Badge> : null}
                    </Td>
                    <Td>
                      <Link href={href} aria-label={`${v.name} version ${v.version}`} className="hover:underline">
                        {v.version}
                      </Link>
                    </Td>
                    {kind === "data" ? (
                      <Td className="whitespace-nowrap text-muted">
                        {v.fileCount} · {formatBytes(v.totalSize)}
                      </Td>
                    ) : null}
                    <Td className="max-w-56 truncate text-muted" title={v.description}>
                      {v.description}
                    </Td>
                    <Td>
                      <div className="flex max-w-md flex-wrap gap-1">
                        {Object.entries(v.tags).map(([k, val]) => (
                          <TagChip key={k} name={k} value={val} />
                        ))}
                      </div>
                    </Td>
                    <Td className="whitespace-nowrap text-muted">{formatDateTime(v.createdAt)}</Td>
                    <Td className="text-muted">{v.createdBy}</Td>
                  </Tr>
                );
              })}
            </tbody>
          </Table>
          <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm">
            <span className="text-muted">
              {items.length} {items.length === 1 ? w.one : w.many} on this page
            </span>
            <span className="flex gap-2">
              {search.cursor ? (
                <Link className={buttonClass("secondary", "sm")} href={query({ cursor: undefined })}>
                  First page
                </Link>
              ) : null}
              {nextCursor ? (
                <Link className={buttonClass("secondary", "sm")} href={query({ cursor: nextCursor })}>
                  Next page
                </Link>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </>
  );
}
