import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// SQLite here is one connection. Prisma's adapter runs interactive transactions one at a time, but a
// statement made outside any transaction runs at once on that same connection, so inside whichever
// transaction happens to be open: it reads that transaction's uncommitted rows, and its own writes are
// undone if that transaction rolls back (another request's error would silently erase this request's
// change). The gate makes such statements wait until no transaction is open or waiting to open, as
// PostgreSQL's separate connections would. Statements made from inside a transaction's own callback
// (code that meant to be part of it) go through.

const insideTransaction = new AsyncLocalStorage<true>();

type Query = unknown;
type Transaction = { commit(): Promise<void>; rollback(): Promise<void> };
type GatedAdapter = {
  startTransaction(isolationLevel?: unknown): Promise<Transaction>;
  queryRaw(query: Query): Promise<unknown>;
  executeRaw(query: Query): Promise<number>;
};

let active = 0;
let idle: Promise<void> | null = null;
let becomeIdle: () => void = () => undefined;

function enter() {
  if (active++ === 0) idle = new Promise((resolve) => (becomeIdle = resolve));
}

function leave() {
  if (--active === 0) {
    idle = null;
    becomeIdle();
  }
}

/** True while a transaction is open or waiting to open, and the caller is not part of it. */
export function mustWaitForTransaction(): boolean {
  return active > 0 && !insideTransaction.getStore();
}

/** Resolves once no transaction is open or waiting (at once for code inside a transaction). */
export async function transactionsIdle(): Promise<void> {
  while (mustWaitForTransaction()) await idle;
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
