import "server-only";
import { isMlmodelPath, isOnnxPath } from "@/lib/models/model-files";
import { invalid } from "@/lib/errors";
import { parseDeploymentYaml, parseEndpointYaml, type DeploymentYaml } from "@/lib/endpoints/endpoint-yaml";
import type { DeploymentDto, EndpointDto, ScoringMethod } from "@/lib/schemas/endpoints";
import { invalidYaml, MAX_YAML_BYTES } from "@/lib/yaml-source";
import type { Actor } from "@/server/auth/actor";
import type { UploadedFile } from "@/server/artifacts/store";
import { resolveYamlEnvironment } from "@/server/assets/anonymous-environment";
import { createEndpoint, type EndpointKeys } from "@/server/endpoints/create-endpoint";
import { createDeployment, resolveModelVersion } from "@/server/endpoints/deployments";
import { getEndpoint } from "@/server/endpoints/get-endpoint";

// Endpoints and deployments from Azure ML's YAML (`az ml online-endpoint create -f`, `… online-deployment
// create -f`, and the batch ones): read by lib/endpoints/endpoint-yaml, made with the studio's own functions.

function checkSize(yaml: string) {
  if (Buffer.byteLength(yaml) > MAX_YAML_BYTES) throw invalid(`The YAML is larger than ${MAX_YAML_BYTES / 1024} KiB.`);
}

export async function createEndpointFromYaml(
  actor: Actor,
  workspace: string,
  yaml: string,
  kind: "online" | "batch",
): Promise<{ endpoint: EndpointDto; keys: EndpointKeys; warnings: string[] }> {
  checkSize(yaml);
  const parsed = parseEndpointYaml(yaml, kind);
  if (!parsed.ok) throw invalidYaml("The endpoint YAML", "endpoint", parsed.errors);
  const { name, description } = parsed.value;
  const created = await createEndpoint(actor, workspace, { name, description, kind });
  return { ...created, warnings: parsed.warnings };
}

/**
 * A deployment from its YAML. `code` are the files of the folder its code_configuration names (the client
 * sends them, as `az ml` uploads that folder); the YAML's endpoint_name, when given, must be this endpoint.
 */
export async function createDeploymentFromYaml(
  actor: Actor,
  workspace: string,
  endpointName: string,
  yaml: string,
  code: UploadedFile[],
  reason?: string,
): Promise<{ deployment: DeploymentDto; warnings: string[] }> {
  checkSize(yaml);
  const endpoint = await getEndpoint(actor, workspace, endpointName);
  const parsed = parseDeploymentYaml(yaml, endpoint.kind);
  if (!parsed.ok) throw invalidYaml("The deployment YAML", "deployment", parsed.errors);
  const spec = parsed.value;
  const warnings = [...parsed.warnings];
  if (spec.endpointName && spec.endpointName !== endpointName)
    throw invalid(`The YAML's endpoint_name is "${spec.endpointName}", but it was sent to endpoint "${endpointName}".`);
  if (spec.code && !code.length)
    throw invalid(`The YAML names the code folder "${spec.code.folder}": send its files with it.`);
  const deployment = await createDeployment(
    actor,
    workspace,
    endpointName,
    {
      name: spec.name,
      description: spec.description,
      model: spec.model,
      ...(await environmentOf(actor, workspace, spec, warnings)),
      scoringMethod: await scoringMethodOf(actor, workspace, spec),
      ...(spec.code ? { scoringScript: spec.code.scoringScript } : {}),
      ...(spec.instanceCount !== null ? { instanceCount: spec.instanceCount } : {}),
      ...(spec.requestTimeoutMs !== null ? { requestTimeoutMs: spec.requestTimeoutMs } : {}),
      ...(spec.dataCollectionPercent !== null ? { dataCollectionPercent: spec.dataCollectionPercent } : {}),
      ...(spec.miniBatchSize !== null ? { miniBatchSize: spec.miniBatchSize } : {}),
      ...(reason ? { reason } : {}),
    },
    code,
  );
  return { deployment, warnings };
}

/** An entry script by its extension; with no code, as Azure's no-code deployments: an MLflow model (or ONNX here). */
async function scoringMethodOf(actor: Actor, workspace: string, spec: DeploymentYaml): Promise<ScoringMethod> {
  if (spec.code) return /\.(m?js)$/.test(spec.code.scoringScript) ? "javascript" : "python";
  const model = await resolveModelVersion(actor, workspace, spec.model);
  const paths = model.files.map((f) => f.path);
  if (paths.some(isMlmodelPath)) return "mlflow";
  if (paths.some(isOnnxPath)) return "onnx";
  throw invalid(
    `Model ${spec.model} has neither an MLmodel file nor an .onnx file: give code_configuration (code and scoring_script).`,
  );
}

async function environmentOf(
  actor: Actor,
  workspace: string,
  spec: DeploymentYaml,
  warnings: string[],
): Promise<{ environment?: string }> {
  if (!spec.environment) return {};
  const resolved = await resolveYamlEnvironment(actor, workspace, spec.environment);
  if (resolved.kind === "registered") return { environment: resolved.label };
  warnings.push(
    resolved.kind === "unregistered"
      ? `Environment ${resolved.reference} is not registered here: the deployment runs on the studio's Python.`
      : `The image ${resolved.image} is not run here: the deployment runs on the studio's Python.`,
  );
  return {};
}
