import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/server/db";
import { createJobSchema, type CreateJobInput } from "@/lib/schemas/jobs";
import type { JobDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { jobEventData } from "@/server/jobs/job-event-data";
import { upsertExperiment } from "@/server/jobs/experiments";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobDto } from "@/server/jobs/find-job";
import { withRunName } from "@/server/jobs/run-names";
import { withoutCredentials } from "@/lib/git/url";

/** A job name: short, URL-safe and unique in practice (50 random bits); the unique index is the guard. */
export function newJobName(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return "job-" + Array.from(randomBytes(10), (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * Opens a job that is run and logged from outside the studio (a script on a laptop, as an MLflow run
 * is): it starts as running and the script logs into it, then finishes it. The experiment is created
 * on first use.
 */
export async function createExternalJob(actor: Actor, workspace: string, input: CreateJobInput): Promise<JobDto> {
  const data = createJobSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const name = newJobName();
  await withRunName(scope.id, data.displayName, (naming) =>
    db.$transaction(async (tx) => {
      const experiment = await upsertExperiment(tx, scope.id, data.experiment, actor.userId);
      const now = new Date();
      const job = await tx.job.create({
        data: {
          scopeId: scope.id,
          experimentId: experiment.id,
          name,
          displayName: naming.displayName,
          generatedName: naming.generatedName,
          kind: "external",
          status: "running",
          compute: "external",
          command: data.command ?? null,
          gitRepository: data.git?.repository ? withoutCredentials(data.git.repository) : null,
          gitDirty: data.git?.dirty ?? null,
          gitBranch: data.git?.branch ?? null,
          gitCommit: data.git?.commit ?? null,
          createdById: actor.userId,
          createdByLabel: actor.email,
          createdAt: now,
          startedAt: now,
          params: { createMany: { data: Object.entries(data.params).map(([key, value]) => ({ key, value })) } },
          tags: { createMany: { data: Object.entries(data.tags).map(([key, value]) => ({ key, value })) } },
        },
      });
      await recordEvent(tx, {
        actor,
        action: "job.created",
        subject: { type: "job", id: job.id, label: name },
        scopeId: scope.id,
        data: await jobEventData(tx, job.id, "running"),
      });
    }),
  );
  return findJobDto(db, scope, name);
}
