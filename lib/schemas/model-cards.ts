import { z } from "zod";
import { SCOPE_KINDS } from "@/lib/scopes";

// Model cards: Markdown per model, and per version where it differs (an empty field of a version's card means
// "as the model's card says"). Rendered sanitised, never as raw HTML.

export const RISK_RATINGS = ["high", "medium", "low", "unknown"] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];
export const CARD_FIELDS = ["intendedUse", "limitations", "evaluation"] as const;
export type CardField = (typeof CARD_FIELDS)[number];
export const CARD_FIELD_LABELS: Record<CardField, string> = {
  intendedUse: "Intended use",
  limitations: "Limitations",
  evaluation: "Evaluation notes",
};
export const MAX_CARD_FIELD = 20_000;

const markdown = z.string().max(MAX_CARD_FIELD, `At most ${MAX_CARD_FIELD} characters.`);

export const putModelCardSchema = z
  .object({
    intendedUse: markdown.optional(),
    limitations: markdown.optional(),
    evaluation: markdown.optional(),
    /** On a version's card, null: as the model's card says. */
    risk: z.enum(RISK_RATINGS).nullable().optional(),
    /** The revision the edit was made from: a card changed since answers 409 instead of being overwritten. */
    revision: z.number().int().min(0).optional(),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();
export type PutModelCardInput = z.input<typeof putModelCardSchema>;

export const modelCardSchema = z
  .object({
    scope: z.object({ kind: z.enum(SCOPE_KINDS), name: z.string() }),
    model: z.string(),
    /** null: the model's card; a number: that version's card with the model's filling its empty fields. */
    version: z.number().int().nullable(),
    intendedUse: z.string(),
    limitations: z.string(),
    evaluation: z.string(),
    risk: z.enum(RISK_RATINGS),
    /** On a version's card: which fields come from the model's card rather than the version's own. */
    inherited: z.array(z.enum([...CARD_FIELDS, "risk"])),
    /** 0 while no card was written (for a version: no card of its own). */
    revision: z.number().int(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
    /** Whether the card says anything: some text, and a risk rating other than unknown. */
    isComplete: z.boolean(),
  })
  .describe("A model card (Markdown fields and a risk rating), for a model or, merged over it, one of its versions.");
export type ModelCardDto = z.infer<typeof modelCardSchema>;
