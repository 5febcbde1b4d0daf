import "server-only";
import type { NextRequest } from "next/server";
import { apiRoute, json, readJson, readText, searchParamsOf } from "@/server/http/api";
import { jsonField, withUpload } from "@/server/http/upload";
import { contentDisposition } from "@/server/http/downloads";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { getEndpoint, listEndpoints } from "@/server/endpoints/get-endpoint";
import { deleteEndpoint, updateEndpoint } from "@/server/endpoints/change-endpoint";
import { regenerateEndpointKey, revealEndpointKeys } from "@/server/endpoints/endpoint-key-admin";
import { setTraffic } from "@/server/endpoints/traffic";
import { trafficAt, trafficHistory } from "@/server/endpoints/traffic-history";
import { createDeployment, deleteDeployment, deploymentLogs, updateDeployment } from "@/server/endpoints/deployments";
import { Readable } from "node:stream";
import { endpointComparison, setChallengerCriteria } from "@/server/monitoring/challenger-comparison";
import { submitFeedback } from "@/server/monitoring/feedback";
import { collectedCsv, collectedRequests, endpointMonitoring } from "@/server/endpoints/monitoring";
import { packageDeployment } from "@/server/endpoints/package-deployment";
import { invokeBatchEndpoint, listBatchJobs } from "@/server/endpoints/batch-jobs";
import { testEndpoint } from "@/server/endpoints/test-endpoint";
import { notFound } from "@/lib/errors";
import {
  createDeploymentSchema,
  createEndpointSchema,
  invokeBatchSchema,
  trafficAtQuerySchema,
} from "@/lib/schemas/endpoints";
import { requireScope } from "@/server/scopes/scope-access";
import { createDeploymentFromYaml, createEndpointFromYaml } from "@/server/endpoints/endpoint-yaml";
import { MAX_YAML_BYTES } from "@/lib/yaml-source";

type WorkspaceParams = { workspace: string };
type EndpointParams = WorkspaceParams & { endpoint: string };
type DeploymentParams = EndpointParams & { deployment: string };

const isYaml = (req: NextRequest) => /^(application|text)\/(x-)?yaml\b/i.test(req.headers.get("content-type") ?? "");
const reasonOf = (req: NextRequest) => req.nextUrl.searchParams.get("reason")?.slice(0, 1000) || undefined;

