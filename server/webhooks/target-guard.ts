import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

// Webhook targets must not reach into the studio's own network (SSRF): loopback, private, link-local,
// carrier-grade NAT and other special-purpose addresses are refused unless STUDIO_WEBHOOK_ALLOW_PRIVATE is
// on; cloud metadata addresses always are. The check runs on the addresses a name resolves to, and the
// connection is made to exactly the address that was checked (no second lookup a rebinding DNS server
// could answer differently).

const special = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  special.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 32],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  special.addSubnet(net, prefix, "ipv6");
}
const metadata = new BlockList();
metadata.addAddress("169.254.169.254", "ipv4");
metadata.addAddress("fd00:ec2::254", "ipv6");

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:0a0b:0c0d), if it is one. */
function mappedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Why the studio will not connect to `address` (null: it may). */
export function addressProblem(address: string, allowPrivate: boolean): string | null {
  const v4 = isIP(address) === 4 ? address : mappedIpv4(address);
  const [ip, family] = v4 ? [v4, "ipv4" as const] : [address, "ipv6" as const];
  if (metadata.check(ip, family)) return `${address} is a cloud metadata address`;
  if (!allowPrivate && special.check(ip, family)) {
    return `${address} is a loopback, private or other non-public address (set STUDIO_WEBHOOK_ALLOW_PRIVATE to allow it)`;
  }
  return null;
}

/**
 * A `lookup` for node:http that resolves the name, refuses it when any address it resolves to is refused,
 * and hands the checked addresses to the socket. Node calls it with `{ all: true }` when it tries
 * addresses in turn, and then expects the list.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : (options.family ?? 0);
    dnsLookup(hostname, { all: true, family }, (error, addresses) => {
      if (error) return callback(error, "");
      for (const { address } of addresses) {
        const problem = addressProblem(address, allowPrivate);
        if (problem) {
          return callback(
            Object.assign(new Error(`refused: ${hostname} resolves to ${problem}`), { code: "EREFUSED_TARGET" }),
            "",
          );
        }
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Why a webhook URL is refused (null: it is fine): the scheme, credentials in it, and where it resolves. */
export async function webhookUrlProblem(raw: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "the URL is not valid";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "the URL must start with http:// or https://";
  if (url.username || url.password) return "the URL must not hold a user name or password (use the signature instead)";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host)) return addressProblem(host, allowPrivate);
  const addresses = await new Promise<LookupAddress[] | null>((resolve) =>
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? null : found)),
  );
  if (!addresses?.length) return `${host} could not be resolved`;
  for (const { address } of addresses) {
    const problem = addressProblem(address, allowPrivate);
    if (problem) return `${host} resolves to ${problem}`;
  }
  return null;
}
