import type { AliasFollowerDto } from "@/lib/schemas/models";

/** One sentence on what became of the deployments following an alias that moved; empty when none follow it. */
export function describeFollowers(followers: AliasFollowerDto[]): string {
  const path = (f: AliasFollowerDto) => `${f.workspace}/${f.endpoint}/${f.deployment}`;
  const parts: string[] = [];
  const moved = followers.filter((f) => f.outcome === "moved");
  if (moved.length) parts.push(`moved ${moved.map(path).join(", ")}`);
  for (const f of followers.filter((f) => f.outcome === "requested"))
    parts.push(`${path(f)} waits for approval (request #${f.request} in ${f.workspace})`);
  for (const f of followers.filter((f) => f.outcome === "refused")) parts.push(`${path(f)} stays: ${f.message}`);
  return parts.join("; ");
}
