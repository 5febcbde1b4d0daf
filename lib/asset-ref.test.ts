import { describe, expect, it } from "vitest";
import { formatAliasRef, formatAssetRef, parseAssetRef, splitAliasRef } from "@/lib/asset-ref";

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

describe("splitAliasRef", () => {
  it("splits name@alias, with or without a registry, and round-trips with formatAliasRef", () => {
    expect(splitAliasRef("iris@champion")).toEqual({ ref: "iris", alias: "champion" });
    expect(splitAliasRef(" registries/shared/iris@challenger-2 ")).toEqual({
      ref: "registries/shared/iris",
      alias: "challenger-2",
    });
    expect(formatAliasRef({ kind: "registry", name: "shared" }, "iris", "champion")).toBe(
      "registries/shared/iris@champion",
    );
    expect(formatAliasRef({ kind: "workspace", name: "dev" }, "iris", "champion")).toBe("iris@champion");
  });

  it("is null for versions, @latest and references without an alias", () => {
    for (const raw of ["iris:3", "iris@latest", "iris", "registries/shared/iris:1", "iris@", "a@b/c"])
      expect(splitAliasRef(raw), raw).toBeNull();
  });
});
