import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { notificationsFor, type RoutedEvent } from "@/server/notifications/route-notifications";
import { createUser, grant, uniqueName, workspaceWithTeam } from "../../tests/support/factories";

// Who hears of an event, against the real database (memberships, watches, jobs).

function event(scope: { id: string; name: string }, stage: string | null, over: Partial<RoutedEvent>): RoutedEvent {
  return {
    seq: Math.floor(Math.random() * 1e9),
    type: "model.version.registered",
    actorId: null,
    subjectId: null,
    subjectType: "model_version",
    subjectLabel: "m:1",
    scopeId: scope.id,
    scope: { kind: "workspace", name: scope.name, stage },
    data: { name: "m", version: 1 },
    ...over,
  };
}

async function watch(userId: string, scopeId: string, subjectType: string, subjectName: string) {
  await db.watch.create({ data: { userId, scopeId, subjectType, subjectName } });
}

describe("notificationsFor", () => {
  it("tells watchers of the model, not the one who acted, nor a watcher who left the workspace", async () => {
    const { workspace, owner, contributor, reader } = await workspaceWithTeam();
    const model = uniqueName("model");
    for (const user of [owner, contributor, reader]) await watch(user.userId, workspace.id, "model", model);
    await db.membership.deleteMany({ where: { scopeId: workspace.id, userId: reader.userId } });
    const notes = await notificationsFor(db, [
      event(workspace, "dev", {
        actorId: contributor.userId,
        subjectLabel: `${model}:2`,
        data: { name: model, version: 2 },
      }),
    ]);
    expect(notes.map((n) => n.userId)).toEqual([owner.userId]);
    expect(notes[0]).toMatchObject({
      reason: "watch",
      title: `Model version ${model}:2 registered in ${workspace.name}`,
      link: `/workspaces/${workspace.name}/models/${model}/versions/2`,
      eventType: "model.version.registered",
    });
  });

  it("tells whoever submitted a job that failed (unless they opted out), and experiment watchers once each", async () => {
    const { workspace, owner, contributor } = await workspaceWithTeam();
    const experiment = await db.experiment.create({
      data: { scopeId: workspace.id, name: uniqueName("exp"), createdById: contributor.userId },
    });
    const job = await db.job.create({
      data: {
        scopeId: workspace.id,
        experimentId: experiment.id,
        name: uniqueName("job"),
        displayName: "nightly",
        kind: "command",
        status: "failed",
        compute: "local",
        createdById: contributor.userId,
        createdByLabel: "c",
      },
    });
    await watch(contributor.userId, workspace.id, "experiment", experiment.name);
    await watch(owner.userId, workspace.id, "experiment", experiment.name);
    const failed = event(workspace, "dev", {
      type: "job.failed",
      subjectType: "job",
      subjectId: job.id,
      subjectLabel: job.name,
      data: { name: job.name, displayName: "nightly", experiment: experiment.name, status: "failed" },
    });
    const notes = await notificationsFor(db, [failed]);
    expect(notes.map((n) => [n.userId, n.reason]).sort()).toEqual(
      [
        [contributor.userId, "watch"],
        [owner.userId, "watch"],
      ].sort(),
    );
    expect(notes[0].title).toBe(`Job nightly failed in ${workspace.name}`);

    // Without the watch, the submitter still hears of it, as their job; opted out, not at all.
    await db.watch.deleteMany({ where: { userId: contributor.userId } });
    const mine = await notificationsFor(db, [failed]);
    expect(mine.find((n) => n.userId === contributor.userId)?.reason).toBe("my_job");
    await db.user.update({ where: { id: contributor.userId }, data: { notifyMyFailedJobs: false } });
    expect((await notificationsFor(db, [failed])).find((n) => n.userId === contributor.userId)).toBeUndefined();
  });

  it("tells the members of a prod workspace when a deployment comes up there, and only there", async () => {
    const prod = await workspaceWithTeam("prod");
    const dev = await workspaceWithTeam("dev");
    const outsider = await createUser(uniqueName("outsider"));
    await grant(outsider, dev.workspace, "reader");
    const up = (scope: typeof prod.workspace, stage: string) =>
      event(scope, stage, {
        type: "deployment.succeeded",
        subjectType: "deployment",
        subjectLabel: "ep/blue",
        data: {},
      });
    await db.user.update({ where: { id: prod.reader.userId }, data: { notifyProdDeployments: false } });
    const notes = await notificationsFor(db, [up(prod.workspace, "prod"), up(dev.workspace, "dev")]);
    expect(notes.every((n) => n.scopeId === prod.workspace.id && n.reason === "prod_deployment")).toBe(true);
    expect(notes.map((n) => n.userId).sort()).toEqual([prod.owner.userId, prod.contributor.userId].sort());
    expect(notes[0]).toMatchObject({
      title: `Deployment ep/blue is up in ${prod.workspace.name}`,
      link: `/workspaces/${prod.workspace.name}/endpoints/ep?deployment=blue`,
    });
  });

  it("tells a request's approvers (a named reader too, never the requester) and its requester of decisions", async () => {
    const { workspace, owner, contributor, reader } = await workspaceWithTeam("prod");
    const request = await db.promotionRequest.create({
      data: {
        scopeId: workspace.id,
        number: 1,
        kind: "deploy",
        action: "{}",
        summary: "Deploy m:1 as e/blue",
        reason: "trial",
        evidence: "{}",
        policy: JSON.stringify({
          approvers: [reader.email.toUpperCase(), "role:owner"],
          minApprovals: 1,
          requireModelCard: false,
        }),
        requestedById: contributor.userId,
        requestedByLabel: contributor.email,
      },
    });
    const promotion = (type: string, actorId: string) =>
      event(workspace, "prod", {
        type,
        actorId,
        subjectType: "promotion",
        subjectId: request.id,
        subjectLabel: "#1",
        data: {},
      });
    const asked = await notificationsFor(db, [promotion("promotion.requested", contributor.userId)]);
    expect(asked.map((n) => [n.userId, n.reason]).sort()).toEqual(
      [
        [owner.userId, "approval"],
        [reader.userId, "approval"],
      ].sort(),
    );
    const decided = await notificationsFor(db, [promotion("promotion.approved", reader.userId)]);
    expect(decided.map((n) => [n.userId, n.reason])).toEqual([[contributor.userId, "approval"]]);
  });
});
