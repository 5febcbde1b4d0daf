import { parseAssetRef } from "@/lib/asset-ref";
import { isDataType } from "@/lib/pipeline/port-types";
import { capitalised, withArticle } from "@/lib/pipeline/wording";
import type { LiteralValue, PortType } from "@/lib/pipeline/types";

// Literal values for value inputs. A value may arrive as a string (a text field, an old draft) or typed
// (YAML gives numbers and booleans): both are accepted when they mean a value of the input's type, and
// `parseLiteral` returns it in its typed form, so `"3"` and `3` for an integer input are the same value.

/** The constraints a literal is checked against: a component input or a pipeline input. */
export type LiteralTarget = { type: PortType; min?: number; max?: number; enum?: string[] };

export type LiteralCheck = { ok: true; value: LiteralValue } | { ok: false; reason: string };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function show(value: LiteralValue): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function checkRange(target: LiteralTarget, value: number): LiteralCheck {
  if (target.min !== undefined && value < target.min) return { ok: false, reason: `${value} is below the minimum, ${target.min}.` };
  if (target.max !== undefined && value > target.max) return { ok: false, reason: `${value} is above the maximum, ${target.max}.` };
  return { ok: true, value };
}

/** Whether `value` fits an input of `target`'s type and constraints; the typed value, or why not. */
export function parseLiteral(target: LiteralTarget, value: LiteralValue): LiteralCheck {
  if (isDataType(target.type)) return { ok: false, reason: `${capitalised(withArticle(target.type))} input takes data (a data asset or another step's output), not a literal value.` };
  switch (target.type) {
    case "integer": {
      const n = typeof value === "number" ? value : typeof value === "string" && INTEGER.test(value.trim()) ? Number(value.trim()) : NaN;
      if (!Number.isSafeInteger(n)) return { ok: false, reason: `${show(value)} is not a whole number.` };
      return checkRange(target, n === 0 ? 0 : n);
    }
    case "number": {
      const n = typeof value === "number" ? value : typeof value === "string" && NUMBER.test(value.trim()) ? Number(value.trim()) : NaN;
      if (!Number.isFinite(n)) return { ok: false, reason: `${show(value)} is not a number.` };
      return checkRange(target, n === 0 ? 0 : n);
    }
    case "boolean": {
      if (typeof value === "boolean") return { ok: true, value };
      const text = typeof value === "string" ? value.trim().toLowerCase() : "";
      if (text === "true" || text === "false") return { ok: true, value: text === "true" };
      return { ok: false, reason: `${show(value)} is not true or false.` };
    }
    case "string": {
      // Numbers and booleans written in YAML for a string input reach the command as their text.
      const text = typeof value === "string" ? value : String(value);
      if (target.enum && target.enum.length > 0 && !target.enum.includes(text)) {
        return { ok: false, reason: `${JSON.stringify(text)} is not one of the allowed values: ${target.enum.join(", ")}.` };
      }
      return { ok: true, value: text };
    }
  }
  return { ok: false, reason: `"${target.type}" is not a known input type.` };
}

/** Whether a data asset reference (`name:3`, `name@latest`, `registries/r/name:3`) is well formed; why not. */
export function checkDataRef(ref: string): { ok: true } | { ok: false; reason: string } {
  const parsed = parseAssetRef(ref);
  return parsed.ok ? { ok: true } : { ok: false, reason: parsed.message };
}
