import Link from "next/link";
import type { Metadata } from "next";
import { formatDateTime } from "@/lib/format";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getWebhook } from "@/server/webhooks/manage-webhooks";
import { Alert, Badge, Card, DetailRow, PageHeader } from "@/components/ui/misc";
import { DeliveryTable } from "@/components/webhooks/delivery-table";
import { WebhookActions } from "@/components/webhooks/webhook-actions";
import {
  deleteWebhookAction,
  redeliverAction,
  rotateWebhookSecretAction,
  sendTestEventAction,
  setWebhookEnabledAction,
} from "@/app/(studio)/[scopeKind]/[scope]/webhooks/actions";

export const metadata: Metadata = { title: "Webhook" };

type Params = { scopeKind: string; scope: string; id: string };

export default async function WebhookPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { actor, ref } = await loadScopePage(p);
  const id = safeDecode(p.id);
  // Readers, and contributors looking at someone else's webhook, get the page they get for a missing one.
  const webhook = await orNotFound(getWebhook(actor, ref, id), true);
  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={pages.webhooks(ref)} className="hover:underline">
            Webhooks
          </Link>
        }
        title={<span className="break-all">{webhook.url}</span>}
        subtitle={webhook.description || `Created by ${webhook.createdBy} on ${formatDateTime(webhook.createdAt)}`}
      />
      <div className="flex flex-col gap-6">
        {!webhook.isEnabled ? (
          <Alert tone="warning" title="This webhook is turned off">
            {webhook.disabledReason ?? "No deliveries go out until it is turned on again."}
          </Alert>
        ) : null}
        <WebhookActions
          scope={ref}
          webhookId={webhook.id}
          isEnabled={webhook.isEnabled}
          actions={{
            sendTest: sendTestEventAction.bind(null, ref, webhook.id),
            setEnabled: setWebhookEnabledAction.bind(null, ref, webhook.id),
            rotate: rotateWebhookSecretAction.bind(null, ref, webhook.id),
            remove: deleteWebhookAction.bind(null, ref, webhook.id),
          }}
        />
        <Card title="Settings">
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            <DetailRow label="Events">
              <span className="font-mono text-xs">{webhook.events.join(", ")}</span>
            </DetailRow>
            <DetailRow label="Subject starts with">
              {webhook.subjectPrefix ? <span className="font-mono text-xs">{webhook.subjectPrefix}</span> : "any"}
            </DetailRow>
            <DetailRow label="Model tags">
              {webhook.tags ? <span className="font-mono text-xs">{webhook.tags}</span> : "any"}
            </DetailRow>
            <DetailRow label="Status">
              {webhook.isEnabled ? <Badge tone="success">on</Badge> : <Badge tone="warning">off</Badge>}
            </DetailRow>
            <DetailRow label="Signing">
              Standard Webhooks (HMAC-SHA256)
              {webhook.previousSecretUntil
                ? `; the previous secret also signs until ${formatDateTime(webhook.previousSecretUntil)}`
                : ""}
            </DetailRow>
          </dl>
        </Card>
        <Card title="Deliveries">
          <DeliveryTable scope={ref} webhookId={webhook.id} redeliver={redeliverAction.bind(null, ref, webhook.id)} />
        </Card>
      </div>
    </>
  );
}
