import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { env } from "@/server/env";
import { onEventsRecorded } from "@/server/events/event-signal";
import { routeEvents } from "@/server/webhooks/route-events";
import { sendDueEmails } from "@/server/notifications/send-emails";
import { runDueFirings } from "@/server/automations/run-firings";
import { fireDueSchedules } from "@/server/schedules/fire-schedules";
import { runDueMonitorRun } from "@/server/monitoring/monitor-worker";
import { checkChallengerCriteria } from "@/server/monitoring/challenger-comparison";
import {
  attempt,
  claimDeliveries,
  loadWebhooks,
  releaseLeasesOfDeadSenders,
  settle,
  type Attempted,
} from "@/server/webhooks/send-deliveries";

// Takes public events out of the studio: routes the outbox to webhook deliveries, notifications and rule
// firings, sends the deliveries and the notifications' e-mails, runs the rules and fires due schedules. It wakes as soon as a public event commits in this
// process, and polls once a second for the rest (events of the scoring service or of other instances,
// retries coming due). Sends run side by side, up to a cap, without holding up the routing of new events
// behind a slow receiver; what they find is recorded a few at a time (one transaction for all the
// attempts that ended meanwhile), which keeps the database's single writer free for the changes users make.

const POLL_MS = 1000;
/** How often endpoints' challenger promotion criteria are judged again. */
const CRITERIA_EVERY_MS = 60_000;
const MAX_IN_FLIGHT = 64;
/** How long a wake-up waits for more events to route together. */
const WAKE_DELAY_MS = 25;
/** How long finished attempts wait to be recorded together. */
const SETTLE_DELAY_MS = 25;

export class EventDispatcher {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private isAgain = false;
  private inFlight = 0;
  private isStopped = false;
  private unsubscribe: (() => void) | null = null;
  private finished: Attempted[] = [];
  private settleTimer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private settling: Promise<void> = Promise.resolve();
  private emailing: Promise<void> | null = null;
  private firing: Promise<void> | null = null;
  private scheduling: Promise<void> | null = null;
  private monitoring: Promise<void> | null = null;
  private criteriaCheckedAt = 0;

  start(): this {
    this.unsubscribe = onEventsRecorded(() => this.wake());
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
    // Deliveries a killed studio on this machine was making go out again now, with the same webhook-id.
    void releaseLeasesOfDeadSenders(hostname())
      .catch((error) => console.error("[events] could not release the leases of stopped senders", error))
      .finally(() => this.wake());
    return this;
  }

  stop(): void {
    this.isStopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
  }

  /** Runs a pass now, or once more after the one under way (so that no wake-up is lost). */
  wake(): void {
    if (this.isStopped || this.wakeTimer) return;
    if (this.running) {
      this.isAgain = true;
      return;
    }
    // A moment's wait gathers the events committed meanwhile into one routing transaction.
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      if (this.running) {
        this.isAgain = true;
        return;
      }
      this.running = this.passes()
        .catch((error) => console.error("[events] dispatch failed", error))
        .finally(() => {
          this.running = null;
        });
    }, WAKE_DELAY_MS);
  }

  /** Resolves once everything due now has been routed and every send started so far has finished. */
  async idle(): Promise<void> {
    while (
      this.running ||
      this.inFlight ||
      this.settleTimer ||
      this.wakeTimer ||
      this.emailing ||
      this.firing ||
      this.scheduling ||
      this.monitoring
    )
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Records the attempts that ended, together, a moment after the first of them. */
  private scheduleSettle(): void {
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      const batch = this.finished.splice(0);
      if (!batch.length) return;
      this.settling = this.settling
        .then(() => settle(this.id, batch))
        .catch((error) => console.error("[events] could not record deliveries", error))
        .finally(() => {
          this.inFlight -= batch.length;
          this.wake();
        });
    }, SETTLE_DELAY_MS);
  }

  private async passes(): Promise<void> {
    do {
      this.isAgain = false;
      while ((await routeEvents()) > 0) {
        // Each batch is one transaction; a long outbox is routed a batch at a time.
      }
      const room = MAX_IN_FLIGHT - this.inFlight;
      const claimed = await claimDeliveries(this.id, new Date(), room);
      if (claimed.length) {
        const webhooks = await loadWebhooks(claimed.map((d) => d.webhookId));
        for (const delivery of claimed) {
          this.inFlight++;
          void attempt(delivery, webhooks.get(delivery.webhookId))
            .then((made) => (made ? this.finished.push(made) : this.inFlight--))
            .catch((error) => {
              this.inFlight--;
              console.error("[events] delivery failed", error);
            })
            .finally(() => this.scheduleSettle());
        }
      }
      if (claimed.length === room && room > 0) this.isAgain = true;
      this.startEmails();
      this.startFirings();
      this.startSchedules();
      this.startMonitorRuns();
    } while (this.isAgain && !this.isStopped);
  }

  /** Fires the schedules that are due (the poll brings this round once a second). */
  private startSchedules(): void {
    if (this.scheduling) return;
    this.scheduling = fireDueSchedules()
      .then(() => undefined)
      .catch((error) => console.error("[events] could not fire schedules", error))
      .finally(() => {
        this.scheduling = null;
      });
  }

  /** Runs queued monitor runs one after another, beside everything else the dispatcher does. */
  private startMonitorRuns(): void {
    if (this.monitoring) return;
    this.monitoring = (async () => {
      while (!this.isStopped && (await runDueMonitorRun(this.id))) {
        // One run at a time: a run is seconds of CPU, and the machine has other work.
      }
      if (Date.now() - this.criteriaCheckedAt >= CRITERIA_EVERY_MS) {
        this.criteriaCheckedAt = Date.now();
        await checkChallengerCriteria();
      }
    })()
      .catch((error) => console.error("[monitors] could not run a monitor", error))
      .finally(() => {
        this.monitoring = null;
      });
  }

  /** Runs the automation rules that events set off, a batch at a time, beside the deliveries. */
  private startFirings(): void {
    if (this.firing) return;
    this.firing = runDueFirings(this.id)
      .then((ran) => {
        if (ran) this.wake();
      })
      .catch((error) => console.error("[events] could not run automation rules", error))
      .finally(() => {
        this.firing = null;
      });
  }

  /** Sends due e-mails beside the webhooks (one batch at a time: a slow mail server holds up nothing else). */
  private startEmails(): void {
    if (this.emailing || !env.STUDIO_SMTP_URL) return;
    this.emailing = sendDueEmails(this.id)
      .then((sent) => {
        if (sent) this.wake();
      })
      .catch((error) => console.error("[events] could not send e-mails", error))
      .finally(() => {
        this.emailing = null;
      });
  }
}

let dispatcher: EventDispatcher | null = null;

/**
 * Starts this process's dispatcher, unless the studio runs it in a process of its own (npm start: the
 * supervisor sets STUDIO_DISPATCHER_SUPERVISED for the web app) or it is turned off here.
 */
export function startEventDispatcher(options: { isOwnProcess?: boolean } = {}): EventDispatcher | null {
  if (env.STUDIO_DISPATCHER === "off" || dispatcher) return dispatcher;
  if (process.env.STUDIO_DISPATCHER_SUPERVISED && !options.isOwnProcess) return null;
  dispatcher = new EventDispatcher().start();
  return dispatcher;
}
