import Link from "next/link";
import { StoredFilesTable } from "@/components/files/stored-files-table";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { api, lineageAsset, lineageHref, pages } from "@/lib/routes";
import { MODEL_TYPE_LABELS } from "@/lib/schemas/models";
import { formatBytes, formatDateTime } from "@/lib/format";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getModelVersion } from "@/server/models/get-model-version";
import { parseVersionParam } from "@/server/models/find-version";
import { listEvents } from "@/server/events/list-events";
import { listScopes } from "@/server/scopes/list-scopes";
import { Badge, Card, DetailRow, PageHeader } from "@/components/ui/misc";
import { EventTable } from "@/components/events/event-table";
import { DescriptionEditor, TagsEditor } from "@/components/models/version-editors";
import { VersionActions } from "@/components/models/version-actions";
import { PublishedFrom } from "@/components/provenance/published-from";
import { LineageRows } from "@/components/lineage/lineage-card";
import { ModelCardView } from "@/components/model-cards/model-card-view";
import { getModelCard } from "@/server/models/model-cards";
import { DeployVersionButton } from "@/components/models/deploy-version-button";
import { ModelSignatureCard } from "@/components/models/model-signature";
import { OutcomeBadge } from "@/components/monitors/outcome-badge";
import { listMonitors } from "@/server/monitoring/manage-monitors";
import { readModelSignatures } from "@/server/models/model-signature";
import { formatAssetRef } from "@/lib/asset-ref";
import {
  deleteVersionAction,
  publishVersionAction,
  updateVersionAction,
} from "@/app/(studio)/[scopeKind]/[scope]/models/actions";

type Params = { scopeKind: string; scope: string; name: string; version: string };

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  const p = await params;
  return { title: `${safeDecode(p.name)}:${p.version}` };
}

