import Link from "next/link";
import { WatchButton } from "@/components/notifications/watch-button";
import { isWatching } from "@/server/notifications/notifications";
import { setWatchAction } from "@/app/(studio)/notifications/actions";
import { notFound } from "next/navigation";
import { Plus } from "lucide-react";
import { roleAllows } from "@/lib/permissions";
import { api, pages, lineageAsset, lineageHref } from "@/lib/routes";
import {
  SCORING_METHOD_LABEL,
  type DeploymentDto,
  type EndpointDto,
  type TrafficAtDto,
  type TrafficChangeDto,
} from "@/lib/schemas/endpoints";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getEndpoint } from "@/server/endpoints/get-endpoint";
import { trafficAt, trafficHistory } from "@/server/endpoints/traffic-history";
import { TrafficAtPanel, TrafficHistory } from "@/components/endpoints/traffic-history";
import { formatDateTime, parseInstant } from "@/lib/format";
import type { Actor } from "@/server/auth/actor";
import { sampleRequests } from "@/server/endpoints/sample-requests";
import { Alert, Badge, Card, DetailRow, EmptyState, PageHeader } from "@/components/ui/misc";
import { ButtonLink } from "@/components/ui/button";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { TabLinks } from "@/components/ui/tabs";
import { TrafficEditor } from "@/components/endpoints/traffic-editor";
import { DeploymentActions } from "@/components/endpoints/deployment-actions";
import { TestPanel } from "@/components/endpoints/test-panel";
import { ConsumePanel } from "@/components/endpoints/consume-panel";
import { MonitoringPanel } from "@/components/endpoints/monitoring-panel";
import { CollectedRequests } from "@/components/endpoints/collected-requests";
import { ChallengerComparison } from "@/components/endpoints/challenger-comparison";
import { DeploymentMonitors } from "@/components/monitors/deployment-monitors";
import { listMonitors } from "@/server/monitoring/manage-monitors";
import { createDefaultMonitorAction } from "@/app/(studio)/[scopeKind]/[scope]/monitors/actions";
import { DeploymentLogs } from "@/components/endpoints/deployment-logs";
import { EndpointActions } from "@/components/endpoints/endpoint-actions";
import { BatchPanel } from "@/components/endpoints/batch-panel";
import { loadBatchInputChoices } from "@/server/endpoints/deployment-choices";
import { RefreshWhileCreating } from "@/components/endpoints/refresh-while-creating";
import { SandboxBadge } from "@/components/security/sandbox-badge";
import { RanWith } from "@/components/environments/ran-with";

type Params = { scopeKind: string; scope: string; endpoint: string };

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  return { title: `Endpoint ${safeDecode((await params).endpoint)}` };
}

type TabId = "details" | "test" | "consume" | "monitoring" | "jobs" | "logs";
const ONLINE_TABS: { id: TabId; label: string }[] = [
  { id: "details", label: "Details" },
  { id: "test", label: "Test" },
  { id: "consume", label: "Consume" },
  { id: "monitoring", label: "Monitoring" },
  { id: "logs", label: "Logs" },
];
// Batch endpoints have no scoring URL: they score data assets in jobs.
const BATCH_TABS: { id: TabId; label: string }[] = [
  { id: "details", label: "Details" },
  { id: "jobs", label: "Jobs" },
  { id: "monitoring", label: "Monitoring" },
  { id: "logs", label: "Logs" },
];

const STATE_TONE = { creating: "warning", succeeded: "success", failed: "danger" } as const;

function modelHref(d: DeploymentDto): string {
  return pages.assetVersion(d.model.scope, "models", d.model.name, d.model.version);
}

