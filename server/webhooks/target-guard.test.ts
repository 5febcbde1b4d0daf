import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { addressProblem, webhookUrlProblem } from "@/server/webhooks/target-guard";
import { newWebhookSecret, signatureHeader } from "@/server/webhooks/signing";

describe("addressProblem", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.8",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "169.254.10.10",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.1.1.1",
    "64:ff9b::a00:1",
  ])("refuses %s unless private targets are allowed", (address) => {
    expect(addressProblem(address, false)).toMatch(/non-public address/);
    expect(addressProblem(address, true)).toBeNull();
  });

  it.each(["169.254.169.254", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "fd00:ec2::254"])(
    "always refuses the cloud metadata address %s",
    (address) => {
      expect(addressProblem(address, true)).toMatch(/cloud metadata/);
      expect(addressProblem(address, false)).toMatch(/cloud metadata/);
    },
  );

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"])("allows %s", (address) => {
    expect(addressProblem(address, false)).toBeNull();
  });
});

describe("webhookUrlProblem", () => {
  it("checks the scheme, credentials and the addresses a name resolves to", async () => {
    expect(await webhookUrlProblem("https://93.184.216.34/hook", false)).toBeNull();
    expect(await webhookUrlProblem("http://localhost:9/hook", false)).toMatch(/localhost resolves to .*non-public/);
    expect(await webhookUrlProblem("http://localhost:9/hook", true)).toBeNull();
    expect(await webhookUrlProblem("http://2130706433/", false)).toMatch(/127\.0\.0\.1 is a loopback/);
    expect(await webhookUrlProblem("http://[::1]:8080/", false)).toMatch(/::1 is a loopback/);
    expect(await webhookUrlProblem("gopher://93.184.216.34/", false)).toMatch(/http:\/\/ or https:\/\//);
    expect(await webhookUrlProblem("https://a:b@93.184.216.34/", false)).toMatch(/user name or password/);
    expect(await webhookUrlProblem("http://no-such-host.invalid/", true)).toMatch(/could not be resolved/);
  });
});

describe("signatureHeader", () => {
  it("signs as Standard Webhooks says: the standardwebhooks package verifies it, with either secret after a rotation", () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const body = JSON.stringify({ hello: "world" });
    const timestamp = Math.floor(Date.now() / 1000);
    const header = signatureHeader("msg_1", timestamp, body, [current, previous]);
    expect(header).toMatch(/^v1,[A-Za-z0-9+/]+=* v1,[A-Za-z0-9+/]+=*$/);
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(timestamp), "webhook-signature": header };
    expect(new Webhook(current).verify(body, headers)).toEqual({ hello: "world" });
    expect(new Webhook(previous).verify(body, headers)).toEqual({ hello: "world" });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(/No matching signature/);
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
    expect(signatureHeader("msg_1", timestamp, body, [current])).toBe(
      new Webhook(current).sign("msg_1", new Date(timestamp * 1000), body),
    );
  });
});