/** Route handlers for online and batch endpoints, their keys, traffic and deployments. */
export const endpointRoutes = {
  list: apiRoute<WorkspaceParams>(async ({ req, params, actor }) =>
    json({ items: await listEndpoints(actor, params.workspace, searchParamsOf(req)) }),
  ),
  /** Answers the endpoint and its two keys; the keys are in no other answer but an explicit reveal. */
  /** JSON, or Azure ML's endpoint YAML (content-type application/yaml; ?kind=batch for a batch endpoint). */
  create: apiRoute<WorkspaceParams>(async ({ req, params, actor }) => {
    if (isYaml(req)) {
      await requireScope(actor, { kind: "workspace", name: params.workspace }, "write");
      const kind = req.nextUrl.searchParams.get("kind") === "batch" ? "batch" : "online";
      const yaml = await readText(req, MAX_YAML_BYTES, "The YAML");
      const { endpoint, keys, warnings } = await createEndpointFromYaml(actor, params.workspace, yaml, kind);
      return json({ ...endpoint, keys, warnings }, 201);
    }
    const { endpoint, keys } = await createEndpoint(
      actor,
      params.workspace,
      createEndpointSchema.parse(await readJson(req)),
    );
    return json({ ...endpoint, keys }, 201);
  }),
  get: apiRoute<EndpointParams>(async ({ params, actor }) =>
    json(await getEndpoint(actor, params.workspace, params.endpoint)),
  ),
  update: apiRoute<EndpointParams>(async ({ req, params, actor }) =>
    json(await updateEndpoint(actor, params.workspace, params.endpoint, await readJson(req))),
  ),
  remove: apiRoute<EndpointParams>(async ({ req, params, actor }) => {
    await deleteEndpoint(actor, params.workspace, params.endpoint, reasonOf(req));
    return new Response(null, { status: 204 });
  }),
  regenerateKey: apiRoute<EndpointParams>(async ({ req, params, actor }) =>
    json(await regenerateEndpointKey(actor, params.workspace, params.endpoint, await readJson(req))),
  ),
  revealKeys: apiRoute<EndpointParams>(async ({ params, actor }) =>
    json(await revealEndpointKeys(actor, params.workspace, params.endpoint)),
  ),
  /** The current setting and its history; with ?at=<ISO 8601>, what served traffic at that instant. */
  getTraffic: apiRoute<EndpointParams>(async ({ req, params, actor }) => {
    if (req.nextUrl.searchParams.has("at")) {
      const { at } = trafficAtQuerySchema.parse(searchParamsOf(req));
      return json(await trafficAt(actor, params.workspace, params.endpoint, new Date(at)));
    }
    const endpoint = await getEndpoint(actor, params.workspace, params.endpoint);
    return json({
      traffic: endpoint.traffic,
      mirror: endpoint.mirror,
      history: await trafficHistory(actor, params.workspace, params.endpoint),
    });
  }),
  setTraffic: apiRoute<EndpointParams>(async ({ req, params, actor }) =>
    json(await setTraffic(actor, params.workspace, params.endpoint, await readJson(req))),
  ),
  test: apiRoute<EndpointParams>(async ({ req, params, actor }) =>
    json(await testEndpoint(actor, params.workspace, params.endpoint, await readJson(req, 1024 * 1024 + 64 * 1024))),
  ),
  monitoring: apiRoute<EndpointParams>(async ({ req, params, actor }) =>
    json(await endpointMonitoring(actor, params.workspace, params.endpoint, searchParamsOf(req))),
  ),
  /** Ground truth: JSON `[{"requestId", "label", "row"?}]` (or `{"items": […]}`), or CSV with `Content-Type: text/csv`. */
  feedback: apiRoute<EndpointParams>(async ({ req, params, actor }) =>
    json(
      await submitFeedback(
        actor,
        params.workspace,
        params.endpoint,
        () => readText(req, 4 * 1024 * 1024),
        req.headers.get("content-type") ?? "application/json",
      ),
    ),
  ),
  setChallengerCriteria: apiRoute<EndpointParams>(async ({ req, params, actor }) =>
    json(await setChallengerCriteria(actor, params.workspace, params.endpoint, await readJson(req))),
  ),
  comparison: apiRoute<EndpointParams>(async ({ req, params, actor }) =>
    json(await endpointComparison(actor, params.workspace, params.endpoint, searchParamsOf(req))),
  ),
  collected: apiRoute<EndpointParams>(async ({ req, params, actor }) => {
    const query = searchParamsOf(req);
    if (query.format !== "csv")
      return json({ items: await collectedRequests(actor, params.workspace, params.endpoint, query) });
    const csv = await collectedCsv(actor, params.workspace, params.endpoint, query);
    return new Response(Readable.toWeb(csv) as ReadableStream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": contentDisposition(`${params.endpoint}-collected.csv`),
      },
    });
  }),
  listDeployments: apiRoute<EndpointParams>(async ({ params, actor }) =>
    json({ items: (await getEndpoint(actor, params.workspace, params.endpoint)).deployments }),
  ),
  /** JSON (code inline under `code`), or multipart: field `spec` with the same JSON and the code folder as `files`. */
  createDeployment: apiRoute<EndpointParams>(async ({ req, params, actor }) => {
    if ((req.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
      const deployment = await withUpload(
        req,
        () => requireScope(actor, { kind: "workspace", name: params.workspace }, "write"),
        async ({ fields, files }) => {
          // Azure ML's deployment YAML in the field `yaml`, the files of the code folder it names beside it.
          if (fields.yaml !== undefined) {
            const made = await createDeploymentFromYaml(
              actor,
              params.workspace,
              params.endpoint,
              fields.yaml,
              files,
              fields.reason?.slice(0, 1000) || undefined,
            );
            return { ...made.deployment, warnings: made.warnings };
          }
          return createDeployment(
            actor,
            params.workspace,
            params.endpoint,
            createDeploymentSchema.parse(jsonField(fields, "spec") ?? {}),
            files,
          );
        },
      );
      return json(deployment, 201);
    }
    return json(
      await createDeployment(
        actor,
        params.workspace,
        params.endpoint,
        createDeploymentSchema.parse(await readJson(req, 512 * 1024)),
      ),
      201,
    );
  }),
  getDeployment: apiRoute<DeploymentParams>(async ({ params, actor }) => {
    const endpoint = await getEndpoint(actor, params.workspace, params.endpoint);
    const deployment = endpoint.deployments.find((d) => d.name === params.deployment);
    if (!deployment) throw notFound(`Deployment "${params.deployment}" of endpoint "${params.endpoint}"`);
    return json(deployment);
  }),
  updateDeployment: apiRoute<DeploymentParams>(async ({ req, params, actor }) =>
    json(await updateDeployment(actor, params.workspace, params.endpoint, params.deployment, await readJson(req))),
  ),
  removeDeployment: apiRoute<DeploymentParams>(async ({ req, params, actor }) => {
    await deleteDeployment(actor, params.workspace, params.endpoint, params.deployment, reasonOf(req));
    return new Response(null, { status: 204 });
  }),
  packageDeployment: apiRoute<DeploymentParams>(async ({ params, actor }) => {
    const { fileName, stream } = await packageDeployment(actor, params.workspace, params.endpoint, params.deployment);
    return new Response(stream, {
      headers: { "Content-Type": "application/zip", "Content-Disposition": contentDisposition(fileName) },
    });
  }),
  invoke: apiRoute<EndpointParams>(async ({ req, params, actor }) =>
    json(
      await invokeBatchEndpoint(actor, params.workspace, params.endpoint, invokeBatchSchema.parse(await readJson(req))),
      201,
    ),
  ),
  batchJobs: apiRoute<EndpointParams>(async ({ params, actor }) =>
    json({ items: await listBatchJobs(actor, params.workspace, params.endpoint) }),
  ),
  deploymentLogs: apiRoute<DeploymentParams>(async ({ req, params, actor }) =>
    json(await deploymentLogs(actor, params.workspace, params.endpoint, params.deployment, searchParamsOf(req))),
  ),
};
