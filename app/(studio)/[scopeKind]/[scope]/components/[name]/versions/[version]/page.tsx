import Link from "next/link";
import { api, pages } from "@/lib/routes";
import { formatBytes, formatDateTime } from "@/lib/format";
import { safeDecode } from "@/server/http/pages";
import { loadAssetVersionPage } from "@/server/http/asset-pages";
import { getComponentVersion } from "@/server/components/get-component";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Alert, Card, DetailRow, EmptyState, PageHeader } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { EventTable } from "@/components/events/event-table";
import { DescriptionEditor, TagsEditor } from "@/components/models/version-editors";
import { CodeBlock } from "@/components/assets/code-block";
import { ProvenanceCard, VersionTitle, VersionsCard } from "@/components/assets/asset-version-parts";
import { ShareAssetButton } from "@/components/assets/share-asset-button";
import { shareAssetVersionAction, updateAssetVersionAction } from "@/app/(studio)/[scopeKind]/[scope]/asset-actions";
import type { ComponentEnvironment } from "@/lib/pipeline/types";

type Params = { scopeKind: string; scope: string; name: string; version: string };

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  const p = await params;
  return { title: `${safeDecode(p.name)}:${p.version} · Component` };
}

function environmentText(environment: ComponentEnvironment | null): string {
  if (!environment) return "none named";
  if (environment.kind === "reference") return environment.reference;
  return (
    [environment.image ? `image ${environment.image}` : null, environment.condaFile ? "inline conda file" : null]
      .filter(Boolean)
      .join(", ") || "inline"
  );
}

export default async function ComponentVersionPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { scope, ref, name, v, versions, events, canWrite, target, writableRegistries } = await loadAssetVersionPage(
    p,
    "component",
    getComponentVersion,
  );
  const update = updateAssetVersionAction.bind(null, "component", target);
  const share = shareAssetVersionAction.bind(null, "component", target);
  const base = pages.assets(ref, "components");
  const spec = v.spec;

  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Components
          </Link>
        }
        title={
          <VersionTitle
            name={spec.displayName || name}
            version={`${name}:${v.version}`}
            isLatest={v.isLatest}
            isArchived={v.isArchived}
          />
        }
        subtitle={`Command component · ${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.displayName}`}
        actions={
          <>
            <ButtonLink href={api.assetVersionDownload(ref, "components", name, v.version)} download>
              Download YAML and code
            </ButtonLink>
            {canWrite ? (
              <ButtonLink href={pages.newAsset(ref, "components")} variant="primary">
                Register a version
              </ButtonLink>
            ) : null}
            {ref.kind === "workspace" && writableRegistries.length > 0 ? (
              <ShareAssetButton kind="component" target={target} registries={writableRegistries} share={share} />
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
            <DetailRow label="Environment">
              <span className="font-mono text-xs">{environmentText(spec.environment)}</span>
            </DetailRow>
            <DetailRow label="Code">
              {spec.code
                ? `${spec.code} · ${v.files.length} file${v.files.length === 1 ? "" : "s"}, ${formatBytes(v.totalSize)}`
                : "none"}
            </DetailRow>
            <DetailRow label="Step reuse">
              {spec.isDeterministic ? "on: identical runs reuse outputs" : "off (is_deterministic: false)"}
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
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Inputs">
            {spec.inputs.length ? (
              <Table aria-label="Inputs">
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th>Type</Th>
                    <Th>Default</Th>
                    <Th>Required</Th>
                  </tr>
                </thead>
                <tbody>
                  {spec.inputs.map((i) => (
                    <Tr key={i.name}>
                      <Td className="font-mono text-xs" title={i.description}>
                        {i.name}
                      </Td>
                      <Td>
                        <Badge>{i.type}</Badge>
                      </Td>
                      <Td className="font-mono text-xs">{i.default === undefined ? "—" : String(i.default)}</Td>
                      <Td>{i.optional || i.default !== undefined ? "no" : "yes"}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            ) : (
              <EmptyState title="No inputs" />
            )}
          </Card>
          <Card title="Outputs">
            {spec.outputs.length ? (
              <Table aria-label="Outputs">
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th>Type</Th>
                  </tr>
                </thead>
                <tbody>
                  {spec.outputs.map((o) => (
                    <Tr key={o.name}>
                      <Td className="font-mono text-xs" title={o.description}>
                        {o.name}
                      </Td>
                      <Td>
                        <Badge>{o.type}</Badge>
                      </Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            ) : (
              <EmptyState title="No outputs" />
            )}
          </Card>
        </div>
        <Card title="Command">
          <CodeBlock label="Command" text={spec.command} />
        </Card>
        <Card title={`YAML (${v.yamlPath}, as registered)`}>
          <CodeBlock label="Component YAML" text={v.yaml} />
        </Card>
        {v.files.length ? (
          <Card title="Code files">
            <Table aria-label="Code files">
              <thead>
                <tr>
                  <Th>Path</Th>
                  <Th>Size</Th>
                </tr>
              </thead>
              <tbody>
                {v.files.map((f) => (
                  <Tr key={f.path}>
                    <Td className="font-mono text-xs">{f.path}</Td>
                    <Td>{formatBytes(f.size)}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </Card>
        ) : null}
        {spec.environment?.kind === "reference" ? (
          <Alert tone="info">
            Steps run on local compute with the machine&apos;s own interpreters; the environment is recorded with each
            step job (resolved to a version when it is registered here).
          </Alert>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <VersionsCard scope={ref} segment="components" name={name} current={v.version} versions={versions.items} />
          <ProvenanceCard segment="components" version={v} />
        </div>
        <div>
          <h2 className="mb-2 text-sm font-semibold">Activity</h2>
          <EventTable events={events.items} label="Version activity" showScope={false} />
        </div>
      </div>
    </>
  );
}
