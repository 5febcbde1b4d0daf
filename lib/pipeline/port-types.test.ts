import { describe, expect, it } from "vitest";
import { canConnect, compatibleTargets } from "@/lib/pipeline/port-types";
import { withArticle } from "@/lib/pipeline/wording";
import { DATA_PORT_TYPES, VALUE_PORT_TYPES, type PortType } from "@/lib/pipeline/types";

const ALL: PortType[] = [...DATA_PORT_TYPES, ...VALUE_PORT_TYPES];

function allowed(source: PortType): PortType[] {
  return ALL.filter((target) => canConnect(source, target).ok);
}

describe("canConnect", () => {
  it("lets path meet every data type both ways, and no value type", () => {
    for (const t of DATA_PORT_TYPES) {
      expect(canConnect("path", t)).toEqual({ ok: true });
      expect(canConnect(t, "path")).toEqual({ ok: true });
    }
    for (const v of VALUE_PORT_TYPES) {
      expect(canConnect("path", v).ok).toBe(false);
      expect(canConnect(v, "path").ok).toBe(false);
    }
  });

  it.each<[PortType, PortType[]]>([
    ["uri_folder", ["uri_folder", "mltable", "custom_model", "mlflow_model", "path", "triton_model"]],
    ["uri_file", ["uri_file", "path"]],
    ["mltable", ["uri_folder", "mltable", "path"]],
    ["custom_model", ["uri_folder", "custom_model", "path"]],
    ["mlflow_model", ["uri_folder", "custom_model", "mlflow_model", "path"]],
    ["triton_model", ["uri_folder", "custom_model", "path", "triton_model"]],
    ["integer", ["integer", "number"]],
    ["number", ["number"]],
    ["string", ["string"]],
    ["boolean", ["boolean"]],
  ])("%s feeds exactly %j", (source, targets) => {
    expect(new Set(allowed(source))).toEqual(new Set(targets));
    expect(new Set(compatibleTargets(source))).toEqual(new Set(targets));
  });

  it("never lets data feed a value or a value feed data", () => {
    for (const d of DATA_PORT_TYPES) {
      for (const v of VALUE_PORT_TYPES) {
        const down = canConnect(d, v);
        const up = canConnect(v, d);
        expect(down.ok).toBe(false);
        expect(up.ok).toBe(false);
      }
    }
  });

  it("explains a refusal in a sentence a user understands", () => {
    expect(canConnect("uri_file", "uri_folder")).toEqual({
      ok: false,
      reason: "A uri_file output cannot feed a uri_folder input: a folder is expected.",
    });
    expect(canConnect("uri_folder", "uri_file")).toEqual({
      ok: false,
      reason: "A uri_folder output cannot feed a uri_file input: a single file is expected.",
    });
    expect(canConnect("uri_file", "mltable")).toEqual({
      ok: false,
      reason:
        "A uri_file output cannot feed an mltable input: an MLTable (a folder holding an MLTable file) is expected.",
    });
    expect(canConnect("custom_model", "mlflow_model")).toEqual({
      ok: false,
      reason:
        "A custom_model output cannot feed an mlflow_model input: an MLflow model (a folder holding an MLmodel file) is expected.",
    });
    expect(canConnect("number", "integer")).toEqual({
      ok: false,
      reason: "A number output cannot feed an integer input: it may have a fraction, and a whole number is expected.",
    });
    expect(canConnect("string", "boolean")).toEqual({
      ok: false,
      reason: "A string output cannot feed a boolean input: true or false is expected.",
    });
    expect(canConnect("uri_folder", "integer")).toEqual({
      ok: false,
      reason: "A uri_folder output is data and cannot feed an integer input: a whole number is expected, not files.",
    });
    expect(canConnect("string", "uri_folder")).toEqual({
      ok: false,
      reason: "A string value cannot feed a uri_folder input: a folder is expected, not a value.",
    });
  });

  it("gives a reason for every refused pair, and one that names both types", () => {
    for (const s of ALL) {
      for (const t of ALL) {
        const check = canConnect(s, t);
        if (!check.ok) {
          expect(check.reason).toMatch(/^An? /);
          expect(check.reason).toContain(s);
          expect(check.reason).toContain(t);
          expect(check.reason.endsWith(".")).toBe(true);
        }
      }
    }
  });

  it("refuses unknown types instead of guessing", () => {
    expect(canConnect("table" as PortType, "uri_folder")).toEqual({
      ok: false,
      reason: '"table" is not a known port type.',
    });
    expect(canConnect("uri_folder", "folder" as PortType).ok).toBe(false);
  });

  it("reads type names with the right article", () => {
    expect(withArticle("integer")).toBe("an integer");
    expect(withArticle("mltable")).toBe("an mltable");
    expect(withArticle("uri_file")).toBe("a uri_file");
    expect(withArticle("number")).toBe("a number");
  });
});
