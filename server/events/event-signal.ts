import "server-only";
import { EventEmitter } from "node:events";

// Wakes the in-process event dispatcher once a public event has been committed, so that deliveries start
// at once instead of at its next poll. Other processes (the scoring service, other instances) notice the
// outbox on their own poll.
// Kept on globalThis: Next bundles instrumentation (where the dispatcher starts) and the route handlers
// (where events are recorded) apart, each with its own copy of this module.
const globalForSignal = globalThis as unknown as { studioEventSignal?: EventEmitter };
const signal = (globalForSignal.studioEventSignal ??= new EventEmitter().setMaxListeners(0));

export function notifyEventsRecorded(): void {
  signal.emit("wake");
}

export function onEventsRecorded(listener: () => void): () => void {
  signal.on("wake", listener);
  return () => signal.off("wake", listener);
}
