// The outside probe's attack through the API, as a dev contributor would make it: one command job that
// tries to read the studio's secret and environment and to make itself owner of prod in the database.
// The studio under test runs its jobs in bubblewrap (npm test sets STUDIO_SANDBOX=bwrap).
import { describe, expect, it } from "vitest";
import { DATA_DIR, DB_FILE, get, modelForm, request, tokenFor, waitForJob } from "./helpers";

describe("a job submitted through the API", () => {
  it("cannot read the studio's secret or environment, nor make its user owner of prod", async () => {
    const token = await tokenFor("scientist");
    expect((await get("/workspaces/prod/members", token)).status).toBe(404);
    const postgres = process.env.STUDIO_TEST_DATABASE_URL ? new URL(process.env.STUDIO_TEST_DATABASE_URL) : null;
    const script = [
      "cat ../../../session-secret 2>&1 | head -c 200; echo",
      `cat ${DATA_DIR}/session-secret 2>&1 | head -c 200; echo`,
      'for f in /proc/[0-9]*/environ; do tr "\\0" "\\n" < $f 2>/dev/null; done | grep -E "^(NEXTAUTH_SECRET|DATABASE_URL)=" | sed "s/^/leaked: /"',
      `python3 -c "import sqlite3; c = sqlite3.connect('file:${DB_FILE}?mode=rw', uri=True); c.execute(\\"INSERT INTO Membership (scopeId, userId, role) SELECT s.id, u.id, 'owner' FROM Scope s, User u WHERE s.name = 'prod' AND u.email = 'scientist@example.com'\\"); c.commit(); print('SQLITE-WRITTEN')" 2>&1 | tail -1`,
      ...(postgres
        ? [
            `PGCONNECT_TIMEOUT=5 psql -w -h ${postgres.hostname} -p ${postgres.port} -U ${postgres.username} -d ${postgres.pathname.slice(1)} -c "INSERT INTO \\"Membership\\" (\\"scopeId\\", \\"userId\\", role) SELECT s.id, u.id, 'owner' FROM \\"Scope\\" s, \\"User\\" u WHERE s.name = 'prod' AND u.email = 'scientist@example.com'" 2>&1 && echo PG-WRITTEN`,
          ]
        : []),
      "echo attack-finished",
    ].join("\n");
    const form = modelForm([{ path: "attack.sh", content: script }], {
      spec: { experiment: "api-sandbox", command: "bash attack.sh" },
    });
    const submitted = await request("POST", "/workspaces/dev/command-jobs", { token, body: form });
    expect(submitted.status, submitted.text).toBe(201);
    const job = await waitForJob(token, submitted.body.name, { timeoutMs: 60_000 });
    const logs = (await get(`/workspaces/dev/jobs/${job.name}/logs?limit=5000`, token)).body.chunks
      .map((c: { text: string }) => c.text)
      .join("");
    expect(job.status, logs).toBe("completed");
    expect(job.sandbox).toBe("bubblewrap");
    expect(logs).toContain("attack-finished");
    expect(logs).toMatch(/session-secret: No such file or directory/);
    expect(logs).not.toContain("leaked:");
    expect(logs).not.toContain("SQLITE-WRITTEN");
    expect(logs).not.toContain("PG-WRITTEN");
    // prod is still invisible to the scientist, and its members are unchanged.
    expect((await get("/workspaces/prod/members", token)).status).toBe(404);
    const members = await get("/workspaces/prod/members", await tokenFor("admin"));
    expect(members.body.items.map((m: { email: string }) => m.email)).not.toContain("scientist@example.com");
  });
});
