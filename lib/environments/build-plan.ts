import { readCondaYaml } from "@/lib/conda-yaml";

// What building an environment on local compute means: a Python virtual environment with the spec's pip
// requirements (its pip file and the conda file's `pip:` section), on an interpreter whose version meets
// the conda file's `python` spec. Conda packages need conda or micromamba, which local compute does not
// use: a spec that asks for them is refused, naming them, rather than built without them.

export type EnvironmentSpecText = { conda: string | null; pip: string | null; image: string | null };

export type BuildPlan =
  /** Nothing to install (a base image only): jobs run on the machine's Python, as without an environment. */
  | { kind: "none"; why: string }
  | { kind: "build"; python: string | null; requirements: string[] }
  | { kind: "refused"; message: string };

export function planEnvironmentBuild(spec: EnvironmentSpecText): BuildPlan {
  const requirements: string[] = [];
  let python: string | null = null;
  if (spec.conda !== null) {
    const conda = readCondaYaml(spec.conda);
    if (!conda.ok) return { kind: "refused", message: conda.message };
    if (conda.conda.length)
      return {
        kind: "refused",
        message: `Its conda file asks for conda packages (${conda.conda.join(", ")}), which local compute cannot install: it builds Python virtual environments with pip. List them under the conda file's "pip:" section instead.`,
      };
    python = conda.python;
    requirements.push(...conda.pip);
  }
  if (spec.pip !== null) requirements.push(...requirementLines(spec.pip));
  if (python === null && requirements.length === 0)
    return {
      kind: "none",
      why: spec.image
        ? `it names only a base image (${spec.image}), which local compute does not run: the job uses the machine's Python`
        : "it asks for no Python packages",
    };
  return { kind: "build", python, requirements };
}

/** A requirements file's lines without comments and blank lines (pip's own options such as --extra-index-url stay). */
export function requirementLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter((line) => line !== "");
}

/**
 * Whether a Python version ("3.11.2") meets a conda `python` spec as readCondaYaml gives it: "=3.11"
 * (any 3.11.x, conda's fuzzy match), "==3.11.4" (exactly), ">=3.10", "<3.12", "!=3.9", "~=3.10", "3.11.*",
 * and comma-joined parts (">=3.9,<3.12"), all of which must hold.
 */
export function pythonVersionMeets(version: string, spec: string): boolean {
  const have = numbers(version);
  let operator = "";
  return spec.split(",").every((raw) => {
    const part = /^\s*([=<>!~]{0,2})\s*(\S+?)\s*$/.exec(raw);
    if (!part) return false;
    operator = part[1] || operator || "=";
    const wanted = part[2]!;
    if (wanted.endsWith(".*") || operator === "=") {
      const prefix = numbers(wanted.replace(/\.\*$/, ""));
      const matches = prefix.every((n, i) => have[i] === n);
      return operator === "!=" ? !matches : operator === "=" || operator === "==" ? matches : false;
    }
    const order = compare(have, numbers(wanted));
    switch (operator) {
      case "==":
        return order === 0;
      case "!=":
        return order !== 0;
      case ">=":
        return order >= 0;
      case ">":
        return order > 0;
      case "<=":
        return order <= 0;
      case "<":
        return order < 0;
      case "~=": {
        // Compatible release: at least the version, and the same release series (all but its last number).
        const series = numbers(wanted).slice(0, -1);
        return order >= 0 && series.every((n, i) => have[i] === n);
      }
      default:
        return false;
    }
  });
}

function numbers(version: string): number[] {
  return version.split(".").map((n) => Number.parseInt(n, 10) || 0);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** "=3.11" → "Python 3.11", ">=3.10,<3.12" → "Python >=3.10,<3.12" (for messages). */
export function pythonRequestLabel(spec: string): string {
  return `Python ${spec.replace(/^=(?!=)/, "")}`;
}

export type RequirementCheck = { name: string; wanted: string; installed: string | null; isMet: boolean };

/**
 * Each pinned requirement (`name==version`) against what `pip freeze` says is installed: what the job asked
 * for beside what it ran with. Names compare as pip does (case and -_. folded).
 */
export function compareRequirements(requirements: string[], frozen: string[]): RequirementCheck[] {
  const installed = new Map<string, string>();
  for (const line of frozen) {
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*(\S+)/.exec(line);
    if (match) installed.set(canonicalName(match[1]!), match[2]!);
  }
  const checks: RequirementCheck[] = [];
  for (const line of requirements) {
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(==|>=|<=|~=|!=|<|>)?\s*([^;\s]*)/.exec(line);
    if (!match || line.startsWith("-")) continue;
    const name = canonicalName(match[1]!);
    const have = installed.get(name) ?? null;
    const wanted = match[2] ? `${match[2]}${match[3]}` : "any";
    const isMet = have !== null && (match[2] ? versionMeets(have, match[2], match[3]!) : true);
    checks.push({ name: match[1]!, wanted, installed: have, isMet });
  }
  return checks;
}

function versionMeets(have: string, operator: string, wanted: string): boolean {
  if (operator === "==" && wanted.endsWith(".*")) return pythonVersionMeets(have, wanted);
  return pythonVersionMeets(have, `${operator}${wanted}`);
}

function canonicalName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
