// Test data for domain tests: every helper makes uniquely named rows, so tests never depend on each
// other or on the demo seed, and can share one database.
import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import { artifactStore } from "@/server/artifacts/store";
import type { Actor } from "@/server/auth/actor";
import type { Role } from "@/lib/permissions";
import type { ScopeKind, ScopeRef } from "@/lib/scopes";
import type { NewModelFile } from "@/server/models/register-model-version";

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createUser(name = uniqueName("user"), options: { isAdmin?: boolean } = {}): Promise<Actor> {
  const user = await db.user.create({
    data: { email: `${name}@example.test`, name, passwordHash: "scrypt$unused", isAdmin: options.isAdmin ?? false },
  });
  return { userId: user.id, email: user.email, name: user.name, via: "session" };
}

export async function createScope(
  kind: ScopeKind,
  options: { stage?: string; name?: string } = {},
): Promise<ScopeRef & { id: string }> {
  const name = options.name ?? uniqueName(kind === "workspace" ? "ws" : "reg");
  const scope = await db.scope.create({
    data: { kind, name, displayName: name, stage: kind === "workspace" ? (options.stage ?? "dev") : null },
  });
  return { kind, name, id: scope.id };
}

export async function grant(actor: Actor, scope: { id: string }, role: Role): Promise<void> {
  await db.membership.create({ data: { userId: actor.userId, scopeId: scope.id, role } });
}

/** Stores file contents in the artifact store and returns them as files of a new version. */
export async function storeFiles(files: Record<string, string | Buffer>): Promise<NewModelFile[]> {
  const stored: NewModelFile[] = [];
  for (const [path, content] of Object.entries(files)) {
    stored.push({
      path,
      ...(await artifactStore.putBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content))),
    });
  }
  return stored;
}

/** A workspace with an owner, a contributor and a reader. */
export async function workspaceWithTeam(stage = "dev") {
  const workspace = await createScope("workspace", { stage });
  const owner = await createUser(uniqueName("owner"));
  const contributor = await createUser(uniqueName("contributor"));
  const reader = await createUser(uniqueName("reader"));
  const outsider = await createUser(uniqueName("outsider"));
  await grant(owner, workspace, "owner");
  await grant(contributor, workspace, "contributor");
  await grant(reader, workspace, "reader");
  return { workspace, owner, contributor, reader, outsider };
}
