"use client";
import { useState } from "react";
import { KeyRound } from "lucide-react";
import { ShownOnce } from "@/components/ui/shown-once";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { Alert, Badge, EmptyState } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useServerAction } from "@/components/ui/use-server-action";
import { useNow } from "@/components/ui/use-now";
import { formatDateTime } from "@/lib/format";
import type { ActionResult } from "@/lib/action-result";

type Token = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

/** The page's server actions. */
export type TokenActions = {
  create: (input: { name: string; expiresInDays?: number }) => Promise<ActionResult<{ token: string; name: string }>>;
  revoke: (tokenId: string) => Promise<ActionResult<unknown>>;
};

export function TokenManager({ tokens, actions }: { tokens: Token[]; actions: TokenActions }) {
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const { error, isPending, run } = useServerAction();
  const now = useNow({ intervalMs: 60_000 });
  return (
    <div className="flex flex-col gap-6">
      <form
        aria-label="Create access token"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const days = String(form.get("expires") ?? "");
          run(
            () =>
              actions.create({
                name: String(form.get("name") ?? ""),
                expiresInDays: days ? Number(days) : undefined,
              }),
            null,
            setCreated,
          );
        }}
      >
        <Field label="Token name" htmlFor="token-name" className="min-w-64 flex-1">
          <Input id="token-name" name="name" required maxLength={100} placeholder="training laptop" />
        </Field>
        <Field label="Expires" htmlFor="token-expires">
          <Select id="token-expires" name="expires" defaultValue="90">
            <option value="7">in 7 days</option>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="">never</option>
          </Select>
        </Field>
        <Button type="submit" variant="primary" disabled={isPending}>
          <KeyRound size={14} aria-hidden /> Create token
        </Button>
        {error ? (
          <div className="w-full">
            <Alert>{error}</Alert>
          </div>
        ) : null}
      </form>
      {created ? (
        <ShownOnce
          label="New token"
          title={`Token “${created.name}” created. Copy it now: it is shown only once.`}
          secret={created.token}
          what="token"
          testId="new-token"
        >
          Use it as <code>Authorization: Bearer &lt;token&gt;</code>.
        </ShownOnce>
      ) : null}
      {tokens.length === 0 ? (
        <EmptyState title="No access tokens">Create one for scripts and CI.</EmptyState>
      ) : (
        <Table aria-label="Access tokens">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Token</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Expires</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => {
              const isExpired = t.expiresAt !== null && Date.parse(t.expiresAt) <= now;
              return (
                <Tr key={t.id}>
                  <Td className="font-medium">{t.name}</Td>
                  <Td className="font-mono text-muted">{t.prefix}…</Td>
                  <Td className="whitespace-nowrap text-muted">{formatDateTime(t.createdAt)}</Td>
                  <Td className="whitespace-nowrap text-muted">
                    {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}
                  </Td>
                  <Td className="whitespace-nowrap text-muted">
                    {t.expiresAt ? formatDateTime(t.expiresAt) : "never"}
                  </Td>
                  <Td>
                    {t.revokedAt ? (
                      <Badge tone="danger">revoked</Badge>
                    ) : isExpired ? (
                      <Badge tone="warning">expired</Badge>
                    ) : (
                      <Badge tone="success">active</Badge>
                    )}
                  </Td>
                  <Td>
                    {!t.revokedAt ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Revoke token ${t.name}`}
                        disabled={isPending}
                        onClick={() => run(() => actions.revoke(t.id), `Token “${t.name}” revoked`)}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </div>
  );
}
