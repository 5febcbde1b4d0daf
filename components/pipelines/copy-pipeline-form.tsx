"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";
import type { CopyReference } from "@/lib/schemas/pipelines";
import { StudioForm } from "@/components/ui/studio-form";
import { Input } from "@/components/ui/input";
import { Badge } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";

const TONE = { matched: "success", different: "warning", missing: "danger" } as const;

/**
 * Every reference of the pipeline against the target workspace, with a choice for each one not matched: keep it
 * as written, or use another (a data version such as iris:2 or registries/shared/iris:1; a component version).
 */
export function CopyPipelineForm({
  target,
  defaultName,
  references,
  copy,
}: {
  target: string;
  defaultName: string;
  references: CopyReference[];
  copy: (input: unknown) => Promise<ActionResult<{ workspace: string; id: string }>>;
}) {
  const router = useRouter();
  const [name, setName] = useState(defaultName);
  const [choices, setChoices] = useState<Record<string, string>>(
    Object.fromEntries(references.filter((r) => r.status !== "matched").map((r) => [r.key, ""])),
  );
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const submit = () => {
    setError(null);
    const confirm = Object.fromEntries(
      Object.entries(choices).map(([k, v]) => [k, v.trim() ? `use:${v.trim()}` : "keep"]),
    );
    startTransition(async () => {
      const result = await copy({ targetWorkspace: target, name, confirm });
      if (!result.ok) return setError(result.error.message);
      router.push(pages.pipeline(result.data.workspace, result.data.id));
    });
  };
  return (
    <StudioForm
      label="Copy pipeline"
      onSubmit={submit}
      error={error}
      errorTitle="The pipeline was not copied"
      submitLabel={`Copy to ${target}`}
      pendingLabel="Copying…"
      isPending={isPending}
      className="max-w-none"
    >
      <label className="flex max-w-md flex-col gap-1 text-sm">
        <span className="font-medium">Name in {target}</span>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
      </label>
      <Table aria-label="References">
        <thead>
          <tr>
            <Th>Reference</Th>
            <Th>Used by</Th>
            <Th>In {target}</Th>
            <Th>Choice</Th>
          </tr>
        </thead>
        <tbody>
          {references.map((r) => (
            <Tr key={r.key}>
              <Td className="font-mono text-xs">
                {r.kind} {r.ref}
              </Td>
              <Td className="text-xs text-muted">{r.usedBy.join("; ")}</Td>
              <Td className="text-xs">
                <Badge tone={TONE[r.status]}>{r.status}</Badge> <span className="text-muted">{r.note}</span>
                {r.targetVersions.length ? (
                  <div className="text-muted">versions there: {r.targetVersions.join(", ")}</div>
                ) : null}
              </Td>
              <Td>
                {r.status === "matched" ? (
                  <span className="text-xs text-muted">kept</span>
                ) : (
                  <Input
                    aria-label={`Use instead of ${r.kind} ${r.ref}`}
                    placeholder={`keep ${r.ref}`}
                    value={choices[r.key] ?? ""}
                    onChange={(e) => setChoices({ ...choices, [r.key]: e.target.value })}
                    className="font-mono text-xs"
                  />
                )}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <p className="text-xs text-muted">
        Left empty, a reference is kept as written: the designer in {target} flags what {target} lacks. Nothing is
        rebound without your say.
      </p>
    </StudioForm>
  );
}
