import Link from "next/link";
import { isAppError } from "@/lib/errors";
import { roleAllows } from "@/lib/permissions";
import { pages, queryString } from "@/lib/routes";
import { MODEL_TYPE_LABELS } from "@/lib/schemas/models";
import { formatBytes, formatDateTime } from "@/lib/format";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { listModelVersions } from "@/server/models/list-models";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Alert, Badge, EmptyState, PageHeader, TagChip } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { WatchButton } from "@/components/notifications/watch-button";
import { isWatching } from "@/server/notifications/notifications";
import { setWatchAction } from "@/app/(studio)/notifications/actions";
import { aliasHistory, listModelAliases } from "@/server/models/aliases";
import { ModelAliases } from "@/components/models/model-aliases";
import { setAliasAction } from "@/app/(studio)/[scopeKind]/[scope]/models/actions";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: safeDecode((await params).name) };
}

export default async function ModelPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string; name: string }>;
  searchParams: Promise<{ tags?: string; cursor?: string }>;
}) {
  const p = await params;
  const { actor, scope, ref } = await loadScopePage(p);
  const name = safeDecode(p.name);
  const search = await searchParams;
  const base = pages.assets(ref, "models");
  let page: Awaited<ReturnType<typeof listModelVersions>> | null = null;
  let error: string | null = null;
  try {
    page = await orNotFound(
      listModelVersions(actor, ref, name, { tags: search.tags, cursor: search.cursor, archived: "include" }),
    );
  } catch (e) {
    if (!isAppError(e) || e.code !== "invalid") throw e;
    error = e.message;
  }
  const here = pages.asset(ref, "models", name);
  const [aliases, history] = page
    ? await Promise.all([listModelAliases(actor, ref, name), aliasHistory(actor, ref, name)])
    : [[], []];
  const aliasesOf = (version: number) => aliases.filter((a) => a.version === version).map((a) => a.alias);
  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Models
          </Link>
        }
        subtitle={`All versions in ${scope.kind} ${scope.displayName}`}
        actions={
          <>
            <WatchButton
              scope={ref}
              subjectType="model"
              name={name}
              label={`model ${name}`}
              isWatching={await isWatching(actor, scope.id, "model", name)}
              setWatch={setWatchAction}
            />
            <ButtonLink href={`${here}/leaderboard`}>Leaderboard</ButtonLink>
            <ButtonLink href={`${here}/card`}>Model card</ButtonLink>
            {roleAllows(scope.role, "write") ? (
              <ButtonLink variant="primary" href={pages.newAsset(ref, "models", { name })}>
                Register new version
              </ButtonLink>
            ) : null}
          </>
        }
      />
      {page ? (
        <ModelAliases
          scope={ref}
          name={name}
          aliases={aliases}
          history={history}
          versions={page.items.map((v) => v.version)}
          canWrite={roleAllows(scope.role, "write")}
          setAlias={setAliasAction.bind(null, { scope: ref, name })}
        />
      ) : null}
      <form role="search" aria-label="Filter versions" method="get" action={here} className="mb-4 flex items-end gap-2">
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor="version-tags" className="text-xs font-medium text-muted">
            Filter versions by tags
          </label>
          <Input
            id="version-tags"
            name="tags"
            defaultValue={search.tags ?? ""}
            placeholder="stage=candidate"
            className="max-w-md font-mono"
          />
        </div>
        <button type="submit" className={buttonClass("primary")}>
          Apply
        </button>
        {search.tags ? (
          <Link href={here} className={buttonClass("ghost")}>
            Clear
          </Link>
        ) : null}
      </form>
      {error ? <Alert title="The filter could not be applied">{error}</Alert> : null}
      {page && page.items.length === 0 ? (
        <EmptyState title="No version matches">Clear the filter to see every version.</EmptyState>
      ) : null}
      {page && page.items.length > 0 ? (
        <>
          <Table aria-label="Versions">
            <thead>
              <tr>
                <Th>Version</Th>
                <Th>Type</Th>
                <Th>Tags</Th>
                <Th>Files</Th>
                <Th>Created</Th>
                <Th>Created by</Th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((v) => (
                <Tr key={v.id}>
                  <Td className="font-medium">
                    <Link
                      href={pages.assetVersion(ref, "models", name, v.version)}
                      className="text-accent hover:underline"
                    >
                      Version {v.version}
                    </Link>
                    {v.isLatest ? (
                      <Badge tone="accent" className="ml-2">
                        latest
                      </Badge>
                    ) : null}
                    {v.isArchived ? <Badge className="ml-2">archived</Badge> : null}
                    {aliasesOf(v.version).map((alias) => (
                      <Badge key={alias} tone="accent" className="ml-2">
                        @{alias}
                      </Badge>
                    ))}
                  </Td>
                  <Td>{MODEL_TYPE_LABELS[v.type] ?? v.type}</Td>
                  <Td>
                    <div className="flex max-w-md flex-wrap gap-1">
                      {Object.entries(v.tags).map(([k, val]) => (
                        <TagChip key={k} name={k} value={val} />
                      ))}
                    </div>
                  </Td>
                  <Td className="whitespace-nowrap text-muted">
                    {v.fileCount} · {formatBytes(v.totalSize)}
                  </Td>
                  <Td className="whitespace-nowrap text-muted">{formatDateTime(v.createdAt)}</Td>
                  <Td className="text-muted">{v.createdBy}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          {page.nextCursor ? (
            <div className="mt-3 flex justify-end">
              <Link
                className={buttonClass("secondary", "sm")}
                href={`${here}${queryString({ tags: search.tags, cursor: page.nextCursor })}`}
              >
                Older versions
              </Link>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
