// Uploads as the outside probe attacked them: access is checked before a byte of the body is read,
// truncated and aborted bodies are answered at once and leave no descriptor or temporary file, and the
// bytes of a refused upload are gone when the request ends.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDescriptors, pidListeningOn } from "../support/studio-process";
import {
  API,
  BASE_URL,
  DATA_DIR,
  MAX_UPLOAD_BYTES,
  expectError,
  modelForm,
  request,
  sha256,
  tokenFor,
  uniqueName,
} from "./helpers";

const BOUNDARY = "----studio-test-boundary";
const port = Number(new URL(BASE_URL).port);

function partHeader(name: string, filename: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
}

type RawAnswer = { status: number; body: string; ms: number };

/**
 * Sends the request head and `sent` bytes of the body, declaring `declared` bytes in all. `end` finishes
 * the request there (a truncated body), `abort` cuts the connection; otherwise the body stays open and
 * the answer must come without it.
 */
function rawUpload(
  path: string,
  token: string,
  body: Buffer,
  options: { declared?: number; end?: boolean; abortAfterMs?: number } = {},
): Promise<RawAnswer | "aborted"> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${API}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        "content-length": String(options.declared ?? body.length),
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started });
        req.destroy();
      });
    });
    req.on("error", (error) => (options.abortAfterMs !== undefined ? resolve("aborted") : reject(error)));
    req.setTimeout(15_000, () => reject(new Error(`no answer to ${path} within 15 s`)));
    req.write(body);
    if (options.end) req.end();
    if (options.abortAfterMs !== undefined) setTimeout(() => req.destroy(), options.abortAfterMs);
  });
}

/** Files in the store's temporary folders; waits a moment for in-flight cleanups. */
async function temporaryFiles(): Promise<string[]> {
  const tmp = join(DATA_DIR, "artifacts", "tmp");
  let files: string[] = [];
  for (let i = 0; i < 25; i++) {
    files = existsSync(tmp)
      ? readdirSync(tmp, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => join(e.parentPath, e.name))
      : [];
    if (!files.length) return files;
    await new Promise((r) => setTimeout(r, 200));
  }
  return files;
}

const blobFile = (sha: string) => join(DATA_DIR, "artifacts", "sha256", sha.slice(0, 2), sha.slice(2));

