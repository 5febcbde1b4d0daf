// Direct access to the running studio's SQLite database, for states the API cannot make (yet):
// deployments have no API, and no token can be created already expired. Rows are written the way the
// domain layer would store them.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { DB_FILE } from "./helpers";

function open() {
  // The server holds the database too; wait for its write lock instead of failing.
  return new Database(DB_FILE, { timeout: 10_000 });
}

/** A date in the format Prisma's SQLite adapter uses for DateTime, read off an existing row. */
function dateLike(db: Database.Database, date: Date): string | number {
  const sample = (db.prepare(`SELECT "createdAt" AS v FROM "Scope" LIMIT 1`).get() as { v: string | number }).v;
  if (typeof sample === "number") return date.getTime();
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/.test(sample)) return date.toISOString().replace("Z", "+00:00");
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(sample)) return date.toISOString();
  throw new Error(`Unrecognised DateTime format in the studio database: ${sample}`);
}

export type InsertedDeployment = { endpointId: string; deploymentIds: string[] };

/** An endpoint in `workspace` with deployments (by name) serving the model version with id `versionId`. */
export function insertDeployments(workspace: string, endpointName: string, deploymentNames: string[], versionId: string, state = "live"): InsertedDeployment {
  const db = open();
  try {
    const scope = db.prepare(`SELECT "id" FROM "Scope" WHERE "kind" = 'workspace' AND "name" = ?`).get(workspace) as { id: string } | undefined;
    if (!scope) throw new Error(`No workspace "${workspace}" in ${DB_FILE}`);
    const now = dateLike(db, new Date());
    const endpointId = `ep-${randomUUID()}`;
    const deploymentIds = deploymentNames.map(() => `dep-${randomUUID()}`);
    db.transaction(() => {
      db.prepare(`INSERT INTO "Endpoint" ("id", "scopeId", "name", "kind", "createdAt") VALUES (?, ?, ?, 'online', ?)`).run(endpointId, scope.id, endpointName, now);
      const insert = db.prepare(`INSERT INTO "Deployment" ("id", "endpointId", "name", "modelVersionId", "state", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`);
      deploymentNames.forEach((name, i) => insert.run(deploymentIds[i], endpointId, name, versionId, state, now));
    })();
    return { endpointId, deploymentIds };
  } finally {
    db.close();
  }
}

export function removeDeployments(inserted: InsertedDeployment): void {
  const db = open();
  try {
    db.transaction(() => {
      db.prepare(`DELETE FROM "Deployment" WHERE "endpointId" = ?`).run(inserted.endpointId);
      db.prepare(`DELETE FROM "Endpoint" WHERE "id" = ?`).run(inserted.endpointId);
    })();
  } finally {
    db.close();
  }
}

/** Moves a token's expiry into the past, as if it had been created long ago with a short lifetime. */
export function expireToken(tokenId: string): void {
  const db = open();
  try {
    const changed = db.prepare(`UPDATE "AccessToken" SET "expiresAt" = ? WHERE "id" = ?`).run(dateLike(db, new Date(Date.now() - 60_000)), tokenId).changes;
    if (changed !== 1) throw new Error(`No access token ${tokenId} in ${DB_FILE}`);
  } finally {
    db.close();
  }
}
