import "server-only";
import { EventEmitter } from "node:events";

// Lets domain code wake the in-process runner at once (a job was queued, a cancel was asked) instead of
// waiting for its next poll. Other instances notice the same change on their own poll.
const signal = new EventEmitter();

export function notifyRunner(): void {
  signal.emit("wake");
}

export function onRunnerWake(listener: () => void): () => void {
  signal.on("wake", listener);
  return () => signal.off("wake", listener);
}