export default async function ModelVersionPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { actor, scope, ref } = await loadScopePage(p);
  const name = safeDecode(p.name);
  const versionNumber = parseVersionParam(p.version);
  if (Number.isNaN(versionNumber)) notFound();
  const v = await orNotFound(getModelVersion(actor, ref, name, versionNumber));
  // The latest monitor outcome of each deployment the reader can see.
  const monitorWorkspaces = [
    ...new Set(v.deployments.flatMap((d) => (d.isVisible && d.workspace ? [d.workspace] : []))),
  ];
  const monitors = (
    await Promise.all(
      monitorWorkspaces.map(async (workspace) =>
        (await listMonitors(actor, workspace, {})).map((m) => ({ ...m, workspace })),
      ),
    )
  ).flat();
  const [events, signatures, card] = await Promise.all([
    listEvents(actor, { subjectId: v.id, limit: 50 }),
    readModelSignatures(v.files),
    getModelCard(actor, ref, name, versionNumber),
  ]);
  const registries =
    ref.kind === "workspace"
      ? // A reader of a registry may share too: it becomes a request its owners decide.
        (await listScopes(actor, "registry")).map((r) => r.name)
      : [];
  const canWrite = roleAllows(scope.role, "write");
  const here = pages.assetVersion(ref, "models", name, v.version);
  // A workspace's version deploys in that workspace; a registry's in any workspace the user may write to.
  const deployWorkspaces =
    ref.kind === "workspace"
      ? canWrite
        ? [ref.name]
        : []
      : (await listScopes(actor, "workspace")).filter((w) => roleAllows(w.role, "write")).map((w) => w.name);
  const target = { scope: ref, name, version: v.version };
  const actions = {
    update: updateVersionAction.bind(null, target),
    publish: publishVersionAction.bind(null, target),
    remove: deleteVersionAction.bind(null, target),
  };
  const modelsBase = pages.assets(ref, "models");

  return (
    <>
      <PageHeader
        breadcrumbs={
          <>
            <Link href={modelsBase} className="hover:underline">
              Models
            </Link>{" "}
            /{" "}
            <Link href={pages.asset(ref, "models", name)} className="hover:underline">
              {name}
            </Link>
          </>
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
          <VersionActions
            target={target}
            actions={actions}
            downloadUrl={api.assetVersionDownload(ref, "models", name, v.version)}
            isArchived={v.isArchived}
            canWrite={canWrite}
            publishableRegistries={registries}
            deploy={
              v.isArchived ? null : (
                <DeployVersionButton modelRef={formatAssetRef(ref, name, v.version)} workspaces={deployWorkspaces} />
              )
            }
          />
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Details">
          <dl>
            <DetailRow label="Type">{MODEL_TYPE_LABELS[v.type] ?? v.type}</DetailRow>
            <DetailRow label="Created">
              {formatDateTime(v.createdAt)} by {v.createdBy}
            </DetailRow>
            <DetailRow label="Last updated">{formatDateTime(v.updatedAt)}</DetailRow>
            <DetailRow label="Files">
              {v.fileCount} · {formatBytes(v.totalSize)}
            </DetailRow>
          </dl>
          <div className="mt-3 border-t border-border pt-3">
            <h3 className="mb-2 text-sm font-medium">Description</h3>
            <DescriptionEditor description={v.description} canEdit={canWrite} update={actions.update} />
          </div>
        </Card>
        <Card title="Tags">
          <TagsEditor tags={v.tags} canEdit={canWrite} update={actions.update} />
          <div className="mt-4 border-t border-border pt-3">
            <h3 className="mb-2 text-sm font-medium">
              Properties <span className="font-normal text-muted">(fixed at registration)</span>
            </h3>
            {Object.keys(v.properties).length ? (
              <dl aria-label="Properties">
                {Object.entries(v.properties).map(([k, val]) => (
                  <DetailRow key={k} label={k}>
                    <span className="font-mono">{val}</span>
                  </DetailRow>
                ))}
              </dl>
            ) : (
              <p className="text-sm text-muted">No properties.</p>
            )}
          </div>
        </Card>
        <Card
          title="Lineage"
          actions={
            <Link
              className="text-sm text-accent hover:underline"
              href={lineageHref(lineageAsset("model", ref, `${name}:${v.version}`))}
            >
              Lineage graph
            </Link>
          }
        >
          <dl>
            {v.lineage ? (
              <LineageRows lineage={v.lineage} />
            ) : (
              <DetailRow label="Source job">
                {v.source?.jobId ? (
                  <>
                    <span className="font-mono">{v.source.jobId}</span>{" "}
                    <span className="text-muted">
                      (not a job of this studio, or registered before lineage was recorded)
                    </span>
                  </>
                ) : (
                  <span className="text-muted">not recorded</span>
                )}
              </DetailRow>
            )}
            {v.source?.runUrl ? (
              <DetailRow label="Run link">
                <a
                  className="text-accent hover:underline"
                  href={v.source.runUrl}
                  rel="noreferrer noopener"
                  target="_blank"
                >
                  {v.source.runUrl}
                </a>
              </DetailRow>
            ) : null}
            <DetailRow label="Published from">
              {v.publishedFrom ? (
                <PublishedFrom origin={v.publishedFrom} segment="models" />
              ) : (
                <span className="text-muted">registered here</span>
              )}
            </DetailRow>
            <DetailRow label="Shared to">
              {v.sharedTo.length ? (
                <ul>
                  {v.sharedTo.map((s) => (
                    <li key={`${s.scope.name}/${s.name}:${s.version}`}>
                      <Link
                        className="text-accent hover:underline"
                        href={pages.assetVersion(s.scope, "models", s.name, s.version)}
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
        <Card title="Deployments">
          {v.deployments.length ? (
            <ul className="text-sm">
              {v.deployments.map((d, i) => (
                <li key={d.isVisible ? `${d.workspace}/${d.endpoint}/${d.deployment}` : `hidden-${i}`}>
                  {d.isVisible && d.workspace && d.endpoint ? (
                    <>
                      Endpoint{" "}
                      <Link
                        className="font-medium text-accent hover:underline"
                        href={pages.endpoint(d.workspace, d.endpoint)}
                      >
                        {d.workspace === ref.name ? d.endpoint : `${d.workspace} / ${d.endpoint}`}
                      </Link>
                      , deployment <span className="font-medium">{d.deployment}</span>
                    </>
                  ) : (
                    <span className="text-muted">A deployment in a workspace you are not a member of</span>
                  )}{" "}
                  <Badge>{d.state}</Badge>
                  {monitors
                    .filter(
                      (m) => m.workspace === d.workspace && m.endpoint === d.endpoint && m.deployment === d.deployment,
                    )
                    .map((m) => (
                      <Link
                        key={m.id}
                        href={pages.monitor(m.workspace, m.name)}
                        className="ml-2 inline-flex items-center gap-1 text-xs text-accent hover:underline"
                        title={`Monitor ${m.name}`}
                      >
                        monitor <OutcomeBadge outcome={m.lastRun?.outcome ?? null} status={m.lastRun?.status} />
                      </Link>
                    ))}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">Not deployed.</p>
          )}
        </Card>
      </div>
      <div className="mt-4">
        <Card
          title="Model card"
          actions={
            <span className="flex gap-3 text-sm">
              {canWrite ? (
                <Link className="text-accent hover:underline" href={`${here}/card/edit`}>
                  Edit
                </Link>
              ) : null}
              <Link className="text-accent hover:underline" href={`${here}/card`}>
                Print view
              </Link>
            </span>
          }
        >
          <ModelCardView card={card} />
        </Card>
      </div>
      <div className="mt-4 empty:hidden">
        <ModelSignatureCard signatures={signatures} />
      </div>
      <div className="mt-4">
        <Card title="Files">
          <StoredFilesTable
            files={v.files}
            fileUrl={(path) => api.assetVersionFile(ref, "models", name, v.version, path)}
            label="Files"
          />
        </Card>
      </div>
      <div className="mt-4">
        <h2 className="mb-2 text-sm font-semibold">Activity</h2>
        <EventTable events={events.items} label="Version activity" showScope={false} />
      </div>
    </>
  );
}
