import Link from "next/link";
import type { Metadata } from "next";
import { isAppError } from "@/lib/errors";
import { roleAllows } from "@/lib/permissions";
import type { ScopeRef } from "@/lib/scopes";
import { pages } from "@/lib/routes";
import { MODEL_SORTS, MODEL_TYPE_LABELS } from "@/lib/schemas/models";
import { formatDateTime } from "@/lib/format";
import { loadScopePage } from "@/server/http/pages";
import { listModels } from "@/server/models/list-models";
import { listScopes } from "@/server/scopes/list-scopes";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Alert, Badge, EmptyState, PageHeader, TagChip } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { TabLinks } from "@/components/ui/tabs";

export const metadata: Metadata = { title: "Models" };

type Search = { q?: string; tags?: string; sort?: string; cursor?: string; archived?: string; registry?: string };

const SORT_LABELS: Record<(typeof MODEL_SORTS)[number], string> = {
  name: "Name (A–Z)",
  "-name": "Name (Z–A)",
  "-updatedAt": "Recently updated",
  updatedAt: "Least recently updated",
};

export default async function ModelsPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<Search>;
}) {
  const { actor, scope, ref } = await loadScopePage(await params);
  const search = await searchParams;
  const registries = scope.kind === "workspace" ? await listScopes(actor, "registry") : [];
  // A workspace page can show a registry's models too: registry assets are usable from any workspace.
  const viewing: ScopeRef =
    search.registry && registries.some((r) => r.name === search.registry)
      ? { kind: "registry", name: search.registry }
      : ref;
  const sort = (MODEL_SORTS as readonly string[]).includes(search.sort ?? "")
    ? (search.sort as (typeof MODEL_SORTS)[number])
    : "name";
  const archived = search.archived === "include" ? "include" : "exclude";

  let page: Awaited<ReturnType<typeof listModels>> | null = null;
  let error: string | null = null;
  try {
    page = await listModels(actor, viewing, {
      q: search.q,
      tags: search.tags,
      sort,
      cursor: search.cursor,
      archived,
      limit: 50,
    });
  } catch (e) {
    if (!isAppError(e) || e.code !== "invalid") throw e;
    error = e.message;
  }
  const canRegister = viewing === ref && roleAllows(scope.role, "write");
  const base = pages.assets(ref, "models");
  const query = (extra: Record<string, string | undefined>) =>
    pages.assets(ref, "models", {
      q: search.q,
      tags: search.tags,
      sort: search.sort,
      archived: search.archived,
      registry: search.registry,
      ...extra,
    });
  const isFiltered = Boolean(search.q || search.tags || search.archived);

  return (
    <>
      <PageHeader
        title="Models"
        subtitle={`${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.displayName} · your role: ${scope.role}`}
        actions={
          canRegister ? (
            <ButtonLink href={pages.newAsset(ref, "models")} variant="primary">
              Register model
            </ButtonLink>
          ) : null
        }
      />
      {registries.length > 0 ? (
        <div className="mb-4">
          <TabLinks
            label="Model source"
            current={viewing.kind === "registry" ? viewing.name : "__workspace"}
            tabs={[
              { id: "__workspace", label: "This workspace", href: base },
              ...registries.map((r) => ({
                id: r.name,
                label: `Registry · ${r.name}`,
                href: pages.assets(ref, "models", { registry: r.name }),
              })),
            ]}
          />
        </div>
      ) : null}
      <form
        role="search"
        aria-label="Filter models"
        method="get"
        action={base}
        className="mb-4 flex flex-wrap items-end gap-2"
      >
        {search.registry ? <input type="hidden" name="registry" value={search.registry} /> : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="q" className="text-xs font-medium text-muted">
            Name starts with
          </label>
          <Input id="q" name="q" defaultValue={search.q ?? ""} placeholder="e.g. iris" className="w-44" />
        </div>
        <div className="flex min-w-64 flex-1 flex-col gap-1">
          <label htmlFor="tags" className="text-xs font-medium text-muted">
            Filter by tags
          </label>
          <Input
            id="tags"
            name="tags"
            defaultValue={search.tags ?? ""}
            placeholder="e.g. team=health,stage"
            aria-describedby="tags-help"
            className="font-mono"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="sort" className="text-xs font-medium text-muted">
            Sort
          </label>
          <Select id="sort" name="sort" defaultValue={sort} className="w-48">
            {MODEL_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        <label className="flex h-9 items-center gap-2 text-sm">
          <input type="checkbox" name="archived" value="include" defaultChecked={archived === "include"} /> Show
          archived
        </label>
        <button type="submit" className={buttonClass("primary")}>
          Apply
        </button>
        {isFiltered ? (
          <Link
            href={query({ q: undefined, tags: undefined, archived: undefined, sort: undefined })}
            className={buttonClass("ghost")}
          >
            Clear
          </Link>
        ) : null}
      </form>
      <p id="tags-help" className="-mt-2 mb-4 text-xs text-muted">
        <code>TagName=TagValue</code>, several joined by commas (all must hold); a bare <code>TagName</code> matches any
        value.
      </p>
      {error ? (
        <Alert title="The filter could not be applied">{error}</Alert>
      ) : page && page.items.length === 0 ? (
        isFiltered ? (
          <EmptyState title="No model matches these filters">Change the filters or clear them.</EmptyState>
        ) : (
          <EmptyState title="No models yet">
            {canRegister ? "Register one with the button above." : "Nothing has been registered here."}
          </EmptyState>
        )
      ) : page ? (
        <>
          <Table aria-label="Models">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Latest version</Th>
                <Th>Type</Th>
                <Th>Tags</Th>
                <Th>Last updated</Th>
                <Th>Created by</Th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((m) => (
                <Tr key={m.id}>
                  <Td className="font-medium">
                    <Link href={pages.asset(m.scope, "models", m.name)} className="text-accent hover:underline">
                      {m.name}
                    </Link>
                    {m.isArchived ? <Badge className="ml-2">archived</Badge> : null}
                  </Td>
                  <Td>
                    <Link
                      href={pages.assetVersion(m.scope, "models", m.name, m.version)}
                      aria-label={`${m.name} version ${m.version}`}
                      className="hover:underline"
                    >
                      {m.version}
                    </Link>
                  </Td>
                  <Td>{MODEL_TYPE_LABELS[m.type] ?? m.type}</Td>
                  <Td>
                    <div className="flex max-w-md flex-wrap gap-1">
                      {Object.entries(m.tags).map(([k, v]) => (
                        <TagChip key={k} name={k} value={v} />
                      ))}
                    </div>
                  </Td>
                  <Td className="whitespace-nowrap text-muted">{formatDateTime(m.updatedAt)}</Td>
                  <Td className="text-muted">{m.createdBy}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm">
            <span className="text-muted">
              {page.items.length} model{page.items.length === 1 ? "" : "s"} on this page
            </span>
            <span className="flex gap-2">
              {search.cursor ? (
                <Link className={buttonClass("secondary", "sm")} href={query({ cursor: undefined })}>
                  First page
                </Link>
              ) : null}
              {page.nextCursor ? (
                <Link className={buttonClass("secondary", "sm")} href={query({ cursor: page.nextCursor })}>
                  Next page
                </Link>
              ) : null}
            </span>
          </nav>
        </>
      ) : null}
    </>
  );
}
