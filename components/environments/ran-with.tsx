import Link from "next/link";
import type { RuntimeDto } from "@/lib/schemas/runtime";
import { pages } from "@/lib/routes";
import { Badge, Card, DetailRow } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";

/**
 * What a job or a deployment's Python really ran with, beside what its environment asked for: the interpreter
 * and Python version, each requirement against the version installed (a difference is marked), and every
 * installed package.
 */
export function RanWith({
  workspace,
  runtime,
  title = "Ran with",
}: {
  workspace: string;
  runtime: RuntimeDto | null;
  title?: string;
}) {
  if (!runtime) return null;
  const misses = runtime.requirements.filter((r) => !r.isMet).length + (runtime.python?.isMet === false ? 1 : 0);
  return (
    <Card title={title}>
      <dl>
        <DetailRow label="Python">
          <span className="font-mono text-xs">{runtime.pythonVersion ?? "not found"}</span>
          {runtime.python ? (
            <span className="ml-2">
              <Badge tone={runtime.python.isMet ? "success" : "danger"}>
                asked {runtime.python.wanted.replace(/^=(?!=)/, "")}
              </Badge>
            </span>
          ) : null}
          {runtime.interpreter ? (
            <span className="block break-all font-mono text-xs text-muted">{runtime.interpreter}</span>
          ) : null}
        </DetailRow>
        <DetailRow label="Environment">
          {runtime.buildJob ? (
            <>
              built by{" "}
              <Link
                className="font-mono text-xs text-accent hover:underline"
                href={pages.job(workspace, runtime.buildJob)}
              >
                {runtime.buildJob}
              </Link>
            </>
          ) : (
            <span className="text-muted">the machine&apos;s own Python (nothing to build)</span>
          )}
        </DetailRow>
      </dl>
      {runtime.requirements.length ? (
        <>
          <p className="mt-3 text-xs text-muted">
            {misses
              ? `${misses} of what the environment asked for differs from what ran.`
              : "Everything the environment asked for is what ran."}
          </p>
          <div className="mt-2" />
          <Table aria-label="Requirements: asked and installed">
            <thead>
              <Tr>
                <Th>Package</Th>
                <Th>Asked</Th>
                <Th>Installed</Th>
              </Tr>
            </thead>
            <tbody>
              {runtime.requirements.map((r) => (
                <Tr key={r.name} data-mismatch={!r.isMet || undefined}>
                  <Td className="font-mono text-xs">{r.name}</Td>
                  <Td className="font-mono text-xs">{r.wanted}</Td>
                  <Td className={r.isMet ? "font-mono text-xs" : "font-mono text-xs font-semibold text-danger"}>
                    {r.installed ?? "missing"}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}
      {runtime.packages?.length ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-accent">All {runtime.packages.length} installed packages</summary>
          <pre className="mt-2 max-h-64 overflow-auto rounded-md border border-border bg-surface-2 p-2 font-mono text-xs">
            {runtime.packages.join("\n")}
          </pre>
        </details>
      ) : null}
    </Card>
  );
}
