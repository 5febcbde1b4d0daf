import "server-only";
import { db, lockRows, type Tx } from "@/server/db";
import { recordEvent } from "@/server/events/record-event";
import { trafficPercentsOf } from "@/server/endpoints/endpoint-dto";
import { servedBy, TRAFFIC_EVENT } from "@/server/endpoints/traffic-history";
import type { DeploymentConfig, DeploymentRuntime } from "@/server/runtime/scoring/deployment-runtime";
import type { DeploymentLogWriter } from "@/server/runtime/scoring/deployment-log-writer";
import { configOf, DEPLOYMENT_SELECT } from "@/server/runtime/scoring/deployment-rows";
import { ScoringError, errorText } from "@/server/runtime/scoring/scoring-error";

// Bringing new deployments up (creating → succeeded | failed) under a lease, so that with several studio
// processes each deployment is brought up once, by the process whose scoring service claimed it.

const PROVISION_LEASE_MS = 5 * 60_000;

/** What the provisioner needs of its process's scoring service. */
export interface ProvisionHost {
  readonly source: string;
  readonly isStopped: boolean;
  runtimeFor(config: DeploymentConfig): Promise<DeploymentRuntime>;
  logsFor(config: DeploymentConfig): DeploymentLogWriter;
  stopRuntime(deploymentId: string, note?: string): void;
  invalidate(endpointId: string): void;
}

export class DeploymentProvisioner {
  private claiming: Promise<Promise<void>[]> | null = null;
  /** Deployments this process is bringing up now. */
  private readonly bringingUp = new Set<string>();

  constructor(private readonly host: ProvisionHost) {}

  /**
   * Claims deployments that are creating and brings each up; called on a timer and when one is created.
   * Bring-ups run side by side: one whose init() takes minutes must not hold back the others. Resolves
   * when the deployments this call claimed are up (or failed).
   */
  provision(): Promise<void> {
    this.claiming ??= this.claimPass()
      .catch((error) => {
        console.error("[scoring] provisioning pass failed", error);
        return [];
      })
      .finally(() => {
        this.claiming = null;
      });
    return this.claiming.then((started) => Promise.all(started)).then(() => undefined);
  }

  private async claimPass(): Promise<Promise<void>[]> {
    const now = new Date();
    const candidates = await db.deployment.findMany({
      where: {
        state: "creating",
        id: { notIn: [...this.bringingUp] },
        OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
      },
      select: { id: true },
      take: 5,
    });
    const started: Promise<void>[] = [];
    for (const { id } of candidates) {
      if (this.host.isStopped) break;
      const claimed = await db.deployment.updateMany({
        where: { id, state: "creating", OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: new Date() } }] },
        data: { leaseOwner: this.host.source, leaseExpiresAt: new Date(Date.now() + PROVISION_LEASE_MS) },
      });
      if (claimed.count !== 1) continue;
      this.bringingUp.add(id);
      started.push(
        this.bringUp(id)
          .catch((error) => console.error(`[scoring] bringing up deployment ${id} failed`, error))
          .finally(() => this.bringingUp.delete(id)),
      );
    }
    return started;
  }

  private async bringUp(id: string) {
    const row = await db.deployment.findUnique({
      where: { id },
      select: { ...DEPLOYMENT_SELECT, endpoint: { select: { id: true, name: true, kind: true, scopeId: true } } },
    });
    if (!row) return;
    const config = configOf(row);
    const logs = this.host.logsFor(config);
    logs.write(
      0,
      "system",
      `Bringing up deployment "${row.name}" (${row.scoringMethod}, ${row.instanceCount} instance${row.instanceCount > 1 ? "s" : ""}).`,
    );
    let state: "succeeded" | "failed";
    let reason: string | null = null;
    let signature: string | null = null;
    try {
      const runtime = await this.host.runtimeFor(config);
      signature = runtime.signature ? JSON.stringify(runtime.signature) : null;
      state = "succeeded";
      // Batch deployments run in jobs; starting them once proved they load.
      if (row.endpoint.kind !== "online") this.host.stopRuntime(id, "It loaded; batch jobs start their own instances.");
    } catch (error) {
      state = "failed";
      reason =
        error instanceof ScoringError
          ? error.message.replace(/^Deployment "[^"]+" could not start: /, "")
          : errorText(error);
      this.host.stopRuntime(id);
    }
    logs.write(0, "system", state === "succeeded" ? "The deployment is up." : `The deployment failed: ${reason}`);
    await logs.flush();
    await db.$transaction(async (tx) => {
      // The endpoint first, as every change to an endpoint and its deployments takes them (no deadlock
      // with a user deleting the endpoint meanwhile); gone means nothing to record.
      if (!(await lockRows(tx, "Endpoint", { id: row.endpoint.id }))) return;
      const updated = await tx.deployment.updateMany({
        where: { id, state: "creating", leaseOwner: this.host.source },
        data: { state, stateReason: reason, signature, leaseOwner: null, leaseExpiresAt: null },
      });
      if (updated.count === 0) return;
      await tx.endpoint.update({ where: { id: row.endpoint.id }, data: { revision: { increment: 1 } } });
      if (state === "succeeded")
        await this.giveFirstDeploymentTraffic(tx, row.endpoint.id, row.name, row.endpoint.scopeId);
      await recordEvent(tx, {
        actor: null,
        anonymousLabel: "studio",
        action: state === "succeeded" ? "deployment.succeeded" : "deployment.failed",
        subject: { type: "deployment", id, label: `${row.endpoint.name}/${row.name}` },
        scopeId: row.endpoint.scopeId,
        reason,
      });
    });
    this.host.invalidate(row.endpoint.id);
  }

  /**
   * An endpoint's first deployment takes all its traffic once it is up, as a traffic change by the
   * studio, unless traffic was set meanwhile. "First" is by creation, so the outcome does not depend on
   * which deployment happens to come up first.
   */
  private async giveFirstDeploymentTraffic(tx: Tx, endpointId: string, name: string, scopeId: string) {
    const endpoint = await tx.endpoint.findUnique({
      where: { id: endpointId },
      select: {
        name: true,
        traffic: true,
        deployments: {
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: 1,
          select: {
            id: true,
            name: true,
            modelVersion: {
              select: {
                id: true,
                name: true,
                version: true,
                model: { select: { scope: { select: { kind: true, name: true } } } },
              },
            },
          },
        },
      },
    });
    if (!endpoint || endpoint.deployments[0]?.name !== name) return;
    const current = Object.values(trafficPercentsOf(endpoint.traffic)).reduce((a, b) => a + b, 0);
    if (current !== 0) return;
    const traffic = { [name]: 100 };
    await tx.endpoint.update({
      where: { id: endpointId },
      data: { traffic: JSON.stringify(traffic), revision: { increment: 1 } },
    });
    await recordEvent(tx, {
      actor: null,
      anonymousLabel: "studio",
      action: TRAFFIC_EVENT,
      subject: { type: "endpoint", id: endpointId, label: endpoint.name },
      scopeId,
      reason: "The endpoint's first deployment takes all its traffic.",
      data: {
        traffic,
        mirror: null,
        previous: { traffic: {}, mirror: null },
        ...servedBy(endpoint.deployments),
      },
    });
  }
}
