import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// What caused the changes being made now: set while an automation rule acts on an event (or a schedule
// fires), so every event those changes record carries its cause and how deep the chain of rule firings
// is. Rules refuse to act on events past a depth, which is what stops two rules from feeding each other.

export type EventCause = {
  /** The event the rule acted on. */
  causeSeq: number;
  /** How many rule firings led here (the events recorded now get this depth). */
  depth: number;
};

const storage = new AsyncLocalStorage<EventCause>();

export function withEventCause<T>(cause: EventCause, run: () => Promise<T>): Promise<T> {
  return storage.run(cause, run);
}

export function currentEventCause(): EventCause | undefined {
  return storage.getStore();
}
