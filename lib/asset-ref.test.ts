import { describe, expect, it } from "vitest";
import { formatAssetRef, parseAssetRef } from "@/lib/asset-ref";

describe("parseAssetRef", () => {
  it("reads name:version, name@latest, name, and a registry prefix", () => {
    expect(parseAssetRef("iris:3")).toEqual({ ok: true, ref: { registry: null, name: "iris", version: 3 } });
    expect(parseAssetRef("iris@latest")).toEqual({
      ok: true,
      ref: { registry: null, name: "iris", version: "latest" },
    });
    expect(parseAssetRef("iris")).toEqual({ ok: true, ref: { registry: null, name: "iris", version: "latest" } });
    expect(parseAssetRef("registries/shared/iris:12")).toEqual({
      ok: true,
      ref: { registry: "shared", name: "iris", version: 12 },
    });
    expect(parseAssetRef("registries/shared/sk.env-1@latest")).toEqual({
      ok: true,
      ref: { registry: "shared", name: "sk.env-1", version: "latest" },
    });
  });

  it("refuses bad versions, names and registries", () => {
    for (const bad of [
      "iris:0",
      "iris:x",
      "iris:",
      ":3",
      "",
      "a/b:1",
      "registries/Shared/iris",
      "registries//iris",
      "../iris:1",
      "iris:1:2",
    ]) {
      expect(parseAssetRef(bad).ok, bad).toBe(false);
    }
  });

  it("formats labels", () => {
    expect(formatAssetRef({ kind: "workspace", name: "dev" }, "iris", 3)).toBe("iris:3");
    expect(formatAssetRef({ kind: "registry", name: "shared" }, "iris", 3)).toBe("registries/shared/iris:3");
  });
});
