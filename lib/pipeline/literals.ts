import { parseAssetRef } from "@/lib/asset-ref";
import { isDataType } from "@/lib/pipeline/port-types";
import { capitalised, withArticle } from "@/lib/pipeline/wording";
import type { LiteralValue, PortType } from "@/lib/pipeline/types";

// Literal values for value inputs, the one check for every place one arrives: a component's YAML
// (defaults, min and max), a pipeline's YAML (step inputs, pipeline inputs), the designer and submit. A value
// may arrive typed (YAML and JSON give numbers and booleans) or as text (a form field, an old draft): both
// are accepted when they mean a value of the input's type, and the typed form comes back, so `"3"` and `3`
// for an integer input are the same value.

/** The constraints a literal is checked against: a component input or a pipeline input. */
export type LiteralTarget = { type: PortType; min?: number; max?: number; enum?: string[] };

export type LiteralCheck = { ok: true; value: LiteralValue } | { ok: false; message: string };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// Azure reads YAML 1.1, where yes/no and on/off are booleans too; the studio reads them the same everywhere.
const TRUE = /^(true|yes|on)$/i;
const FALSE = /^(false|no|off)$/i;

function checkRange(target: LiteralTarget, value: number): LiteralCheck {
  if (target.min !== undefined && value < target.min)
    return { ok: false, message: `${value} is below the minimum, ${target.min}.` };
  if (target.max !== undefined && value > target.max)
    return { ok: false, message: `${value} is above the maximum, ${target.max}.` };
  return { ok: true, value };
}

/**
 * Whether `value` fits an input of `target`'s type and constraints: its typed form, or why not. `text` is
 * the value as written in YAML, when it came from there: a string input keeps `1.10` as "1.10", and
 * messages quote what the user wrote.
 */
export function parseLiteral(target: LiteralTarget, value: unknown, text?: string): LiteralCheck {
  const shown = text ?? (typeof value === "string" ? JSON.stringify(value) : String(value));
  if (isDataType(target.type))
    return {
      ok: false,
      message: `${capitalised(withArticle(target.type))} input takes data (a data asset or another step's output), not a literal value.`,
    };
  const trimmed = typeof value === "string" ? value.trim() : null;
  switch (target.type) {
    case "integer": {
      const n = typeof value === "number" ? value : trimmed !== null && INTEGER.test(trimmed) ? Number(trimmed) : NaN;
      if (!Number.isSafeInteger(n)) return { ok: false, message: `${shown} is not a whole number.` };
      return checkRange(target, n === 0 ? 0 : n);
    }
    case "number": {
      const n = typeof value === "number" ? value : trimmed !== null && NUMBER.test(trimmed) ? Number(trimmed) : NaN;
      if (!Number.isFinite(n)) return { ok: false, message: `${shown} is not a number.` };
      return checkRange(target, n === 0 ? 0 : n);
    }
    case "boolean": {
      if (typeof value === "boolean") return { ok: true, value };
      if (trimmed !== null && (TRUE.test(trimmed) || FALSE.test(trimmed)))
        return { ok: true, value: TRUE.test(trimmed) };
      return { ok: false, message: `${shown} is not true or false.` };
    }
    case "string": {
      // Numbers and booleans written in YAML for a string input reach the command as written.
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
        return { ok: false, message: "a plain text value is expected." };
      const string = typeof value === "string" ? value : (text ?? String(value));
      if (target.enum && target.enum.length > 0 && !target.enum.includes(string)) {
        return {
          ok: false,
          message: `${JSON.stringify(string)} is not one of the allowed values: ${target.enum.join(", ")}.`,
        };
      }
      return { ok: true, value: string };
    }
  }
  return { ok: false, message: `"${target.type}" is not a known input type.` };
}

/** Whether a data asset reference (`name:3`, `name@latest`, `registries/r/name:3`) is well formed; why not. */
export function checkDataRef(ref: string): { ok: true } | { ok: false; reason: string } {
  const parsed = parseAssetRef(ref);
  return parsed.ok ? { ok: true } : { ok: false, reason: parsed.message };
}
