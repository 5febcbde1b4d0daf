import Link from "next/link";
import { pages } from "@/lib/routes";
import type { RegisteredModelDto } from "@/lib/schemas/lineage";
import { formatDateTime } from "@/lib/format";
import { Badge, Card } from "@/components/ui/misc";

/** A job's card of the model versions registered from it (and their registry copies). */
export function RegisteredModelsCard({
  models,
  lineageHref,
}: {
  models: { items: RegisteredModelDto[]; hidden: number };
  /** The job's lineage graph. */
  lineageHref: string;
}) {
  return (
    <Card
      title="Registered models"
      actions={
        <Link className="text-sm text-accent hover:underline" href={lineageHref}>
          Lineage graph
        </Link>
      }
    >
      {models.items.length ? (
        <ul aria-label="Registered models" className="text-sm">
          {models.items.map((m) => (
            <li key={`${m.scope.kind}/${m.scope.name}/${m.name}:${m.version}`} className="py-0.5">
              <Link
                className="text-accent hover:underline"
                href={pages.assetVersion(m.scope, "models", m.name, m.version)}
              >
                {m.name}:{m.version}
              </Link>{" "}
              {m.scope.kind === "registry" ? <Badge tone="accent">registry {m.scope.name}</Badge> : null}{" "}
              <span className="text-xs text-muted">{formatDateTime(m.createdAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">No model has been registered from this job.</p>
      )}
      {models.hidden ? (
        <p className="mt-1 text-xs text-muted">
          And {models.hidden} cop{models.hidden === 1 ? "y" : "ies"} in registries you are not a member of.
        </p>
      ) : null}
    </Card>
  );
}
