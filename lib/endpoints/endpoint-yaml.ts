import { isMap } from "yaml";
import { parseModelReference } from "@/lib/components/azure-refs";
import { readEnvironment, readText, sortProblems } from "@/lib/components/component-yaml";
import type { ComponentEnvironment } from "@/lib/pipeline/types";
import { DEPLOYMENT_LIMITS } from "@/lib/schemas/endpoints";
import { readYamlMapping, type YamlEntry, type YamlProblem, type YamlReader } from "@/lib/yaml-source";

// Azure ML CLI v2 endpoint and deployment YAML (managedOnlineEndpoint, managedOnlineDeployment, batchEndpoint,
// batchDeployment schemas), as `az ml online-endpoint create -f` and friends take them, read into what the
// studio's endpoints API takes. Settings that have no meaning on one machine are warnings, never dropped silently.

export type EndpointYaml = { name: string; description: string; kind: "online" | "batch" };

export type DeploymentYaml = {
  name: string;
  endpointName: string | null;
  description: string;
  /** The studio's model reference: "name:version", "name@alias" or "registries/<r>/name:version". */
  model: string;
  /** The code folder and the entry script in it, relative to the YAML (the client uploads the folder). */
  code: { folder: string; scoringScript: string } | null;
  environment: ComponentEnvironment | null;
  instanceCount: number | null;
  requestTimeoutMs: number | null;
  dataCollectionPercent: number | null;
  miniBatchSize: number | null;
};

type Result<T> = { ok: true; value: T; warnings: string[] } | { ok: false; errors: YamlProblem[] };

const ENDPOINT_IGNORED: Record<string, string> = {
  identity: "endpoints call nothing on a user's behalf here",
  public_network_access: "the scoring listener's address is set by HOST and STUDIO_SCORING_URL",
  traffic: "set traffic after the deployments exist (studio traffic, or the endpoint page)",
  mirror_traffic: "set mirroring after the deployments exist",
  defaults: "the first batch deployment is the default until another is chosen",
  properties: "not kept here",
};

export function parseEndpointYaml(text: string, kind: "online" | "batch"): Result<EndpointYaml> {
  const read = readYamlMapping(text, "An endpoint YAML");
  if (!read.ok) return read;
  const { reader: r, root } = read;
  const entries = new Map(r.entries(root).map((e) => [e.key, e]));
  for (const [key, entry] of entries) {
    if (["$schema", "name", "description", "auth_mode", "tags"].includes(key)) continue;
    r.warn(
      entry.keyLine,
      key in ENDPOINT_IGNORED ? `"${key}" is ignored: ${ENDPOINT_IGNORED[key]}.` : `Unknown key "${key}" is ignored.`,
    );
  }
  const schema = entries.get("$schema");
  const schemaText = schema ? (r.scalarText(schema.value) ?? "") : "";
  if (kind === "online" && /batchEndpoint/i.test(schemaText))
    r.error(schema!.line, "This is a batch endpoint's YAML: create it as a batch endpoint.");
  if (kind === "batch" && /OnlineEndpoint/i.test(schemaText))
    r.error(schema!.line, "This is an online endpoint's YAML: create it as an online endpoint.");
  const auth = entries.get("auth_mode");
  const authMode = auth ? r.text(auth, "auth_mode") : null;
  if (authMode !== null && authMode !== "key")
    r.warn(auth!.line, `auth_mode "${authMode}" is not offered here: the endpoint takes either of its two keys.`);
  if (entries.has("tags")) r.warn(entries.get("tags")!.keyLine, '"tags" are not kept on endpoints here.');
  const name = readName(r, entries.get("name"), "endpoint");
  const description = readText(r, entries.get("description"), "description", 1000) ?? "";
  if (r.errors.length || name === null) return { ok: false, errors: sortProblems(r.errors) };
  return { ok: true, value: { name, description, kind }, warnings: r.warnings };
}

