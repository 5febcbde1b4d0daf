import Link from "next/link";
import { StoredFilesTable } from "@/components/files/stored-files-table";
import { Download } from "lucide-react";
import { api, pages, lineageAsset, lineageHref } from "@/lib/routes";
import { DATA_TYPE_LABELS } from "@/lib/schemas/assets";
import { formatBytes, formatDateTime } from "@/lib/format";
import { safeDecode } from "@/server/http/pages";
import { loadAssetVersionPage } from "@/server/http/asset-pages";
import { getDataVersion } from "@/server/assets/get-asset-version";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card, DetailRow, PageHeader } from "@/components/ui/misc";
import { EventTable } from "@/components/events/event-table";
import { DescriptionEditor, TagsEditor } from "@/components/models/version-editors";
import { ProvenanceCard, VersionTitle, VersionsCard } from "@/components/assets/asset-version-parts";
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
  const { scope, ref, name, v, versions, events, canWrite, target, writableRegistries } = await loadAssetVersionPage(
    p,
    "data",
    getDataVersion,
  );
  const update = updateAssetVersionAction.bind(null, "data", target);
  const share = shareAssetVersionAction.bind(null, "data", target);
  const base = pages.assets(ref, "data");

  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Data
          </Link>
        }
        title={
          <VersionTitle name={name} version={`version ${v.version}`} isLatest={v.isLatest} isArchived={v.isArchived} />
        }
        subtitle={`${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.displayName}`}
        actions={
          <>
            <Link
              href={lineageHref(lineageAsset("data", ref, `${name}:${v.version}`))}
              className={buttonClass("secondary")}
            >
              Lineage
            </Link>
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
