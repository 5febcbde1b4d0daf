"use client";
import Link from "next/link";
import { useState } from "react";
import { ShownOnce } from "@/components/ui/shown-once";
import { Field, Input } from "@/components/ui/input";
import { StudioForm } from "@/components/ui/studio-form";
import { useServerAction } from "@/components/ui/use-server-action";
import { EventTypePicker } from "@/components/webhooks/event-type-picker";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";

export type CreateWebhook = (input: unknown) => Promise<ActionResult<{ id: string; secret: string; url: string }>>;

/** A new webhook: where to, which events, which subjects and tags; its secret is shown here once. */
export function WebhookCreateForm({ scope, create }: { scope: ScopeRef; create: CreateWebhook }) {
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["*"]);
  const [subjectPrefix, setSubjectPrefix] = useState("");
  const [tags, setTags] = useState("");
  const [description, setDescription] = useState("");
  const [created, setCreated] = useState<{ id: string; secret: string; url: string } | null>(null);
  const { error, isPending, run } = useServerAction();
  return (
    <div className="flex flex-col gap-4">
      <StudioForm
        label="New webhook"
        onSubmit={() =>
          run(
            () => create({ url, events, subjectPrefix, tags, description }),
            "Webhook created",
            (data) => {
              setCreated(data);
              setUrl("");
              setDescription("");
            },
          )
        }
        error={error}
        errorTitle="The webhook was not created"
        submitLabel="Create webhook"
        pendingLabel="Creating…"
        isPending={isPending}
        canSubmit={url.trim() !== "" && events.length > 0}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="URL"
            htmlFor="webhook-url"
            hint="Events are POSTed here as CloudEvents, signed (Standard Webhooks)."
          >
            <Input
              id="webhook-url"
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              maxLength={2048}
              placeholder="https://ci.example.com/hooks/studio"
            />
          </Field>
          <Field label="Description" htmlFor="webhook-description">
            <Input
              id="webhook-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={1000}
              placeholder="Retrain on new data"
            />
          </Field>
          <Field
            label="Subject starts with"
            htmlFor="webhook-subject"
            hint="Optional, such as models/iris or jobs/ (the event's subject)."
          >
            <Input
              id="webhook-subject"
              value={subjectPrefix}
              onChange={(e) => setSubjectPrefix(e.target.value)}
              maxLength={300}
              className="font-mono"
            />
          </Field>
          <Field
            label="Model tags"
            htmlFor="webhook-tags"
            hint="Optional, for model events: TagName=TagValue, comma-separated; all must hold."
          >
            <Input
              id="webhook-tags"
              value={tags}
              onChange={(e) => setTags(e.target.value)}
              maxLength={2000}
              placeholder="stage=production"
              className="font-mono"
            />
          </Field>
        </div>
        <EventTypePicker value={events} onChange={setEvents} />
      </StudioForm>
      {created ? (
        <ShownOnce
          label="New webhook secret"
          title={`Webhook to ${created.url} created. Copy its signing secret now: it is shown only once.`}
          secret={created.secret}
          what="secret"
          testId="new-webhook-secret"
        >
          Verify each delivery&apos;s <code>webhook-signature</code> with it (any Standard Webhooks library does).{" "}
          <Link href={pages.webhook(scope, created.id)} className="text-accent hover:underline">
            Open the webhook
          </Link>{" "}
          to send a test event and see its deliveries.
        </ShownOnce>
      ) : null}
    </div>
  );
}