const DEPLOYMENT_READ = new Set([
  "$schema",
  "name",
  "endpoint_name",
  "description",
  "model",
  "code_configuration",
  "environment",
  "instance_count",
  "request_settings",
  "data_collector",
  "mini_batch_size",
  "resources",
  "tags",
]);
const DEPLOYMENT_IGNORED: Record<string, string> = {
  instance_type: "instances run on this machine",
  compute: "batch jobs run on local compute",
  liveness_probe: "the studio checks its instances itself",
  readiness_probe: "an instance serves once its init() has returned",
  app_insights_enabled: "logs and metrics are the studio's own",
  egress_public_network_access: "instances share the machine's network",
  scale_settings: "the instance count is fixed",
  environment_variables: "not applied to deployments here",
  max_concurrency_per_instance: "batch jobs score one mini-batch at a time",
  output_action: "predictions are one CSV, kept as a data asset version",
  output_file_name: "predictions are stored as predictions.csv",
  retry_settings: "a failed mini-batch fails the job",
  error_threshold: "a failed mini-batch fails the job",
  logging_level: "the job's log keeps everything",
  properties: "not kept here",
};

export function parseDeploymentYaml(text: string, kind: "online" | "batch"): Result<DeploymentYaml> {
  const read = readYamlMapping(text, "A deployment YAML");
  if (!read.ok) return read;
  const { reader: r, root } = read;
  const entries = new Map(r.entries(root).map((e) => [e.key, e]));
  for (const [key, entry] of entries) {
    if (DEPLOYMENT_READ.has(key)) continue;
    r.warn(
      entry.keyLine,
      key in DEPLOYMENT_IGNORED
        ? `"${key}" is ignored: ${DEPLOYMENT_IGNORED[key]}.`
        : `Unknown key "${key}" is ignored.`,
    );
  }
  if (entries.has("tags")) r.warn(entries.get("tags")!.keyLine, '"tags" are not kept on deployments here.');
  const name = readName(r, entries.get("name"), "deployment");
  const endpointEntry = entries.get("endpoint_name");
  const endpointName = endpointEntry ? r.text(endpointEntry, "endpoint_name") : null;
  const value: DeploymentYaml = {
    name: name ?? "",
    endpointName,
    description: readText(r, entries.get("description"), "description", 1000) ?? "",
    model: readModel(r, entries.get("model")) ?? "",
    code: readCodeConfiguration(r, entries.get("code_configuration")),
    environment: readEnvironment(r, entries.get("environment")),
    instanceCount: readInstanceCount(r, entries, kind),
    requestTimeoutMs: null,
    dataCollectionPercent: null,
    miniBatchSize: readWhole(r, entries.get("mini_batch_size"), "mini_batch_size", 1, DEPLOYMENT_LIMITS.maxMiniBatch),
  };
  const settings = entries.get("request_settings");
  if (settings && isMap(settings.value)) {
    for (const [key, field] of r.fields(settings.value)) {
      if (key === "request_timeout_ms")
        value.requestTimeoutMs = readWhole(
          r,
          field,
          "request_timeout_ms",
          DEPLOYMENT_LIMITS.minTimeoutMs,
          DEPLOYMENT_LIMITS.maxTimeoutMs,
        );
      else r.warn(field.keyLine, `"request_settings.${key}" is ignored: each instance takes one request at a time.`);
    }
  }
  value.dataCollectionPercent = readDataCollector(r, entries.get("data_collector"));
  if (!entries.has("model")) r.error(null, 'The deployment has no "model:".');
  if (r.errors.length || name === null) return { ok: false, errors: sortProblems(r.errors) };
  return { ok: true, value, warnings: r.warnings };
}

const NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,31}$/;

function readName(r: YamlReader, entry: YamlEntry | undefined, what: string): string | null {
  if (!entry) {
    r.error(null, `The ${what} has no "name:".`);
    return null;
  }
  const name = r.text(entry, "name");
  if (name !== null && !NAME.test(name)) {
    r.error(entry.line, `The ${what} name "${name}": 2 to 32 letters, digits and '-', starting with a letter.`);
    return null;
  }
  return name;
}

