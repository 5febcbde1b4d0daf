import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";
import { requirePageActor } from "@/server/auth/session";
import { lineageGraph } from "@/server/lineage/lineage-graph";
import { Alert, PageHeader } from "@/components/ui/misc";
import { TabLinks } from "@/components/ui/tabs";
import { LineageGraphView } from "@/components/lineage/lineage-graph";
import { lineageHref } from "@/lib/routes";

export const metadata = { title: "Lineage" };

/** The lineage graph of one asset (`?asset=kind:scope/name:version`), upstream, downstream or both. */
export default async function LineagePage({
  searchParams,
}: {
  searchParams: Promise<{ asset?: string; direction?: string; depth?: string }>;
}) {
  const actor = await requirePageActor();
  const { asset = "", direction = "both", depth } = await searchParams;
  let graph: Awaited<ReturnType<typeof lineageGraph>> | null = null;
  let error: string | null = null;
  try {
    graph = await lineageGraph(actor, { asset, direction, ...(depth ? { depth } : {}) });
  } catch (e) {
    if (!isAppError(e) && !(e instanceof ZodError)) throw e;
    error = isAppError(e) && e.code === "not_found" ? `Nothing called ${asset} that you can read.` : e.message;
  }
  return (
    <>
      <PageHeader title="Lineage" subtitle={asset || "Open it from a model version, job, data version or endpoint."} />
      <div className="mb-3">
        <TabLinks
          label="Direction"
          current={direction}
          tabs={[
            { id: "both", label: "Both ways", href: lineageHref(asset, "both") },
            { id: "up", label: "Upstream", href: lineageHref(asset, "up") },
            { id: "down", label: "Downstream", href: lineageHref(asset, "down") },
          ]}
        />
      </div>
      {error ? <Alert title="No lineage to show">{error}</Alert> : null}
      {graph ? (
        <>
          <p className="mb-2 text-xs text-muted">
            {graph.nodes.length} nodes, {graph.edges.length} edges. Dashed nodes are in a workspace you are not a member
            of: shown, not opened.
            {graph.truncated ? " The graph was cut short: ask for less depth." : ""}
          </p>
          <LineageGraphView graph={graph} />
        </>
      ) : null}
    </>
  );
}
