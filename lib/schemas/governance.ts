import { z } from "zod";
import { SCOPE_KINDS } from "@/lib/scopes";

// Approvals: a workspace or registry policy turns deploying, setting traffic or publishing into a promotion
// request that approvers decide. The request carries the action's validated input, the reason and evidence
// taken at request time; applying it runs the same domain function the requester called.

// "follow": a deployment that follows a model alias moves to the alias's new version.
export const PROMOTION_KINDS = ["deploy", "traffic", "publish", "follow"] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];
export const PROMOTION_STATES = ["pending", "approved", "rejected", "canceled"] as const;
export type PromotionState = (typeof PROMOTION_STATES)[number];

/** An approver: a member's e-mail, or every member with at least a role ("role:owner"). */
export const approverSchema = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .refine(
    (v) => /^role:(owner|contributor|reader)$/.test(v) || /^[^\s@]+@[^\s@]+$/.test(v),
    'An approver is a member\'s e-mail or a role: "role:owner", "role:contributor" or "role:reader".',
  );

export const putPolicySchema = z
  .object({
    requireApproval: z
      .object({
        deploy: z.boolean().default(false),
        traffic: z.boolean().default(false),
        publish: z.boolean().default(false),
      })
      .strict()
      .default({ deploy: false, traffic: false, publish: false }),
    approvers: z.array(approverSchema).max(50).default(["role:owner"]),
    minApprovals: z.number().int().min(1).max(10).default(1),
    registryAssetsOnly: z.boolean().default(false),
    requireModelCard: z.boolean().default(false),
  })
  .strict();
export type PutPolicyInput = z.input<typeof putPolicySchema>;

export const policySchema = z.object({
  scope: z.object({ kind: z.enum(SCOPE_KINDS), name: z.string() }),
  requireApproval: z.object({ deploy: z.boolean(), traffic: z.boolean(), publish: z.boolean() }),
  approvers: z.array(z.string()),
  minApprovals: z.number().int(),
  registryAssetsOnly: z.boolean(),
  requireModelCard: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type PolicyDto = z.infer<typeof policySchema>;

/** The part of a policy a request keeps: who may approve it, and how many must. */
export const policySnapshotSchema = z.object({
  approvers: z.array(z.string()),
  minApprovals: z.number().int(),
  requireModelCard: z.boolean(),
});
export type PolicySnapshot = z.infer<typeof policySnapshotSchema>;

export const decidePromotionSchema = z.object({ comment: z.string().trim().max(2000).default("") }).strict();

export const listPromotionsQuerySchema = z.object({
  state: z.enum(PROMOTION_STATES).optional(),
  /** Across scopes: "me" = requests I may decide; "mine" = requests I made. */
  for: z.enum(["me", "mine"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const promotionDecisionSchema = z.object({
  user: z.string(),
  decision: z.enum(["approve", "reject", "cancel"]),
  comment: z.string(),
  at: z.string(),
});

export const promotionSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    scope: z.object({ kind: z.enum(SCOPE_KINDS), name: z.string() }),
    kind: z.enum(PROMOTION_KINDS),
    state: z.enum(PROMOTION_STATES),
    summary: z.string(),
    reason: z.string(),
    /** The action as it will be applied (the validated input of the deploy, traffic or publish call). */
    action: z.record(z.string(), z.unknown()),
    model: z
      .object({
        scope: z.object({ kind: z.enum(SCOPE_KINDS), name: z.string() }),
        name: z.string(),
        version: z.number().int(),
      })
      .nullable(),
    endpoint: z.string().nullable(),
    requestedBy: z.string(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    appliedAt: z.string().nullable(),
    result: z.string().nullable(),
    applyError: z.string().nullable(),
    policy: policySnapshotSchema,
    decisions: z.array(promotionDecisionSchema),
    approvals: z.number().int(),
    /** What the reader may do with it now. */
    canApprove: z.boolean(),
    canCancel: z.boolean(),
    evidence: z.record(z.string(), z.unknown()),
  })
  .describe("A promotion request: a deployment, traffic change or publication held for approval, with its evidence.");
export type PromotionDto = z.infer<typeof promotionSchema>;

/** Asking for approval directly (even where the policy would not require it): the action and why. */
export const createPromotionSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("deploy"),
    endpoint: z.string().min(1).max(63),
    deployment: z
      .record(z.string(), z.unknown())
      .describe("The deployment, as POST …/endpoints/{endpoint}/deployments takes it"),
    reason: z.string().trim().min(1).max(1000),
  }),
  z.strictObject({
    kind: z.literal("traffic"),
    endpoint: z.string().min(1).max(63),
    traffic: z.record(z.string(), z.unknown()).describe("The setting, as PUT …/endpoints/{endpoint}/traffic takes it"),
    reason: z.string().trim().min(1).max(1000),
  }),
  z.strictObject({
    kind: z.literal("publish"),
    name: z.string().min(1).max(255).describe("The model's name in the registry"),
    source: z.object({ workspace: z.string(), name: z.string(), version: z.number().int().positive() }),
    reason: z.string().trim().min(1).max(1000),
  }),
]);
