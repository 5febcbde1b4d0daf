import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/canonical-json";
import { reuseKey, type ReuseKeyParts } from "@/lib/pipeline/reuse-key";

const SHA_A = "a".repeat(64);
const SHA_B = "b".repeat(64);

function parts(overrides: Partial<ReuseKeyParts> = {}): ReuseKeyParts {
  return {
    component: { scope: "workspace/demo", name: "train", version: 3 },
    inputs: {
      data: {
        kind: "data",
        files: [
          { path: "train.csv", sha256: SHA_A },
          { path: "meta/schema.json", sha256: SHA_B },
        ],
      },
      epochs: { kind: "literal", value: 10 },
      lr: { kind: "literal", value: 0.01 },
      mode: { kind: "literal", value: "fast" },
      shuffle: { kind: "literal", value: true },
    },
    environment: "sklearn:2",
    ...overrides,
  };
}

describe("reuseKey", () => {
  it("is a stable, versioned hash", () => {
    const key = reuseKey(parts());
    expect(key).toMatch(/^v1:[0-9a-f]{64}$/);
    expect(reuseKey(parts())).toBe(key);
  });

  it("does not depend on the order of inputs, of files, or of object keys", () => {
    const p = parts();
    const shuffled: ReuseKeyParts = {
      environment: p.environment,
      inputs: {
        shuffle: { value: true, kind: "literal" },
        mode: { kind: "literal", value: "fast" },
        data: {
          files: [
            { sha256: SHA_B, path: "meta/schema.json" },
            { path: "train.csv", sha256: SHA_A.toUpperCase() },
          ],
          kind: "data",
        },
        lr: { kind: "literal", value: 0.01 },
        epochs: { kind: "literal", value: 10 },
      },
      component: { version: 3, name: "train", scope: "workspace/demo" },
    };
    expect(reuseKey(shuffled)).toBe(reuseKey(p));
  });

  it("changes with any literal", () => {
    const base = reuseKey(parts());
    const variants: Array<[string, ReuseKeyParts["inputs"][string]]> = [
      ["epochs", { kind: "literal", value: 11 }],
      ["epochs", { kind: "literal", value: "10" }],
      ["lr", { kind: "literal", value: 0.010000000000000002 }],
      ["mode", { kind: "literal", value: "Fast" }],
      ["mode", { kind: "literal", value: "fast " }],
      ["shuffle", { kind: "literal", value: false }],
      ["shuffle", { kind: "literal", value: "true" }],
    ];
    const keys = variants.map(([name, value]) => reuseKey(parts({ inputs: { ...parts().inputs, [name]: value } })));
    for (const key of keys) expect(key).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("changes with a file's bytes, its path, an added or removed file", () => {
    const base = reuseKey(parts());
    const files = (list: Array<[string, string]>) =>
      reuseKey(
        parts({
          inputs: {
            ...parts().inputs,
            data: { kind: "data", files: list.map(([path, sha256]) => ({ path, sha256 })) },
          },
        }),
      );
    const keys = [
      files([
        ["train.csv", SHA_B],
        ["meta/schema.json", SHA_B],
      ]),
      files([
        ["train2.csv", SHA_A],
        ["meta/schema.json", SHA_B],
      ]),
      files([["train.csv", SHA_A]]),
      files([
        ["train.csv", SHA_A],
        ["meta/schema.json", SHA_B],
        ["extra.txt", SHA_A],
      ]),
      files([]),
    ];
    for (const key of keys) expect(key).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("is the same for the same contents wherever they come from (names of assets or steps are not in it)", () => {
    const a = reuseKey(parts({ inputs: { data: { kind: "data", files: [{ path: "x.csv", sha256: SHA_A }] } } }));
    const b = reuseKey(parts({ inputs: { data: { kind: "data", files: [{ path: "x.csv", sha256: SHA_A }] } } }));
    expect(a).toBe(b);
  });

  it("changes with the component's version, name or scope, and the environment", () => {
    const base = reuseKey(parts());
    const keys = [
      reuseKey(parts({ component: { scope: "workspace/demo", name: "train", version: 4 } })),
      reuseKey(parts({ component: { scope: "workspace/demo", name: "train2", version: 3 } })),
      reuseKey(parts({ component: { scope: "registry/shared", name: "train", version: 3 } })),
      reuseKey(parts({ environment: "sklearn:3" })),
      reuseKey(parts({ environment: null })),
    ];
    for (const key of keys) expect(key).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
    expect(reuseKey(parts({ environment: undefined }))).toBe(reuseKey(parts({ environment: null })));
  });

  it("tells an input left out from one given, and a literal from data", () => {
    const { mode: _mode, ...withoutMode } = parts().inputs;
    expect(reuseKey(parts({ inputs: withoutMode }))).not.toBe(reuseKey(parts()));
    expect(reuseKey(parts({ inputs: { x: { kind: "literal", value: "" } } }))).not.toBe(
      reuseKey(parts({ inputs: { x: { kind: "data", files: [] } } })),
    );
    expect(reuseKey(parts({ inputs: { x: { kind: "literal", value: "a" } } }))).not.toBe(
      reuseKey(parts({ inputs: { y: { kind: "literal", value: "a" } } })),
    );
  });

  it("refuses values JSON cannot carry rather than hashing them as null", () => {
    expect(() => reuseKey(parts({ inputs: { x: { kind: "literal", value: Number.NaN } } }))).toThrow(/no JSON form/);
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level, keeps array order, drops undefined like JSON", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(canonicalJson({ é: 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
    expect(canonicalJson(-0)).toBe("0");
  });
});