/** `azureml:name:1`, `azureml:name@latest`, a registry URI; an inline model (`path:`) must be registered first. */
function readModel(r: YamlReader, entry: YamlEntry | undefined): string | null {
  if (!entry || entry.value === null) return null;
  if (isMap(entry.value)) {
    r.error(
      entry.keyLine,
      "An inline model (path:) is not registered here: register it first (studio model create) and name it as azureml:<name>:<version>.",
    );
    return null;
  }
  const text = r.text(entry, "model");
  if (text === null) return null;
  const ref = parseModelReference(text);
  if (!ref.ok) {
    r.error(entry.line, `model: ${ref.message}`);
    return null;
  }
  return ref.value;
}

function readCodeConfiguration(r: YamlReader, entry: YamlEntry | undefined): DeploymentYaml["code"] {
  if (!entry || entry.value === null) return null;
  if (!isMap(entry.value)) {
    r.error(entry.line, "code_configuration is a mapping with code: and scoring_script:.");
    return null;
  }
  const fields = r.fields(entry.value);
  const code = fields.get("code");
  const script = fields.get("scoring_script");
  const folder = code ? r.text(code, "code_configuration.code") : null;
  const scoringScript = script ? r.text(script, "code_configuration.scoring_script") : null;
  if (!script) r.error(entry.keyLine, "code_configuration needs scoring_script: (score.py).");
  if (folder === null || scoringScript === null) return null;
  return { folder: folder.trim(), scoringScript: scoringScript.trim().replace(/^\.\//, "") };
}

function readWhole(r: YamlReader, entry: YamlEntry | undefined, what: string, min: number, max: number): number | null {
  if (!entry || entry.value === null) return null;
  const value = r.scalar(entry.value);
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    r.error(entry.line, `${what} is a whole number from ${min} to ${max}.`);
    return null;
  }
  return value;
}

function readInstanceCount(r: YamlReader, entries: Map<string, YamlEntry>, kind: "online" | "batch"): number | null {
  const direct = readWhole(r, entries.get("instance_count"), "instance_count", 1, DEPLOYMENT_LIMITS.maxInstances);
  const resources = entries.get("resources");
  if (resources && isMap(resources.value)) {
    for (const [key, field] of r.fields(resources.value)) {
      if (key === "instance_count" && kind === "batch")
        return readWhole(r, field, "resources.instance_count", 1, DEPLOYMENT_LIMITS.maxInstances);
      r.warn(field.keyLine, `"resources.${key}" is ignored: deployments run on this machine.`);
    }
  }
  return direct;
}

/** Azure's data_collector: collecting model inputs (or outputs) at sampling_rate (0–1) → the percent of requests kept. */
function readDataCollector(r: YamlReader, entry: YamlEntry | undefined): number | null {
  if (!entry || !isMap(entry.value)) return null;
  const fields = r.fields(entry.value);
  let isEnabled = false;
  const collections = fields.get("collections");
  if (collections && isMap(collections.value)) {
    for (const [key, field] of r.fields(collections.value)) {
      if (!isMap(field.value)) continue;
      const enabled = r.fields(field.value).get("enabled");
      const on = enabled ? String(r.scalar(enabled.value)).toLowerCase() === "true" : false;
      if (key === "model_inputs" || key === "model_outputs") isEnabled ||= on;
      else
        r.warn(field.keyLine, `Collection "${key}" is not kept: the studio collects each request's input and output.`);
    }
  }
  const rate = fields.get("sampling_rate");
  const sampling = rate ? r.scalar(rate.value) : 1;
  if (typeof sampling !== "number" || sampling < 0 || sampling > 1) {
    r.error(rate?.line ?? entry.line, "sampling_rate is a number from 0 to 1.");
    return null;
  }
  for (const key of fields.keys())
    if (key !== "collections" && key !== "sampling_rate")
      r.warn(fields.get(key)!.keyLine, `"data_collector.${key}" is ignored: collected data stays in the studio.`);
  return isEnabled ? Math.round(sampling * 100) : 0;
}
