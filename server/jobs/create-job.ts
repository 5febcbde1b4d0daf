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

/** What a job logged from outside starts with (the studio's own API and MLflow's runs/create both open one). */
export type ExternalJobStart = {
  experimentId: string;
  displayName: string | null;
  command: string | null;
  git: { repository: string | null; branch: string | null; commit: string | null; dirty: boolean | null };
  startedAt?: Date;
  params: Record<string, string>;
  tags: Record<string, string>;
};

/** Inserts a running external job, with its run name and its job.created event; answers its name. */
export async function openExternalJob(actor: Actor, scope: { id: string }, start: ExternalJobStart): Promise<string> {
  const name = newJobName();
  await withRunName(scope.id, start.displayName, (naming) =>
    db.$transaction(async (tx) => {
      const now = new Date();
      const job = await tx.job.create({
        data: {
          scopeId: scope.id,
          experimentId: start.experimentId,
          name,
          displayName: naming.displayName,
          generatedName: naming.generatedName,
          kind: "external",
          status: "running",
          compute: "external",
          command: start.command,
          gitRepository: start.git.repository ? withoutCredentials(start.git.repository) : null,
          gitDirty: start.git.dirty,
          gitBranch: start.git.branch,
          gitCommit: start.git.commit,
          createdById: actor.userId,
          createdByLabel: actor.email,
          createdAt: now,
          startedAt: start.startedAt ?? now,
          params: { createMany: { data: Object.entries(start.params).map(([key, value]) => ({ key, value })) } },
          tags: { createMany: { data: Object.entries(start.tags).map(([key, value]) => ({ key, value })) } },
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
  return name;
}

/**
 * Opens a job that is run and logged from outside the studio (a script on a laptop, as an MLflow run
 * is): it starts as running and the script logs into it, then finishes it. The experiment is created
 * on first use.
 */
export async function createExternalJob(actor: Actor, workspace: string, input: CreateJobInput): Promise<JobDto> {
  const data = createJobSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const experiment = await upsertExperiment(db, scope.id, data.experiment, actor.userId);
  const name = await openExternalJob(actor, scope, {
    experimentId: experiment.id,
    displayName: data.displayName ?? null,
    command: data.command ?? null,
    git: {
      repository: data.git?.repository ?? null,
      branch: data.git?.branch ?? null,
      commit: data.git?.commit ?? null,
      dirty: data.git?.dirty ?? null,
    },
    params: data.params,
    tags: data.tags,
  });
  return findJobDto(db, scope, name);
}
