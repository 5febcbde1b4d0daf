import Link from "next/link";
import { pages } from "@/lib/routes";
import { formatDateTime } from "@/lib/format";
import { safeDecode } from "@/server/http/pages";
import { loadAssetVersionPage } from "@/server/http/asset-pages";
import { getEnvironmentVersion } from "@/server/assets/get-asset-version";
import { ButtonLink } from "@/components/ui/button";
import { Card, DetailRow, PageHeader } from "@/components/ui/misc";
import { LocalBuildCard } from "@/components/environments/local-build-card";
import { listEnvironmentBuilds } from "@/server/environments/list-builds";
import { EventTable } from "@/components/events/event-table";
import { DescriptionEditor, TagsEditor } from "@/components/models/version-editors";
import { CodeBlock } from "@/components/assets/code-block";
import { ProvenanceCard, VersionTitle, VersionsCard } from "@/components/assets/asset-version-parts";
import { ShareAssetButton } from "@/components/assets/share-asset-button";
import { shareAssetVersionAction, updateAssetVersionAction } from "@/app/(studio)/[scopeKind]/[scope]/asset-actions";

type Params = { scopeKind: string; scope: string; name: string; version: string };

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  const p = await params;
  return { title: `${safeDecode(p.name)}:${p.version} · Environment` };
}

export default async function EnvironmentVersionPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { actor, scope, ref, name, v, versions, events, canWrite, target, writableRegistries } =
    await loadAssetVersionPage(p, "environment", getEnvironmentVersion);
  const update = updateAssetVersionAction.bind(null, "environment", target);
  const share = shareAssetVersionAction.bind(null, "environment", target);
  const base = pages.assets(ref, "environments");
  const builds = await listEnvironmentBuilds(actor, ref, v.id);

  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Environments
          </Link>
        }
        title={
          <VersionTitle name={name} version={`version ${v.version}`} isLatest={v.isLatest} isArchived={v.isArchived} />
        }
        subtitle={`${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.displayName}`}
        actions={
          <>
            {canWrite ? (
              <ButtonLink href={pages.newAsset(ref, "environments", { name, from: v.version })} variant="primary">
                New version
              </ButtonLink>
            ) : null}
            {ref.kind === "workspace" && writableRegistries.length > 0 ? (
              <ShareAssetButton kind="environment" target={target} registries={writableRegistries} share={share} />
            ) : null}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Details">
          <dl>
            <DetailRow label="Created">
              {formatDateTime(v.createdAt)} by {v.createdBy}
            </DetailRow>
            <DetailRow label="Defined by">
              {[
                v.spec.conda ? "conda file" : null,
                v.spec.pip ? "pip requirements" : null,
                v.spec.image ? "base image" : null,
              ]
                .filter(Boolean)
                .join(", ")}
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
        <Card title="Definition">
          <div className="flex flex-col gap-4">
            {v.spec.image ? (
              <div>
                <h3 className="mb-1 text-sm font-medium">Base image</h3>
                <code className="rounded bg-surface-2 px-1.5 py-0.5 font-mono text-sm">{v.spec.image}</code>
              </div>
            ) : null}
            {v.spec.conda !== null ? (
              <div>
                <h3 className="mb-1 text-sm font-medium">Conda file</h3>
                <CodeBlock label="Conda file" text={v.spec.conda} />
              </div>
            ) : null}
            {v.spec.pip !== null ? (
              <div>
                <h3 className="mb-1 text-sm font-medium">pip requirements</h3>
                <CodeBlock label="pip requirements" text={v.spec.pip} />
              </div>
            ) : null}
          </div>
        </Card>
        <LocalBuildCard spec={v.spec} workspace={ref.kind === "workspace" ? ref.name : null} builds={builds} />
        <div className="grid gap-4 lg:grid-cols-2">
          <VersionsCard scope={ref} segment="environments" name={name} current={v.version} versions={versions.items} />
          <ProvenanceCard segment="environments" version={v} />
        </div>
        <div>
          <h2 className="mb-2 text-sm font-semibold">Activity</h2>
          <EventTable events={events.items} label="Version activity" showScope={false} />
        </div>
      </div>
    </>
  );
}