export default async function EndpointPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<{ tab?: string; deployment?: string; at?: string }>;
}) {
  const p = await params;
  const { actor, scope, ref } = await loadScopePage(p);
  if (scope.kind !== "workspace") notFound();
  const endpoint = await orNotFound(getEndpoint(actor, scope.name, safeDecode(p.endpoint)));
  const { tab: tabParam, deployment: deploymentParam, at: atParam } = await searchParams;
  const tabs = endpoint.kind === "batch" ? BATCH_TABS : ONLINE_TABS;
  const tab: TabId = tabs.find((t) => t.id === tabParam)?.id ?? "details";
  const canEdit = roleAllows(scope.role, "write");
  const isOnline = endpoint.kind === "online";
  const base = pages.endpoints(scope.name);
  const href = pages.endpoint(scope.name, endpoint.name);

  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Endpoints
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {endpoint.name} <Badge tone={endpoint.kind === "online" ? "accent" : "neutral"}>{endpoint.kind}</Badge>
          </span>
        }
        subtitle={endpoint.description || undefined}
        actions={
          <>
            <WatchButton
              scope={ref}
              subjectType="endpoint"
              name={endpoint.name}
              label={`endpoint ${endpoint.name}`}
              isWatching={await isWatching(actor, scope.id, "endpoint", endpoint.name)}
              setWatch={setWatchAction}
            />
            {canEdit ? (
              <>
                <ButtonLink href={pages.newDeployment(scope.name, endpoint.name)} variant="primary">
                  <Plus size={14} aria-hidden /> Add deployment
                </ButtonLink>
                <EndpointActions workspace={scope.name} endpoint={endpoint.name} />
              </>
            ) : null}
          </>
        }
      />
      <RefreshWhileCreating names={endpoint.deployments.filter((d) => d.state === "creating").map((d) => d.name)} />
      <div className="mb-4">
        <TabLinks
          label="Endpoint"
          current={tab}
          tabs={tabs.map((t) => ({
            id: t.id,
            label: t.label,
            href: t.id === "details" ? href : `${href}?tab=${t.id}`,
          }))}
        />
      </div>
      {tab === "test" ? (
        <TestPanel
          workspace={scope.name}
          endpoint={endpoint.name}
          deployments={endpoint.deployments.filter((d) => d.state === "succeeded").map((d) => d.name)}
          samples={await sampleRequests(endpoint)}
          canTest={canEdit}
        />
      ) : tab === "consume" ? (
        <ConsumePanel
          workspace={scope.name}
          endpoint={endpoint.name}
          scoringUri={endpoint.scoringUri}
          sample={(await sampleRequests(endpoint))[""]}
          canManageKeys={canEdit}
        />
      ) : tab === "monitoring" ? (
        <div className="flex flex-col gap-4">
          {isOnline ? <MonitoringPanel workspace={scope.name} endpoint={endpoint.name} /> : null}
          <DeploymentMonitors
            workspace={scope.name}
            endpoint={endpoint.name}
            deployments={endpoint.deployments.map((d) => d.name)}
            monitors={await listMonitors(actor, scope.name, { endpoint: endpoint.name })}
            create={
              canEdit
                ? (deployment) => createDefaultMonitorAction.bind(null, scope.name, endpoint.name, deployment)
                : null
            }
          />
          {isOnline ? <ChallengerComparison workspace={scope.name} endpoint={endpoint.name} canEdit={canEdit} /> : null}
          <CollectedRequests
            workspace={scope.name}
            endpoint={endpoint.name}
            deployments={endpoint.deployments.map((d) => ({
              name: d.name,
              // A batch deployment keeps every row its jobs score.
              dataCollectionPercent: isOnline ? d.dataCollectionPercent : 100,
            }))}
          />
        </div>
      ) : tab === "jobs" ? (
        <BatchPanel
          workspace={scope.name}
          endpoint={endpoint.name}
          canInvoke={canEdit}
          inputs={await loadBatchInputChoices(actor, scope.name)}
          deployments={endpoint.deployments.map((d) => ({ name: d.name, state: d.state, isDefault: d.traffic > 0 }))}
        />
      ) : tab === "logs" ? (
        <LogsTab endpoint={endpoint} workspace={scope.name} current={deploymentParam} />
      ) : (
        <DetailsTab
          endpoint={endpoint}
          workspace={scope.name}
          canEdit={canEdit}
          history={await trafficHistory(actor, scope.name, endpoint.name)}
          trafficAtView={await loadTrafficAt(actor, scope.name, endpoint.name, atParam)}
        />
      )}
    </>
  );
}

