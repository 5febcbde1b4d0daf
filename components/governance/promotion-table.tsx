import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { pages } from "@/lib/routes";
import type { PromotionDto } from "@/lib/schemas/governance";
import { Badge } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";

const STATE_TONE = { pending: "warning", approved: "success", rejected: "danger", canceled: "neutral" } as const;

export function PromotionState({ promotion }: { promotion: Pick<PromotionDto, "state" | "applyError"> }) {
  return (
    <Badge tone={promotion.applyError ? "danger" : STATE_TONE[promotion.state]}>
      {promotion.applyError ? "approved, not applied" : promotion.state}
    </Badge>
  );
}

/** Promotion requests as a table; `showScope` when they come from several workspaces and registries. */
export function PromotionTable({
  promotions,
  label,
  showScope = false,
}: {
  promotions: PromotionDto[];
  label: string;
  showScope?: boolean;
}) {
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>Request</Th>
          {showScope ? <Th>Where</Th> : null}
          <Th>Requested by</Th>
          <Th>When</Th>
          <Th>Approvals</Th>
          <Th>State</Th>
        </tr>
      </thead>
      <tbody>
        {promotions.map((p) => (
          <Tr key={p.id}>
            <Td>
              <Link className="text-accent hover:underline" href={pages.promotion(p.scope, p.id)}>
                #{p.number} {p.summary}
              </Link>
              <div className="text-xs text-muted">“{p.reason}”</div>
            </Td>
            {showScope ? (
              <Td className="text-sm">
                {p.scope.kind} {p.scope.name}
              </Td>
            ) : null}
            <Td className="text-sm">{p.requestedBy}</Td>
            <Td className="text-xs text-muted">{formatDateTime(p.createdAt)}</Td>
            <Td className="text-sm">
              {p.approvals} of {p.policy.minApprovals}
            </Td>
            <Td>
              <PromotionState promotion={p} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
