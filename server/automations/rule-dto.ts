import "server-only";
import { ruleActionSchema, ruleTriggerSchema } from "@/lib/automations/rule";
import { actionResultSchema, type FiringDto, type FiringStatus, type RuleDto } from "@/lib/schemas/automations";
import { z } from "zod";

type RuleRow = {
  id: string;
  name: string;
  description: string;
  isEnabled: boolean;
  trigger: string;
  actions: string;
  cooldownSeconds: number;
  lastFiredAt: Date | null;
  createdById: string | null;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
};

export const readTrigger = (text: string) => ruleTriggerSchema.parse(JSON.parse(text));
export const readActions = (text: string) => z.array(ruleActionSchema).parse(JSON.parse(text));

export function toRuleDto(row: RuleRow, canManage: boolean): RuleDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isEnabled: row.isEnabled,
    trigger: readTrigger(row.trigger),
    actions: readActions(row.actions),
    cooldownSeconds: row.cooldownSeconds,
    lastFiredAt: row.lastFiredAt?.toISOString() ?? null,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    canManage,
  };
}

type FiringRow = {
  id: string;
  eventSeq: number;
  eventType: string;
  eventSubject: string;
  status: string;
  reason: string | null;
  depth: number;
  results: string;
  createdAt: Date;
  finishedAt: Date | null;
};

export function toFiringDto(row: FiringRow): FiringDto {
  return {
    id: row.id,
    eventId: `evt_${row.eventSeq}`,
    eventType: row.eventType,
    eventSubject: row.eventSubject,
    status: row.status as FiringStatus,
    reason: row.reason,
    depth: row.depth,
    results: z.array(actionResultSchema).parse(JSON.parse(row.results)),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
