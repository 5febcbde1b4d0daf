import Link from "next/link";
import { StoredFilesTable } from "@/components/files/stored-files-table";
import { Download } from "lucide-react";
import { roleAllows } from "@/lib/permissions";
import { api, pages } from "@/lib/routes";
import { DATA_TYPE_LABELS } from "@/lib/schemas/assets";
import { formatBytes, formatDateTime } from "@/lib/format";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { versionParamOrNotFound } from "@/server/http/asset-pages";
import { getDataVersion } from "@/server/assets/get-asset-version";
import { listAssetVersions } from "@/server/assets/list-assets";
import { listEvents } from "@/server/events/list-events";
import { listScopes } from "@/server/scopes/list-scopes";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Badge, Card, DetailRow, PageHeader } from "@/components/ui/misc";
import { EventTable } from "@/components/events/event-table";
import { DescriptionEditor, TagsEditor } from "@/components/models/version-editors";
import { ProvenanceCard, VersionsCard } from "@/components/assets/asset-version-parts";
import { ShareAssetButton } from "@/components/assets/share-asset-button";
import { DataProfileView } from "@/components/assets/data-profile-view";
import { shareAssetVersionAction, updateAssetVersionAction } from "@/app/(studio)/[scopeKind]/[scope]/asset-actions";

type Params = { scopeKind: string; scope: string; name: string; version: string };

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  const p = await params;
  return { title: `${safeDecode(p.name)}:${p.version} · Data` };
}

export default async function DataVersionPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { actor, scope, ref } = await loadScopePage(p);
  const name = safeDecode(p.name);
  const v = await orNotFound(getDataVersion(actor, ref, name, versionParamOrNotFound(p.version)));
  const [versions, events, registries] = await Promise.all([
    listAssetVersions(actor, ref, "data", name, { limit: 200 }),
    listEvents(actor, { subjectId: v.id, limit: 50 }),
    ref.kind === "workspace" ? listScopes(actor, "registry") : Promise.resolve([]),
  ]);
  const canWrite = roleAllows(scope.role, "write");
  const target = { scope: ref, name, version: v.version };
  const update = updateAssetVersionAction.bind(null, "data", target);
  const share = shareAssetVersionAction.bind(null, "data", target);
  const base = pages.assets(ref, "data");
  const writableRegistries = registries.filter((r) => roleAllows(r.role, "write")).map((r) => r.name);

  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Data
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {name} <span className="text-muted">version {v.version}</span>
            {v.isLatest ? <Badge tone="accent">latest</Badge> : null}
            {v.isArchived ? <Badge tone="warning">archived</Badge> : null}
          </span>
        }
        subtitle={`${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.displayName}`}
        actions={
          <>
            <a
              href={api.assetVersionDownload(ref, "data", name, v.version)}
              className={buttonClass("secondary")}
              download
            >
              <Download size={14} aria-hidden /> Download all
            </a>
            {canWrite ? (
              <ButtonLink href={pages.newAsset(ref, "data", { name })} variant="primary">
                New version
              </ButtonLink>
            ) : null}
            {ref.kind === "workspace" && writableRegistries.length > 0 ? (
              <ShareAssetButton kind="data" target={target} registries={writableRegistries} share={share} />
            ) : null}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Details">
          <dl>
            <DetailRow label="Type">{DATA_TYPE_LABELS[v.spec.type]}</DetailRow>
            <DetailRow label="Created">
              {formatDateTime(v.createdAt)} by {v.createdBy}
            </DetailRow>
            <DetailRow label="Files">
              {v.fileCount} · {formatBytes(v.totalSize)}
            </DetailRow>
            <DetailRow label="Source">
              {v.spec.job && ref.kind === "workspace" ? (
                <>
                  written by job{" "}
                  <Link className="font-mono text-accent hover:underline" href={pages.job(ref.name, v.spec.job)}>
                    {v.spec.job}
                  </Link>
                </>
              ) : v.spec.originalPath ? (
                <>
                  snapshot of <span className="font-mono">{v.spec.originalPath}</span>
                </>
              ) : (
                "uploaded"
              )}
            </DetailRow>
          </dl>
          <div className="mt-3 border-t border-border pt-3">
            <h3 className="mb-2 text-sm font-medium">Description</h3>
            <DescriptionEditor description={v.description} canEdit={canWrite} update={update} />
          </div>
        </Card>
        <Card title="Tags">
          <TagsEditor tags={v.tags} canEdit={canWrite} update={update} />
        </Card>
      </div>
      <div className="mt-4 flex flex-col gap-4">
        <DataProfileView profile={v.profile} />
        <Card title="Files">
          <StoredFilesTable
            files={v.files}
            fileUrl={(path) => api.assetVersionFile(ref, "data", name, v.version, path)}
            label="Files"
          />
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <VersionsCard scope={ref} segment="data" name={name} current={v.version} versions={versions.items} />
          <ProvenanceCard segment="data" version={v} />
        </div>
        <div>
          <h2 className="mb-2 text-sm font-semibold">Activity</h2>
          <EventTable events={events.items} label="Version activity" showScope={false} />
        </div>
      </div>
    </>
  );
}
