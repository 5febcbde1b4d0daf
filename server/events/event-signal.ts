import "server-only";
import { EventEmitter } from "node:events";

// Wakes the in-process event dispatcher once a public event has been committed, so that deliveries start
// at once instead of at its next poll. Other processes (the scoring service, other instances) notice the
// outbox on their own poll.
const signal = new EventEmitter();
signal.setMaxListeners(0);

export function notifyEventsRecorded(): void {
  signal.emit("wake");
}

export function onEventsRecorded(listener: () => void): () => void {
  signal.on("wake", listener);
  return () => signal.off("wake", listener);
}
