import { capitalised, withArticle } from "@/lib/pipeline/wording";
import {
  DATA_PORT_TYPES,
  VALUE_PORT_TYPES,
  type DataPortType,
  type PortType,
  type ValuePortType,
} from "@/lib/pipeline/types";

// Which output may feed which input. The rules follow what a command finds on disk or on its command
// line: a folder can be read as an MLTable or a model (they are folders with a known file inside); a
// single file is only a file; `path` is Azure's "any data" type and meets every data type both ways;
// an integer is a number, a number is not an integer. Data and values never mix.

export type ConnectCheck = { ok: true } | { ok: false; reason: string };

const DATA = new Set<string>(DATA_PORT_TYPES);
const VALUE = new Set<string>(VALUE_PORT_TYPES);

export function isDataType(type: string): type is DataPortType {
  return DATA.has(type);
}

export function isValueType(type: string): type is ValuePortType {
  return VALUE.has(type);
}

export function isPortType(type: string): type is PortType {
  return DATA.has(type) || VALUE.has(type);
}

/** For each source type, the input types it may feed (besides `path`, handled apart). */
const FEEDS: Record<PortType, readonly PortType[]> = {
  path: DATA_PORT_TYPES,
  uri_folder: ["uri_folder", "mltable", "custom_model", "mlflow_model", "triton_model"],
  uri_file: ["uri_file"],
  mltable: ["mltable", "uri_folder"],
  custom_model: ["custom_model", "uri_folder"],
  mlflow_model: ["mlflow_model", "custom_model", "uri_folder"],
  triton_model: ["triton_model", "custom_model", "uri_folder"],
  integer: ["integer", "number"],
  number: ["number"],
  string: ["string"],
  boolean: ["boolean"],
};

/** What an input of each type expects, said to a user whose connection was refused. */
const EXPECTS: Record<PortType, string> = {
  path: "data is expected",
  uri_folder: "a folder is expected",
  uri_file: "a single file is expected",
  mltable: "an MLTable (a folder holding an MLTable file) is expected",
  custom_model: "a model folder is expected",
  mlflow_model: "an MLflow model (a folder holding an MLmodel file) is expected",
  triton_model: "a Triton model repository is expected",
  integer: "a whole number is expected",
  number: "a number is expected",
  string: "a string is expected",
  boolean: "true or false is expected",
};

const COMPATIBLE = new Map<string, true>();
for (const source of [...DATA_PORT_TYPES, ...VALUE_PORT_TYPES]) {
  for (const target of FEEDS[source]) COMPATIBLE.set(`${source}>${target}`, true);
  if (isDataType(source)) COMPATIBLE.set(`${source}>path`, true);
}

/** Whether an output (or pipeline input) of `source` type may feed an input of `target` type, and why not. */
export function canConnect(source: PortType, target: PortType): ConnectCheck {
  if (!isPortType(source)) return { ok: false, reason: `"${source}" is not a known port type.` };
  if (!isPortType(target)) return { ok: false, reason: `"${target}" is not a known port type.` };
  if (COMPATIBLE.has(`${source}>${target}`)) return { ok: true };
  if (isDataType(source) && isValueType(target)) {
    return {
      ok: false,
      reason: `${capitalised(withArticle(source))} output is data and cannot feed ${withArticle(target)} input: ${EXPECTS[target]}, not files.`,
    };
  }
  if (isValueType(source) && isDataType(target)) {
    return {
      ok: false,
      reason: `${capitalised(withArticle(source))} value cannot feed ${withArticle(target)} input: ${EXPECTS[target]}, not a value.`,
    };
  }
  if (source === "number" && target === "integer") {
    return {
      ok: false,
      reason: "A number output cannot feed an integer input: it may have a fraction, and a whole number is expected.",
    };
  }
  return {
    ok: false,
    reason: `${capitalised(withArticle(source))} output cannot feed ${withArticle(target)} input: ${EXPECTS[target]}.`,
  };
}

/** The input types a source type may feed, in the order of the type lists (for highlighting valid targets). */
export function compatibleTargets(source: PortType): PortType[] {
  return [...DATA_PORT_TYPES, ...VALUE_PORT_TYPES].filter((target) => COMPATIBLE.has(`${source}>${target}`));
}
