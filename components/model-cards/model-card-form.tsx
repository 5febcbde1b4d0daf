"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  CARD_FIELD_LABELS,
  CARD_FIELDS,
  MAX_CARD_FIELD,
  RISK_RATINGS,
  type CardField,
  type ModelCardDto,
  type PutModelCardInput,
  type RiskRating,
} from "@/lib/schemas/model-cards";
import { StudioForm } from "@/components/ui/studio-form";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

const HINTS: Record<CardField, string> = {
  intendedUse: "Who should use the model, for what, and on which data.",
  limitations: "Where it fails or must not be used; known biases.",
  evaluation: "How it was evaluated: data, metrics, results, sign-offs.",
};

/**
 * Edits a model's card, or where a version's card differs from it (a field left empty, or the risk "as the
 * model's card", shows the model's). Saved with the revision it was loaded at: a card changed meanwhile is
 * not overwritten.
 */
export function ModelCardForm({
  save,
  version,
  card,
  own,
  doneHref,
}: {
  /** The server action that writes this card. */
  save: (card: PutModelCardInput) => Promise<ActionResult<unknown>>;
  version: number | null;
  /** The effective card (for a version: merged over the model's). */
  card: ModelCardDto;
  /** What the card itself holds (a version's own fields, not the model's). */
  own: Record<CardField, string> & { risk: RiskRating | "" };
  doneHref: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [fields, setFields] = useState(own);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const isVersion = version !== null;
  const submit = () => {
    setError(null);
    startTransition(async () => {
      const result = await save({
        intendedUse: fields.intendedUse,
        limitations: fields.limitations,
        evaluation: fields.evaluation,
        risk: fields.risk === "" ? null : fields.risk,
        revision: card.revision,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      if (!result.ok) return setError(result.error.message);
      toast("Model card saved");
      router.push(doneHref);
      router.refresh();
    });
  };
  return (
    <StudioForm
      label="Model card"
      onSubmit={submit}
      error={error}
      errorTitle="The card was not saved"
      submitLabel="Save card"
      pendingLabel="Saving…"
      isPending={isPending}
    >
      <Field label="Risk rating" htmlFor="card-risk">
        <Select
          id="card-risk"
          value={fields.risk}
          onChange={(e) => setFields({ ...fields, risk: e.target.value as RiskRating | "" })}
        >
          {isVersion ? (
            <option value="">
              As the model&apos;s card ({card.inherited.includes("risk") ? card.risk : "unknown"})
            </option>
          ) : null}
          {RISK_RATINGS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      </Field>
      {CARD_FIELDS.map((key) => (
        <Field
          key={key}
          label={`${CARD_FIELD_LABELS[key]} (Markdown)`}
          htmlFor={`card-${key}`}
          hint={isVersion ? `${HINTS[key]} Left empty: as the model's card says.` : HINTS[key]}
        >
          <Textarea
            id={`card-${key}`}
            rows={8}
            maxLength={MAX_CARD_FIELD}
            value={fields[key]}
            placeholder={isVersion && card.inherited.includes(key) ? card[key] : undefined}
            onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
            className="font-mono text-xs"
          />
        </Field>
      ))}
      <Field label="Why (kept in the audit trail)" htmlFor="card-reason">
        <Input id="card-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </StudioForm>
  );
}
