import { Badge } from "@/components/ui/misc";

/** How user code was (or is) isolated: bubblewrap, or a plain warning that it was not. */
export function SandboxBadge({ sandbox }: { sandbox: "bubblewrap" | "none" }) {
  return sandbox === "bubblewrap" ? (
    <Badge tone="success">sandboxed (bubblewrap)</Badge>
  ) : (
    <Badge tone="warning">not sandboxed</Badge>
  );
}
