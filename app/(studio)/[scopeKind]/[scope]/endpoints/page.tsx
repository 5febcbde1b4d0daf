import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/lib/format";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { listEndpoints } from "@/server/endpoints/get-endpoint";
import { Badge, EmptyState, PageHeader } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { NewEndpointButton } from "@/components/endpoints/new-endpoint-button";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope } = await loadScopePage(await params);
  if (scope.kind !== "workspace") notFound();
  const endpoints = await listEndpoints(actor, scope.name);
  const canEdit = roleAllows(scope.role, "write");
  return (
    <>
      <PageHeader
        title="Endpoints"
        subtitle="Online endpoints answer scoring requests on their URL, split between deployments; batch endpoints score data assets in jobs."
        actions={canEdit ? <NewEndpointButton workspace={scope.name} /> : null}
      />
      {endpoints.length === 0 ? (
        <EmptyState title="No endpoints yet">
          {canEdit
            ? "Create one, then deploy a registered model under it."
            : "Contributors of this workspace create them."}
        </EmptyState>
      ) : (
        <Table aria-label="Endpoints">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Kind</Th>
              <Th>Traffic</Th>
              <Th>Deployments</Th>
              <Th>Scoring URL</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => {
              const live = Object.entries(e.traffic).filter(([, p]) => p > 0);
              return (
                <Tr key={e.id}>
                  <Td className="max-w-72">
                    <Link href={pages.endpoint(scope.name, e.name)} className="font-medium text-accent hover:underline">
                      {e.name}
                    </Link>
                    {e.description ? <div className="truncate text-xs text-muted">{e.description}</div> : null}
                  </Td>
                  <Td>
                    <Badge tone={e.kind === "online" ? "accent" : "neutral"}>{e.kind}</Badge>
                  </Td>
                  <Td className="text-sm">
                    {live.length ? (
                      live.map(([name, p]) => `${name} ${p}%`).join(" · ")
                    ) : (
                      <span className="text-muted">none</span>
                    )}
                    {e.mirror ? (
                      <div className="text-xs text-muted">
                        mirror {e.mirror.percent}% → {e.mirror.deployment}
                      </div>
                    ) : null}
                  </Td>
                  <Td>{e.deploymentCount}</Td>
                  <Td className="max-w-80">
                    {e.scoringUri ? (
                      <code className="block truncate font-mono text-xs">{e.scoringUri}</code>
                    ) : (
                      <span className="text-muted">—</span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap text-xs text-muted">
                    {formatDateTime(e.createdAt)}
                    <div>{e.createdBy}</div>
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
