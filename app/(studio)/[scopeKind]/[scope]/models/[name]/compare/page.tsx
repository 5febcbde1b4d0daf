import Link from "next/link";
import type { ReactNode } from "react";
import { formatMetricValue } from "@/lib/metric-chart";
import { pages } from "@/lib/routes";
import { isAppError } from "@/lib/errors";
import { loadScopePage, safeDecode } from "@/server/http/pages";
import { getModelVersion } from "@/server/models/get-model-version";
import { getModelCard } from "@/server/models/model-cards";
import { Alert, PageHeader } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { RiskBadge } from "@/components/model-cards/model-card-view";

export const metadata = { title: "Compare versions" };

/** Two or more versions side by side: tags, properties, training metrics and params, lineage and card. */
export default async function CompareVersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string; name: string }>;
  searchParams: Promise<{ versions?: string | string[] }>;
}) {
  const p = await params;
  const { actor, ref } = await loadScopePage(p);
  const name = safeDecode(p.name);
  const raw = (await searchParams).versions;
  const numbers = [...new Set((Array.isArray(raw) ? raw : (raw ?? "").split(",")).map(Number))]
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b)
    .slice(0, 8);
  const found = await Promise.all(
    numbers.map(async (n) => {
      try {
        const [version, card] = await Promise.all([
          getModelVersion(actor, ref, name, n),
          getModelCard(actor, ref, name, n),
        ]);
        return { version, card };
      } catch (error) {
        if (isAppError(error) && error.code === "not_found") return null;
        throw error;
      }
    }),
  );
  const columns = found.filter((c) => c !== null);
  const missing = numbers.filter((_, i) => !found[i]);
  const keys = (pick: (c: (typeof columns)[number]) => Record<string, unknown>) =>
    [...new Set(columns.flatMap((c) => Object.keys(pick(c))))].sort();
  const row = (label: string, cell: (c: (typeof columns)[number]) => ReactNode, differs?: boolean) => (
    <Tr key={label}>
      <Td className={`text-xs ${differs ? "font-semibold" : "text-muted"}`}>{label}</Td>
      {columns.map((c) => (
        <Td key={c.version.version} className="text-xs">
          {cell(c)}
        </Td>
      ))}
    </Tr>
  );
  const textRow = (label: string, value: (c: (typeof columns)[number]) => string | undefined) => {
    const values = columns.map((c) => value(c) ?? "—");
    return row(label, (c) => <span className="font-mono">{value(c) ?? "—"}</span>, new Set(values).size > 1);
  };
  const section = (title: string) => (
    <Tr key={`h-${title}`}>
      <Td colSpan={columns.length + 1} className="bg-surface-2 text-xs font-semibold">
        {title}
      </Td>
    </Tr>
  );
  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={`${pages.asset(ref, "models", name)}/leaderboard`} className="hover:underline">
            {name} leaderboard
          </Link>
        }
        title="Compare versions"
        subtitle="Rows in bold differ between the versions"
      />
      {missing.length ? <Alert tone="warning">{`No version ${missing.join(", ")} of ${name}.`}</Alert> : null}
      {columns.length < 2 ? (
        <Alert tone="info">Choose two or more versions on the leaderboard to compare them.</Alert>
      ) : (
        <div className="overflow-x-auto">
          <Table aria-label="Versions side by side">
            <thead>
              <tr>
                <Th>
                  <span className="sr-only">Field</span>
                </Th>
                {columns.map((c) => (
                  <Th key={c.version.version}>
                    <Link
                      className="text-accent hover:underline"
                      href={pages.assetVersion(ref, "models", name, c.version.version)}
                    >
                      Version {c.version.version}
                    </Link>
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {section("Training metrics (last)")}
              {keys((c) => c.version.lineage?.metrics ?? {}).map((k) =>
                textRow(k, (c) => {
                  const m = c.version.lineage?.metrics[k];
                  return m ? formatMetricValue(m.last) : undefined;
                }),
              )}
              {section("Params")}
              {keys((c) => c.version.lineage?.params ?? {}).map((k) => textRow(k, (c) => c.version.lineage?.params[k]))}
              {section("Lineage")}
              {textRow("job", (c) => c.version.lineage?.job.name)}
              {textRow("commit", (c) => c.version.lineage?.git?.commit)}
              {textRow("environment", (c) =>
                c.version.lineage?.environment
                  ? `${c.version.lineage.environment.name}:${c.version.lineage.environment.version}`
                  : undefined,
              )}
              {textRow(
                "data",
                (c) =>
                  c.version.lineage?.data.map((d) => (d.name ? `${d.name}:${d.version}` : d.input)).join(", ") ||
                  undefined,
              )}
              {section("Tags")}
              {keys((c) => c.version.tags).map((k) => textRow(k, (c) => c.version.tags[k]))}
              {section("Properties")}
              {keys((c) => c.version.properties).map((k) => textRow(k, (c) => c.version.properties[k]))}
              {section("Model card")}
              {row(
                "risk",
                (c) => (
                  <RiskBadge risk={c.card.risk} />
                ),
                new Set(columns.map((c) => c.card.risk)).size > 1,
              )}
              {textRow("card", (c) => (c.card.isComplete ? "written" : "incomplete"))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
