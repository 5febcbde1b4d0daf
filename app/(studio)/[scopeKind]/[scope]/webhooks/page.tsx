import type { Metadata } from "next";
import { roleAllows } from "@/lib/permissions";
import { loadScopePage } from "@/server/http/pages";
import { getWebhookPolicy, listWebhooks } from "@/server/webhooks/manage-webhooks";
import { Card, EmptyState, PageHeader } from "@/components/ui/misc";
import { WebhookCreateForm } from "@/components/webhooks/webhook-create-form";
import { WebhookPolicyToggle } from "@/components/webhooks/webhook-policy-toggle";
import { WebhookTable } from "@/components/webhooks/webhook-table";
import { createWebhookAction, setWebhookPolicyAction } from "@/app/(studio)/[scopeKind]/[scope]/webhooks/actions";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope, ref } = await loadScopePage(await params);
  const where = `${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.displayName}`;
  const subtitle = `${where}: lifecycle events (registrations, deployments, jobs…) POSTed to your services as signed CloudEvents.`;
  if (!roleAllows(scope.role, "write")) {
    return (
      <>
        <PageHeader title="Webhooks" subtitle={subtitle} />
        <EmptyState title="Webhooks are managed by owners and contributors">
          Readers do not see this scope&apos;s webhooks. Ask an owner if you need events from it.
        </EmptyState>
      </>
    );
  }
  const isOwner = roleAllows(scope.role, "manage");
  const [{ items }, policy] = await Promise.all([listWebhooks(actor, ref), getWebhookPolicy(actor, ref)]);
  const canCreate = isOwner || policy.allowContributorWebhooks;
  return (
    <>
      <PageHeader title="Webhooks" subtitle={subtitle} />
      <div className="flex flex-col gap-6">
        {canCreate ? (
          <Card title="New webhook">
            <WebhookCreateForm scope={ref} create={createWebhookAction.bind(null, ref)} />
          </Card>
        ) : (
          <p className="text-sm text-muted">
            Only owners add webhooks here; an owner can let contributors add their own.
          </p>
        )}
        {isOwner ? (
          <WebhookPolicyToggle
            isAllowed={policy.allowContributorWebhooks}
            setAllowed={setWebhookPolicyAction.bind(null, ref)}
          />
        ) : null}
        <WebhookTable scope={ref} webhooks={items} />
      </div>
    </>
  );
}
