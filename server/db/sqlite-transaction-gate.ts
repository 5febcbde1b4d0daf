import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// SQLite here is one connection. Prisma's adapter runs interactive transactions one at a time, but a
// statement made outside any transaction runs at once on that same connection, so inside whichever
// transaction happens to be open: it reads that transaction's uncommitted rows, and its own writes are
// undone if that transaction rolls back (another request's error would silently erase this request's
// change). The gate makes such statements wait until no transaction is open or waiting to open, as
// PostgreSQL's separate connections would. Statements made from inside a transaction's own callback
// (code that meant to be part of it) go through.

type GateState = {
  inside: AsyncLocalStorage<true>;
  active: number;
  idle: Promise<void> | null;
  becomeIdle: () => void;
};

// One state per process, on globalThis: Next may load this module more than once (instrumentation and
// route handlers are separate bundles), and every copy must see the same open transactions.
const holder = globalThis as unknown as { studioTransactionGate?: GateState };
const state: GateState = (holder.studioTransactionGate ??= {
  inside: new AsyncLocalStorage<true>(),
  active: 0,
  idle: null,
  becomeIdle: () => undefined,
});
const insideTransaction = state.inside;

type Query = unknown;
type Transaction = { commit(): Promise<void>; rollback(): Promise<void> };
type GatedAdapter = {
  startTransaction(isolationLevel?: unknown): Promise<Transaction>;
  queryRaw(query: Query): Promise<unknown>;
  executeRaw(query: Query): Promise<number>;
};

function enter() {
  if (state.active++ === 0) state.idle = new Promise((resolve) => (state.becomeIdle = resolve));
}

function leave() {
  if (--state.active === 0) {
    state.idle = null;
    state.becomeIdle();
    // With no transaction open nothing needs the marker, and on Node 20 an enabled AsyncLocalStorage hooks
    // every promise the process makes (a scoring worker pays for it on each request); run() enables it again.
    insideTransaction.disable();
  }
}

/** True while a transaction is open or waiting to open, and the caller is not part of it. */
export function mustWaitForTransaction(): boolean {
  return state.active > 0 && !insideTransaction.getStore();
}

/** Resolves once no transaction is open or waiting (at once for code inside a transaction). */
export async function transactionsIdle(): Promise<void> {
  while (mustWaitForTransaction()) await state.idle;
}

/** Wraps the adapter (once, as it connects): transactions are counted, other statements wait for them. */
export function gateTransactions(adapter: GatedAdapter): void {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    enter();
    let transaction: Transaction;
    try {
      transaction = await start(isolationLevel);
    } catch (error) {
      leave();
      throw error;
    }
    let isEnded = false;
    const ending = (finish: () => Promise<void>) => async () => {
      try {
        await finish();
      } finally {
        if (!isEnded) {
          isEnded = true;
          leave();
        }
      }
    };
    transaction.commit = ending(transaction.commit.bind(transaction));
    transaction.rollback = ending(transaction.rollback.bind(transaction));
    return transaction;
  };
  for (const method of ["queryRaw", "executeRaw"] as const) {
    const original = adapter[method].bind(adapter) as (query: Query) => Promise<never>;
    adapter[method] = async (query: Query) => {
      await transactionsIdle();
      return original(query);
    };
  }
}

/** Runs a transaction's callback so that what it does counts as part of the transaction. */
export function asPartOfTransaction<T>(work: () => T): T {
  return insideTransaction.run(true, work);
}
