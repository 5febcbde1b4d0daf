"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Tag, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { Badge } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { AliasFollowerDto } from "@/lib/schemas/models";
import { describeFollowers } from "@/lib/models/alias-followers";
import { formatDateTimeSeconds } from "@/lib/format";
import { pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import type { AliasChangeDto, ModelAliasDto } from "@/lib/schemas/models";

/** A model's aliases (champion → v3), the form that sets or moves one with a reason, and their history. */
export function ModelAliases({
  scope,
  name,
  aliases,
  history,
  versions,
  canWrite,
  setAlias,
}: {
  scope: ScopeRef;
  name: string;
  aliases: ModelAliasDto[];
  history: AliasChangeDto[];
  versions: number[];
  canWrite: boolean;
  setAlias: (
    alias: string,
    version: number | null,
    reason: string,
  ) => Promise<ActionResult<{ followers: AliasFollowerDto[] }>>;
}) {
  const router = useRouter();
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
  const [alias, setAliasName] = useState("champion");
  const [version, setVersion] = useState(String(versions[0] ?? ""));
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const versionLink = (v: number) => (
    <Link className="text-accent hover:underline" href={pages.assetVersion(scope, "models", name, v)}>
      v{v}
    </Link>
  );
  const submit = (target: string, to: number | null, why: string) =>
    startTransition(async () => {
      const result = await setAlias(target, to, why);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      setReason("");
      const followers = describeFollowers(result.data.followers);
      toast(to === null ? `Alias ${target} removed` : `${target} → version ${to}${followers ? `: ${followers}` : ""}`);
      router.refresh();
    });

  return (
    <section aria-label="Aliases" className="mb-6 rounded-lg border border-border p-4">
      <h2 className="mb-2 flex items-center gap-2 text-sm font-semibold">
        <Tag size={14} aria-hidden /> Aliases
      </h2>
      {aliases.length ? (
        <ul className="mb-3 flex flex-wrap gap-2" aria-label="Current aliases">
          {aliases.map((a) => (
            <li key={a.alias} className="flex items-center gap-1">
              <Badge tone="accent">@{a.alias}</Badge> → {versionLink(a.version)}
              {canWrite ? (
                <button
                  type="button"
                  className="rounded p-0.5 text-muted hover:text-fg"
                  aria-label={`Remove alias ${a.alias}`}
                  disabled={isPending}
                  onClick={() => submit(a.alias, null, "")}
                >
                  <X size={12} aria-hidden />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-muted">No alias yet. Deployments and MLflow's client can follow one.</p>
      )}
      {canWrite && versions.length ? (
        <form
          aria-label="Set an alias"
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            submit(alias.trim(), Number(version), reason);
          }}
        >
          <Field label="Alias" htmlFor="alias-name">
            <Input
              id="alias-name"
              value={alias}
              onChange={(e) => setAliasName(e.target.value)}
              className="w-40 font-mono"
            />
          </Field>
          <Field label="Version" htmlFor="alias-version">
            <Select id="alias-version" value={version} onChange={(e) => setVersion(e.target.value)}>
              {versions.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Reason" htmlFor="alias-reason">
            <Input
              id="alias-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="w-64"
              placeholder="why it moves"
            />
          </Field>
          <Button type="submit" variant="primary" disabled={isPending || !alias.trim()}>
            Set alias
          </Button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
      {history.length ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-muted">History ({history.length})</summary>
          <Table aria-label="Alias history" className="mt-2">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Alias</Th>
                <Th>Moved</Th>
                <Th>By</Th>
                <Th>Reason</Th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <Tr key={`${h.at}-${i}`}>
                  <Td className="whitespace-nowrap font-mono text-xs">{formatDateTimeSeconds(h.at)}</Td>
                  <Td>@{h.alias}</Td>
                  <Td className="whitespace-nowrap">
                    {h.previousVersion ? versionLink(h.previousVersion) : "—"} →{" "}
                    {h.version ? versionLink(h.version) : "removed"}
                  </Td>
                  <Td className="text-muted">{h.by}</Td>
                  <Td className="text-muted">{h.reason ?? ""}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </details>
      ) : null}
    </section>
  );
}
