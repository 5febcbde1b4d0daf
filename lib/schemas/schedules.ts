import { z } from "zod";
import { scheduleTriggerSchema } from "@/lib/schedules/trigger";

// What the schedule routes take and answer. When a schedule fires is lib/schedules/trigger.ts; here is
// what it runs and how.

export const scheduleTargetSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("pipeline"),
      /** The pipeline's id. */
      pipeline: z.string().trim().min(1, "Choose the pipeline to run.").max(64),
      /** Its latest submitted version, a fixed version, or the draft as it is at firing time. */
      version: z.union([z.literal("latest"), z.literal("draft"), z.number().int().positive()]).default("latest"),
      inputs: z
        .record(
          z.string().max(128),
          z.union([z.string().max(4096), z.number(), z.boolean(), z.object({ data: z.string().min(1).max(400) })]),
        )
        .default({}),
    })
    .strict(),
  z
    .object({
      /** A job run again as a template (command or pipeline job): same code, command, inputs, environment. */
      kind: z.literal("job"),
      job: z.string().trim().min(1, "Name the job to run again.").max(200),
    })
    .strict(),
  z
    .object({
      /** A model monitor's run over the window that ends at the firing time. */
      kind: z.literal("monitor"),
      monitor: z.string().trim().min(1, "Choose the monitor to run.").max(100),
    })
    .strict(),
]);
export type ScheduleTarget = z.infer<typeof scheduleTargetSchema>;

const instant = z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time with an offset or Z." });

const scheduleFields = {
  name: z
    .string()
    .trim()
    .min(1, "Give the schedule a name.")
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, "A schedule's name uses letters, digits, spaces, _ . and -."),
  description: z.string().trim().max(2000).default(""),
  isEnabled: z.boolean().default(true),
  trigger: scheduleTriggerSchema,
  /** An IANA time zone (Europe/Berlin); Azure's Windows names (W. Europe Standard Time) are accepted too. */
  timeZone: z.string().trim().min(1).max(100).default("UTC"),
  startAt: instant.nullish(),
  endAt: instant.nullish(),
  target: scheduleTargetSchema,
  /** Whether a run may start while the previous one is still queued or running (else it is skipped). */
  allowOverlap: z.boolean().default(false),
  /** After downtime, whether the missed time is made up (one run, however many were missed). */
  catchUp: z.boolean().default(false),
};

const jsonScheduleSchema = z.object(scheduleFields).strict();
const yamlScheduleSchema = z
  .object({
    yaml: z
      .string()
      .min(1)
      .max(64 * 1024),
    name: scheduleFields.name.optional(),
    description: z.string().trim().max(2000).optional(),
    isEnabled: z.boolean().default(true),
    target: scheduleTargetSchema.optional(),
    allowOverlap: z.boolean().default(false),
    catchUp: z.boolean().default(false),
  })
  .strict();

/** A schedule as JSON, or its trigger from Azure ML schedule YAML (`yaml`) with the rest beside it. */
export const createScheduleSchema = z.union([jsonScheduleSchema, yamlScheduleSchema]);
export type CreateScheduleInput = z.input<typeof createScheduleSchema>;

/** Parses a create by its form (a union would only say "Invalid input" when a field of either is wrong). */
export function parseCreateSchedule(input: unknown): z.output<typeof createScheduleSchema> {
  const isYaml = typeof input === "object" && input !== null && "yaml" in input;
  return isYaml ? yamlScheduleSchema.parse(input) : jsonScheduleSchema.parse(input);
}

export const updateScheduleSchema = z
  .object({
    name: scheduleFields.name.optional(),
    description: z.string().trim().max(2000).optional(),
    isEnabled: z.boolean().optional(),
    trigger: scheduleTriggerSchema.optional(),
    timeZone: z.string().trim().min(1).max(100).optional(),
    startAt: instant.nullish(),
    endAt: instant.nullish(),
    target: scheduleTargetSchema.optional(),
    allowOverlap: z.boolean().optional(),
    catchUp: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to change.");
export type UpdateScheduleInput = z.input<typeof updateScheduleSchema>;

export const SCHEDULE_RUN_STATUSES = ["firing", "submitted", "skipped", "failed"] as const;
export const SCHEDULE_RUN_TRIGGERS = ["schedule", "manual", "catch_up"] as const;

export const scheduleDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  isEnabled: z.boolean(),
  trigger: scheduleTriggerSchema,
  timeZone: z.string(),
  startAt: z.iso.datetime().nullable(),
  endAt: z.iso.datetime().nullable(),
  /** The trigger in words: "Every 2 days at 04:00 and 04:30 (Europe/Berlin)". */
  summary: z.string(),
  target: scheduleTargetSchema,
  allowOverlap: z.boolean(),
  catchUp: z.boolean(),
  nextFireAt: z.iso.datetime().nullable(),
  /** The next few fire times (five at most), for a preview. */
  upcoming: z.array(z.iso.datetime()),
  lastFiredAt: z.iso.datetime().nullable(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  /** Whether the caller may change, run or delete it (its author, or an owner). */
  canManage: z.boolean(),
  /** What importing Azure YAML left out or changed, on the answer to a create from YAML. */
  warnings: z.array(z.string()).optional(),
});
export type ScheduleDto = z.infer<typeof scheduleDtoSchema>;

export const scheduleRunDtoSchema = z.object({
  id: z.string(),
  scheduledFor: z.iso.datetime(),
  firedAt: z.iso.datetime(),
  trigger: z.enum(SCHEDULE_RUN_TRIGGERS),
  status: z.enum(SCHEDULE_RUN_STATUSES),
  reason: z.string().nullable(),
  job: z.string().nullable(),
  /** A monitor schedule's run it queued. */
  monitorRun: z.string().nullable(),
});
export type ScheduleRunDto = z.infer<typeof scheduleRunDtoSchema>;

export const listScheduleRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A preview of fire times for the form, before anything is saved. */
export const previewScheduleSchema = z
  .object({
    trigger: scheduleTriggerSchema,
    timeZone: z.string().trim().min(1).max(100).default("UTC"),
    startAt: instant.nullish(),
    endAt: instant.nullish(),
  })
  .strict();
