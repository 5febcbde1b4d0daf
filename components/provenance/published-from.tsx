import Link from "next/link";
import { pages } from "@/lib/routes";
import type { ModelVersionDto } from "@/lib/schemas/dto";

type Origin = NonNullable<ModelVersionDto["publishedFrom"]>;

/**
 * Where a registry copy was published from: a link when the reader may see that workspace, otherwise
 * only that it came from one they are not a member of (never a dead link, never its name).
 */
export function PublishedFrom({
  origin,
  segment,
}: {
  origin: Origin;
  segment: "models" | "environments" | "data" | "components";
}) {
  const by = (
    <span className="block text-muted">
      by {origin.publishedBy}: “{origin.reason}”
    </span>
  );
  if (!origin.isVisible || !origin.scope || !origin.name || origin.version === null) {
    return (
      <>
        <span>a workspace you are not a member of</span>
        {by}
      </>
    );
  }
  return (
    <>
      <Link
        className="text-accent hover:underline"
        href={pages.assetVersion(origin.scope, segment, origin.name, origin.version)}
      >
        {origin.scope.kind} {origin.scope.name} / {origin.name}:{origin.version}
      </Link>
      {by}
    </>
  );
}
