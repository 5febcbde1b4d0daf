"use client";
import Link from "next/link";
import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
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
        <section
          aria-label="New webhook secret"
          className="rounded-lg border border-success/40 bg-success-soft p-4 text-sm"
        >
          <p className="font-medium text-success">
            Webhook to {created.url} created. Copy its signing secret now: it is shown only once.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code
              data-testid="new-webhook-secret"
              className="min-w-0 flex-1 truncate rounded border border-border bg-surface px-2 py-1.5 font-mono text-text"
            >
              {created.secret}
            </code>
            <CopyButton text={created.secret} label="secret" />
          </div>
          <p className="mt-2 text-muted">
            Verify each delivery&apos;s <code>webhook-signature</code> with it (any Standard Webhooks library does).{" "}
            <Link href={pages.webhook(scope, created.id)} className="text-accent hover:underline">
              Open the webhook
            </Link>{" "}
            to send a test event and see its deliveries.
          </p>
        </section>
      ) : null}
    </div>
  );
}
