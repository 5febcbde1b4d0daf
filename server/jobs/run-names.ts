import "server-only";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { randomInt } from "node:crypto";
import { db } from "@/server/db";

// Readable default display names for runs, as MLflow gives them ("bright-otter-42"): a job submitted
// without a display name gets one, unique in its workspace. 48 adjectives × 48 nouns × 1000 numbers
// leave ~2.3 million names, so a collision is rare; the unique index on (scope, generatedName) makes it
// impossible, and the submission retries with another name when it loses a race.
// prettier-ignore
const ADJECTIVES = [
  "able", "amber", "bold", "brave", "bright", "brisk", "calm", "clever", "crisp", "curious",
  "daring", "deft", "eager", "even", "fair", "fleet", "gentle", "glad", "golden", "grand",
  "happy", "hardy", "honest", "keen", "kind", "lively", "lucky", "merry", "mellow", "nimble",
  "noble", "patient", "polite", "proud", "quick", "quiet", "rapid", "sharp", "shiny", "silent",
  "steady", "sturdy", "sunny", "swift", "tidy", "vivid", "warm", "wise",
] as const;
// prettier-ignore
const NOUNS = [
  "ant", "badger", "bear", "beaver", "bee", "bison", "cat", "crane", "crow", "deer",
  "dolphin", "dove", "eagle", "falcon", "finch", "fox", "frog", "gecko", "goat", "hare",
  "hawk", "heron", "horse", "ibis", "koala", "lark", "lemur", "lion", "llama", "lynx",
  "mole", "moose", "newt", "otter", "owl", "panda", "puffin", "quail", "raven", "robin",
  "seal", "shark", "snail", "swan", "tiger", "trout", "whale", "wolf",
] as const;

const MAX_ATTEMPTS = 8;

/** One random name, adjective-noun-number. */
function randomRunName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;
}

/** Where names come from; tests replace `next` to force collisions. */
export const runNames = { next: randomRunName };

export type RunNaming = { displayName: string; generatedName: string | null };

/**
 * Runs `create` (a whole transaction that inserts the job) with the display name to use: the given one,
 * else a generated one that no job of the workspace already shows. A generated name is also written to
 * `generatedName`, whose unique index refuses a second job with the same one; `create` is then run again
 * with another name. (The transaction is retried as a whole: PostgreSQL aborts it on the violation.)
 */
export async function withRunName<T>(
  scopeId: string,
  given: string | null | undefined,
  create: (naming: RunNaming) => Promise<T>,
): Promise<T> {
  if (given) return create({ displayName: given, generatedName: null });
  for (let attempt = 1; ; attempt++) {
    const candidate = runNames.next();
    // A name someone typed is not in the unique index: skip it here (best effort; it is only a label).
    const isShown = await db.job.findFirst({ where: { scopeId, displayName: candidate }, select: { id: true } });
    if (isShown && attempt < MAX_ATTEMPTS) continue;
    try {
      return await create({ displayName: candidate, generatedName: candidate });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
