import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, apiGet, apiRequest, jsonInit } from "@/components/ui/api-request";

// The helper against a real HTTP server on loopback that answers the way the studio's API does.
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      if (req.url === "/ok") return send(200, { items: [1, 2] });
      if (req.url === "/echo") return send(201, { method: req.method, type: req.headers["content-type"], text });
      if (req.url === "/gone") return send(204);
      if (req.url === "/invalid")
        return send(422, {
          error: { code: "invalid", message: "name: too long", details: { errors: ["line 3: bad"] } },
        });
      if (req.url === "/html") {
        res.writeHead(502, { "content-type": "text/html" });
        return res.end("<h1>Bad gateway</h1>");
      }
      send(404, { error: { code: "not_found", message: "Not found." } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("apiRequest", () => {
  it("resolves with the body when the status is the expected one", async () => {
    expect(await apiRequest(`${base}/ok`, {}, 200)).toEqual({ ok: true, status: 200, value: { items: [1, 2] } });
    const echoed = await apiRequest<{ method: string; type: string; text: string }>(
      `${base}/echo`,
      jsonInit("POST", { a: 1 }),
      [200, 201],
    );
    expect(echoed).toMatchObject({ ok: true, value: { method: "POST", type: "application/json", text: '{"a":1}' } });
    expect(await apiRequest(`${base}/gone`, { method: "DELETE" }, 204)).toEqual({ ok: true, status: 204, value: null });
  });

  it("turns the API's error body into the failure the UI shows, details included", async () => {
    expect(await apiRequest(`${base}/invalid`, {}, 200)).toEqual({
      ok: false,
      status: 422,
      code: "invalid",
      message: "name: too long",
      details: { errors: ["line 3: bad"] },
    });
  });

  it("names the status when the answer is not the API's JSON, and an unexpected success is a failure too", async () => {
    expect(await apiRequest(`${base}/html`, {}, 200)).toMatchObject({
      ok: false,
      status: 502,
      message: "The studio answered HTTP 502.",
    });
    expect(await apiRequest(`${base}/ok`, {}, 201)).toMatchObject({ ok: false, status: 200 });
  });

  it("says when the studio could not be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/ok`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await apiRequest(url, {}, 200)).toEqual({ ok: false, message: "The studio could not be reached." });
  });
});

describe("apiGet", () => {
  it("returns the body, or throws an ApiError with the API's code and message", async () => {
    expect(await apiGet(`${base}/ok`)).toEqual({ items: [1, 2] });
    const error = await apiGet(`${base}/missing`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: "not_found", message: "Not found." });
  });
});
