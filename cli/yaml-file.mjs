// A YAML file the CLI is given (-f): read and parsed, a mapping, or a usage error that names the file.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { CliError, EXIT } from "./errors.mjs";

export function readYamlMapping(file, what) {
  let doc;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`${file}: ${error.message}`, EXIT.usage);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    throw new CliError(`${file} is not ${what} YAML (a mapping of keys).`, EXIT.usage);
  return doc;
}
