import { CARD_FIELD_LABELS, CARD_FIELDS, type ModelCardDto, type RiskRating } from "@/lib/schemas/model-cards";
import { formatDateTime } from "@/lib/format";
import { Markdown } from "@/components/markdown/markdown";
import { Badge } from "@/components/ui/misc";

const RISK_TONE: Record<RiskRating, "danger" | "warning" | "success" | "neutral"> = {
  high: "danger",
  medium: "warning",
  low: "success",
  unknown: "neutral",
};

export function RiskBadge({ risk }: { risk: RiskRating }) {
  return <Badge tone={RISK_TONE[risk]}>risk: {risk}</Badge>;
}

/** A model card rendered: risk, then each section as sanitised Markdown; on a version, what comes from the model. */
export function ModelCardView({ card }: { card: ModelCardDto }) {
  const isEmpty = CARD_FIELDS.every((key) => !card[key].trim());
  return (
    <div className="flex flex-col gap-3" aria-label="Model card content" role="region">
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <RiskBadge risk={card.risk} />
        {card.inherited.includes("risk") ? <span>(from the model&apos;s card)</span> : null}
        {card.updatedAt ? (
          <span>
            Updated {formatDateTime(card.updatedAt)} by {card.updatedBy}
          </span>
        ) : null}
      </div>
      {isEmpty ? (
        <p className="text-sm text-muted">No model card has been written yet.</p>
      ) : (
        CARD_FIELDS.map((key) =>
          card[key].trim() ? (
            <section key={key} aria-label={CARD_FIELD_LABELS[key]}>
              <h3 className="mb-1 text-sm font-semibold">
                {CARD_FIELD_LABELS[key]}
                {card.inherited.includes(key) ? (
                  <span className="ml-2 text-xs font-normal text-muted">from the model&apos;s card</span>
                ) : null}
              </h3>
              <Markdown>{card[key]}</Markdown>
            </section>
          ) : null,
        )
      )}
    </div>
  );
}
