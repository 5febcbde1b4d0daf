import { lineageGraphSchema, registeredModelSchema } from "@/lib/schemas/lineage";
import { productionOverviewSchema } from "@/lib/schemas/dashboards";
import { modelCardSchema } from "@/lib/schemas/model-cards";
import { policySchema, promotionSchema } from "@/lib/schemas/governance";
import { governanceRoutes, inboxRoutes } from "@/lib/openapi/governance";
import {
  assetVersionSummarySchema,
  componentVersionSchema,
  dataVersionSchema,
  environmentVersionSchema,
  errorSchema,
  eventSchema,
  jobFileSchema,
  jobLogsSchema,
  jobSchema,
  memberSchema,
  metricHistorySchema,
  modelVersionPageSchema,
  modelVersionSchema,
  modelVersionSummarySchema,
  newTokenSchema,
  pageSchema,
  pipelineSchema,
  pipelineSummarySchema,
  scopeSchema,
  tokenSchema,
} from "@/lib/schemas/dto";
import {
  deploymentSchema,
  endpointKeysSchema,
  endpointSchema,
  endpointSummarySchema,
  trafficChangeSchema,
  trafficAtSchema,
} from "@/lib/schemas/endpoints";
import { type Json, schema, errors, ok } from "@/lib/openapi/shared";
import { cloudEventSchema, eventTypeSchema } from "@/lib/schemas/events";
import { eventRoutes } from "@/lib/openapi/events";
import { webhookRoutes } from "@/lib/openapi/webhooks";
import { notificationRoutes } from "@/lib/openapi/notifications";
import { automationRoutes } from "@/lib/openapi/automations";
import { scheduleRoutes } from "@/lib/openapi/schedules";
import { monitorRoutes } from "@/lib/openapi/monitors";
import { newWebhookSecretSchema, webhookDeliverySchema, webhookSchema } from "@/lib/schemas/webhooks";
import { accountRoutes } from "@/lib/openapi/account";
import { assetRoutes } from "@/lib/openapi/assets";
import { endpointRoutes } from "@/lib/openapi/endpoints";
import { jobRoutes } from "@/lib/openapi/jobs";
import { memberRoutes } from "@/lib/openapi/members";
import { modelRoutes } from "@/lib/openapi/models";
import { pipelineRoutes } from "@/lib/openapi/pipelines";

// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the routes parse with and
// the domain answers with.
export function buildOpenApiDocument(): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "MLOps Studio API",
      version: "1",
      description:
        'Send `Authorization: Bearer <personal access token>`. Errors have the shape {"error": {"code", "message"}}. Lists are paginated with an opaque `cursor`. Tag filters: `TagName=TagValue`, comma-separated, all must hold; a bare `TagName` means the tag is present.',
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    paths: {
      ...accountRoutes(),
      "/workspaces": {
        get: {
          summary: "The workspaces you are a member of",
          responses: {
            ...ok(200, "Workspaces", {
              type: "object",
              properties: { items: { type: "array", items: { $ref: "#/components/schemas/Scope" } } },
            }),
            ...errors(401),
          },
        },
      },
      "/registries": {
        get: {
          summary: "The registries you are a member of",
          responses: {
            ...ok(200, "Registries", {
              type: "object",
              properties: { items: { type: "array", items: { $ref: "#/components/schemas/Scope" } } },
            }),
            ...errors(401),
          },
        },
      },
      ...memberRoutes("workspaces", "workspace"),
      ...modelRoutes("workspaces", "workspace"),
      ...memberRoutes("registries", "registry"),
      ...modelRoutes("registries", "registry"),
      ...assetRoutes("workspaces", "workspace"),
      ...assetRoutes("registries", "registry"),
      ...jobRoutes(),
      ...pipelineRoutes(),
      ...endpointRoutes(),
      ...webhookRoutes("workspaces", "workspace"),
      ...webhookRoutes("registries", "registry"),
      ...eventRoutes(),
      ...governanceRoutes("workspaces", "workspace"),
      ...governanceRoutes("registries", "registry"),
      ...inboxRoutes(),
      ...notificationRoutes(),
      ...automationRoutes(),
      ...scheduleRoutes(),
      ...monitorRoutes(),
      "/openapi.json": { get: { summary: "This document", security: [], responses: ok(200, "OpenAPI 3.1 document") } },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Personal access token (mls_…)" } },
      schemas: {
        Error: schema(errorSchema),
        Scope: schema(scopeSchema),
        Member: schema(memberSchema),
        Job: schema(jobSchema),
        JobPage: schema(pageSchema(jobSchema)),
        JobLogs: schema(jobLogsSchema),
        JobFiles: { type: "object", properties: { files: { type: "array", items: schema(jobFileSchema) } } },
        MetricHistory: schema(metricHistorySchema),
        ComponentVersion: schema(componentVersionSchema),
        PipelineSummary: schema(pipelineSummarySchema),
        Pipeline: schema(pipelineSchema),
        Token: schema(tokenSchema),
        NewToken: schema(newTokenSchema),
        ModelVersionSummary: schema(modelVersionSummarySchema),
        ModelVersionSummaryPage: schema(pageSchema(modelVersionSummarySchema)),
        ModelVersion: schema(modelVersionSchema),
        ModelVersionPage: schema(modelVersionPageSchema),
        RegisteredModel: schema(registeredModelSchema),
        ModelCard: schema(modelCardSchema),
        Policy: schema(policySchema),
        ProductionOverview: schema(productionOverviewSchema),
        LineageGraph: schema(lineageGraphSchema),
        Promotion: schema(promotionSchema),
        AssetVersionSummaryPage: schema(pageSchema(assetVersionSummarySchema)),
        EnvironmentVersion: schema(environmentVersionSchema),
        DataVersion: schema(dataVersionSchema),
        Event: schema(eventSchema),
        EndpointSummary: schema(endpointSummarySchema),
        Endpoint: schema(endpointSchema),
        Deployment: schema(deploymentSchema),
        EndpointKeys: schema(endpointKeysSchema),
        TrafficChange: schema(trafficChangeSchema),
        TrafficAt: schema(trafficAtSchema),
        EventPage: schema(pageSchema(eventSchema)),
        EventType: schema(eventTypeSchema),
        CloudEvent: schema(cloudEventSchema),
        Webhook: schema(webhookSchema),
        NewWebhookSecret: schema(newWebhookSecretSchema),
        WebhookDelivery: schema(webhookDeliverySchema),
      },
    },
  };
}