function DetailsTab({
  endpoint,
  workspace,
  canEdit,
  history,
  trafficAtView,
}: {
  endpoint: EndpointDto;
  workspace: string;
  canEdit: boolean;
  history: TrafficChangeDto[];
  trafficAtView: { value: string; answer: TrafficAtDto | null; error: string | null };
}) {
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 lg:grid-cols-[1fr_1.4fr]">
        <Card
          title="Details"
          actions={
            <Link
              className="text-sm text-accent hover:underline"
              href={lineageHref(lineageAsset("endpoint", { kind: "workspace", name: workspace }, endpoint.name))}
            >
              Lineage graph
            </Link>
          }
        >
          <dl>
            <DetailRow label="Kind">
              {endpoint.kind === "online"
                ? "Online: answers requests as they come"
                : "Batch: scores data assets in jobs"}
            </DetailRow>
            <DetailRow label="Scoring URL">
              {endpoint.scoringUri ? <code className="break-all font-mono text-xs">{endpoint.scoringUri}</code> : "—"}
            </DetailRow>
            <DetailRow label="Authentication">Key (two keys; see Consume)</DetailRow>
            <DetailRow label="Created">
              {formatDateTime(endpoint.createdAt)} by {endpoint.createdBy}
            </DetailRow>
            <DetailRow label="Updated">{formatDateTime(endpoint.updatedAt)}</DetailRow>
          </dl>
        </Card>
        <Card title={endpoint.kind === "batch" ? "Default deployment" : "Traffic"}>
          <TrafficEditor
            key={JSON.stringify([endpoint.traffic, endpoint.mirror, endpoint.deployments.map((d) => d.state)])}
            workspace={workspace}
            endpoint={endpoint.name}
            canEdit={canEdit}
            isBatch={endpoint.kind === "batch"}
            deployments={endpoint.deployments.map((d) => ({
              name: d.name,
              state: d.state,
              traffic: d.traffic,
              mirrorTraffic: d.mirrorTraffic,
              model: d.model.label,
            }))}
          />
        </Card>
      </div>
      <Card title="Deployments">
        {endpoint.deployments.length === 0 ? (
          <EmptyState title="No deployments yet">
            {canEdit ? (
              <Link className="text-accent hover:underline" href={pages.newDeployment(workspace, endpoint.name)}>
                Deploy a model version
              </Link>
            ) : (
              "Contributors deploy models here."
            )}
          </EmptyState>
        ) : (
          <Table aria-label="Deployments">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Model version</Th>
                <Th>Scoring</Th>
                <Th>State</Th>
                <Th className="text-right">Traffic</Th>
                <Th className="text-right">Instances</Th>
                <Th className="text-right">Timeout</Th>
                <Th className="text-right">Collect</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {endpoint.deployments.map((d) => (
                <Tr key={d.id}>
                  <Td className="font-medium">
                    {d.name}
                    {d.description ? (
                      <div className="max-w-56 truncate text-xs font-normal text-muted">{d.description}</div>
                    ) : null}
                  </Td>
                  <Td>
                    <Link href={modelHref(d)} className="font-mono text-xs text-accent hover:underline">
                      {d.model.label}
                    </Link>
                    {d.followsAlias ? (
                      <div className="text-xs text-muted" title="Moves when the alias moves">
                        follows @{d.followsAlias}
                      </div>
                    ) : null}
                    {d.environment ? <div className="font-mono text-xs text-muted">{d.environment}</div> : null}
                  </Td>
                  <Td className="text-sm">
                    {SCORING_METHOD_LABEL[d.scoringMethod]}
                    {d.scoringMethod === "mlflow" ? (
                      <div className="text-xs text-muted">
                        Loaded from its MLmodel; requests are checked against its signature (
                        <Link href={modelHref(d)} className="text-accent hover:underline">
                          see the version
                        </Link>
                        )
                      </div>
                    ) : d.scoringScript ? (
                      <div className="font-mono text-xs text-muted">{d.scoringScript}</div>
                    ) : null}
                    {d.sandbox ? (
                      <div className="mt-1">
                        <SandboxBadge sandbox={d.sandbox} />
                      </div>
                    ) : null}
                    {d.signature ? (
                      <div className="text-xs text-muted" title="Read from the model">
                        in: {d.signature.inputs.map((i) => `${i.name} ${i.type}[${i.shape.join(",")}]`).join(", ")}
                        <br />
                        out: {d.signature.outputs.map((o) => `${o.name} ${o.type}[${o.shape.join(",")}]`).join(", ")}
                      </div>
                    ) : null}
                  </Td>
                  <Td>
                    <Badge tone={STATE_TONE[d.state]}>{d.state}</Badge>
                    {d.stateReason ? (
                      <div className="mt-1 max-w-72 text-xs text-danger">
                        {d.stateReason}{" "}
                        <Link
                          className="underline"
                          href={pages.endpoint(workspace, endpoint.name, { tab: "logs", deployment: d.name })}
                        >
                          Logs
                        </Link>
                      </div>
                    ) : null}
                  </Td>
                  <Td className="text-right tabular-nums">
                    {d.traffic}%
                    {d.mirrorTraffic ? <div className="text-xs text-muted">+ mirror {d.mirrorTraffic}%</div> : null}
                  </Td>
                  <Td className="text-right tabular-nums">{d.instanceCount}</Td>
                  <Td className="text-right tabular-nums">{d.requestTimeoutMs} ms</Td>
                  <Td className="text-right tabular-nums">{d.dataCollectionPercent}%</Td>
                  <Td className="w-10">
                    <DeploymentActions
                      workspace={workspace}
                      endpoint={endpoint.name}
                      canEdit={canEdit}
                      deployment={{
                        name: d.name,
                        instanceCount: d.instanceCount,
                        requestTimeoutMs: d.requestTimeoutMs,
                        dataCollectionPercent: d.dataCollectionPercent,
                        collectRetentionDays: d.collectRetentionDays,
                        collectMaxRows: d.collectMaxRows,
                        featureNames: d.featureNames,
                        packageUrl: api.deploymentPackage(workspace, endpoint.name, d.name),
                      }}
                    />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {endpoint.deployments.some((d) => d.runtime) ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {endpoint.deployments.map((d) => (
            <RanWith key={d.id} workspace={workspace} runtime={d.runtime} title={`Deployment ${d.name} runs with`} />
          ))}
        </div>
      ) : null}
      <TrafficAtPanel action={pages.endpoint(workspace, endpoint.name)} {...trafficAtView} />
      <TrafficHistory history={history} />
    </div>
  );
}

function LogsTab({ endpoint, workspace, current }: { endpoint: EndpointDto; workspace: string; current?: string }) {
  if (endpoint.deployments.length === 0)
    return <EmptyState title="No deployments">Logs appear per deployment once one is created.</EmptyState>;
  const chosen = endpoint.deployments.find((d) => d.name === current) ?? endpoint.deployments[0];
  return (
    <div className="flex flex-col gap-3">
      <nav aria-label="Deployment" className="flex flex-wrap gap-2">
        {endpoint.deployments.map((d) => (
          <Link
            key={d.name}
            href={pages.endpoint(workspace, endpoint.name, { tab: "logs", deployment: d.name })}
            aria-current={d.name === chosen.name ? "page" : undefined}
            className={
              d.name === chosen.name
                ? "rounded-md bg-accent-soft px-2.5 py-1 text-sm font-medium text-accent"
                : "rounded-md px-2.5 py-1 text-sm text-muted hover:bg-surface-2"
            }
          >
            {d.name}
          </Link>
        ))}
      </nav>
      {chosen.state === "failed" ? <Alert title={`${chosen.name} failed`}>{chosen.stateReason}</Alert> : null}
      <DeploymentLogs key={chosen.name} workspace={workspace} endpoint={endpoint.name} deployment={chosen.name} />
    </div>
  );
}

/** The "what served when" panel's state: the instant asked for (`?at=`, UTC) and the answer, or why there is none. */
async function loadTrafficAt(actor: Actor, workspace: string, endpoint: string, at: string | undefined) {
  if (!at) return { value: "", answer: null, error: null };
  const instant = parseInstant(at);
  if (!instant) return { value: "", answer: null, error: `"${at}" is not a date and time.` };
  return {
    value: instant.toISOString().slice(0, 19),
    answer: await trafficAt(actor, workspace, endpoint, instant),
    error: null,
  };
}