describe("upload routes", () => {
  it("check access before reading a byte: readers and non-members are answered while the body is still coming", async () => {
    const reviewer = await tokenFor("reviewer"); // reader in test and the registry, not a member of dev
    const scientist = await tokenFor("scientist");
    const job = await request("POST", "/workspaces/dev/jobs", {
      token: scientist,
      json: { experiment: "api-uploads" },
    });
    expect(job.status).toBe(201);
    const cases: [string, number][] = [
      [`/workspaces/test/models/${uniqueName("m")}/versions`, 403],
      [`/workspaces/dev/models/${uniqueName("m")}/versions`, 404],
      [`/registries/shared/models/${uniqueName("m")}/versions`, 403],
      [`/workspaces/test/data/${uniqueName("d")}/versions`, 403],
      ["/workspaces/test/components", 403],
      ["/registries/shared/components", 403],
      ["/workspaces/test/endpoints/some-endpoint/deployments", 403],
      ["/workspaces/test/command-jobs", 403],
      ["/workspaces/dev/pipelines/import", 404],
      [`/workspaces/dev/jobs/${job.body.name}/outputs/report`, 404],
    ];
    // A head and the first bytes of a 50 MiB body that never comes.
    const head = Buffer.from(partHeader("files", "big.bin") + "x".repeat(1000));
    for (const [path, status] of cases) {
      const answer = await rawUpload(path, reviewer, head, { declared: 50 * 1024 * 1024 });
      expect(answer, path).not.toBe("aborted");
      const { status: got, body, ms } = answer as RawAnswer;
      expect({ path, got }).toEqual({ path, got: status });
      expect(JSON.parse(body).error.code).toBe(status === 403 ? "forbidden" : "not_found");
      expect(ms, path).toBeLessThan(5000);
    }
    expect(await temporaryFiles()).toEqual([]);
  });

  it("answers 200 truncated bodies with 400 at once, and keeps no descriptor or temporary file of them", async () => {
    const scientist = await tokenFor("scientist");
    const reviewer = await tokenFor("reviewer");
    const pid = pidListeningOn(port);
    // A part that never ends: no closing boundary before the body does (150 bytes in all).
    const truncated = Buffer.from((partHeader("files", "a.bin") + "y".repeat(200)).slice(0, 150));
    const before = openDescriptors(pid);
    for (let i = 0; i < 100; i++) {
      const member = (await rawUpload(`/workspaces/dev/models/${uniqueName("t")}/versions`, scientist, truncated, {
        end: true,
      })) as RawAnswer;
      expect(member.status, member.body).toBe(400);
      expect(JSON.parse(member.body).error.message).toMatch(/malformed or incomplete|interrupted/);
      const outsider = (await rawUpload(`/workspaces/dev/command-jobs`, reviewer, truncated, {
        end: true,
      })) as RawAnswer;
      expect(outsider.status).toBe(404);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(openDescriptors(pid) - before).toBeLessThan(20);
    expect(await temporaryFiles()).toEqual([]);
  });

  it("removes the temporary file of an upload whose client went away in the middle", async () => {
    const scientist = await tokenFor("scientist");
    const pid = pidListeningOn(port);
    const before = openDescriptors(pid);
    const half = Buffer.concat([Buffer.from(partHeader("files", "half.bin")), randomBytes(256 * 1024)]);
    for (let i = 0; i < 20; i++) {
      expect(
        await rawUpload(`/workspaces/dev/data/${uniqueName("a")}/versions`, scientist, half, {
          declared: 1024 * 1024,
          abortAfterMs: 150,
        }),
      ).toBe("aborted");
    }
    expect(await temporaryFiles()).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(openDescriptors(pid) - before).toBeLessThan(20);
  });

  it("leaves none of a refused upload's bytes in the store", async () => {
    const scientist = await tokenFor("scientist");
    // Refused after reading: the tags are not JSON.
    const content = `refused ${randomBytes(16).toString("hex")}`;
    const refused = await request("POST", `/workspaces/dev/models/${uniqueName("r")}/versions`, {
      token: scientist,
      body: modelForm([{ path: "model.bin", content }], { tags: "{not json" }),
    });
    expectError(refused, 422, "invalid");
    expect(existsSync(blobFile(sha256(content)))).toBe(false);

    // Refused half-way: the first file is stored, the second goes over the upload cap (a chunked body,
    // so the size is found out while reading).
    const first = `first ${randomBytes(16).toString("hex")}`;
    const tooBig = randomBytes(MAX_UPLOAD_BYTES + 1024);
    const form = modelForm([
      { path: "first.txt", content: first },
      { path: "big.bin", content: tooBig },
    ]);
    const encoded = new Response(form);
    const res = await fetch(`${API}/workspaces/dev/data/${uniqueName("big")}/versions`, {
      method: "POST",
      headers: { authorization: `Bearer ${scientist}`, "content-type": encoded.headers.get("content-type")! },
      body: encoded.body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(existsSync(blobFile(sha256(first)))).toBe(false);
    expect(existsSync(blobFile(sha256(tooBig)))).toBe(false);
    expect(await temporaryFiles()).toEqual([]);

    // The same content uploaded again, and accepted, is there.
    const accepted = await request("POST", `/workspaces/dev/models/${uniqueName("ok")}/versions`, {
      token: scientist,
      body: modelForm([{ path: "model.bin", content }]),
    });
    expect(accepted.status, accepted.text).toBe(201);
    expect(existsSync(blobFile(sha256(content)))).toBe(true);
  });
});
