import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { env } from "@/server/env";
import { onEventsRecorded } from "@/server/events/event-signal";
import { routeEvents } from "@/server/webhooks/route-events";
import { claimDeliveries, releaseLeasesOfDeadSenders, sendClaimed } from "@/server/webhooks/send-deliveries";

// Takes public events out of the studio: routes the outbox to webhook deliveries and sends them. It
// wakes as soon as a public event commits in this process, and polls once a second for the rest (events
// of the scoring service or of other instances, retries coming due). Sends run side by side, up to a
// cap, without holding up the routing of new events behind a slow receiver.

const POLL_MS = 1000;
const MAX_IN_FLIGHT = 64;

export class EventDispatcher {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private isAgain = false;
  private inFlight = 0;
  private isStopped = false;
  private unsubscribe: (() => void) | null = null;

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
    if (this.isStopped) return;
    if (this.running) {
      this.isAgain = true;
      return;
    }
    this.running = this.passes()
      .catch((error) => console.error("[events] dispatch failed", error))
      .finally(() => {
        this.running = null;
      });
  }

  /** Resolves once everything due now has been routed and every send started so far has finished. */
  async idle(): Promise<void> {
    while (this.running || this.inFlight) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private async passes(): Promise<void> {
    do {
      this.isAgain = false;
      while ((await routeEvents()) > 0) {
        // Each batch is one transaction; a long outbox is routed a batch at a time.
      }
      const room = MAX_IN_FLIGHT - this.inFlight;
      const claimed = await claimDeliveries(this.id, new Date(), room);
      for (const delivery of claimed) {
        this.inFlight++;
        void sendClaimed(this.id, delivery)
          .catch((error) => console.error("[events] delivery failed", error))
          .finally(() => {
            this.inFlight--;
            this.wake();
          });
      }
      if (claimed.length === room && room > 0) this.isAgain = true;
    } while (this.isAgain && !this.isStopped);
  }
}

let dispatcher: EventDispatcher | null = null;

export function startEventDispatcher(): EventDispatcher | null {
  if (env.STUDIO_DISPATCHER === "off" || dispatcher) return dispatcher;
  dispatcher = new EventDispatcher().start();
  return dispatcher;
}
