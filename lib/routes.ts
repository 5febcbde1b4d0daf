import { SCOPE_SEGMENT, type ScopeRef } from "@/lib/scopes";

// Every URL the browser is sent to or fetches, built in one place: studio pages (`pages`) and the REST API
// (`api`). Each name, version or key is encoded here, so a model called `a b/c` or a job output `x?y` links
// to its own page; a folder path inside a version (a file, a metric key such as `train/loss`) keeps its
// slashes and has each segment encoded.

type Version = number | string;
type Query = Record<string, string | number | boolean | null | undefined>;
/** The sections of a scope that hold versioned assets, as they appear in URLs. */
export type AssetSection = "models" | "data" | "environments" | "components";

const seg = encodeURIComponent;

/** A path inside a version (`env/conda.yaml`): each segment encoded, the slashes kept. */
export const pathSegments = (path: string) => path.split("/").map(seg).join("/");

/** `?a=1&b=two` from the values that are set (null, undefined and "" are left out), or "" when none is. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

const workspaceRef = (workspace: string): ScopeRef => ({ kind: "workspace", name: workspace });
const scopeBase = (scope: ScopeRef) => `/${SCOPE_SEGMENT[scope.kind]}/${seg(scope.name)}`;

/** The lineage page of an asset (`model:dev/iris:3`, see GET /api/v1/lineage). */
export const lineageHref = (asset: string, direction?: "up" | "down" | "both") =>
  `/lineage${queryString({ asset, direction: direction === "both" ? null : direction })}`;

/** How GET /api/v1/lineage names an asset: `model:dev/iris:3`, `model:registries/shared/iris:1`, `job:dev/job-x`. */
export function lineageAsset(kind: string, scope: ScopeRef, path: string): string {
  return `${kind}:${scope.kind === "registry" ? `registries/${scope.name}` : scope.name}/${path}`;
}

/** Studio pages. */
export const pages = {
  home: () => "/",
  registries: () => "/registries",
  activity: () => "/activity",
  notifications: () => "/notifications",
  tokens: () => "/settings/tokens",
  scope: scopeBase,
  /** A section of a scope by its id (`models`, `jobs`, `members`…, see lib/sections.ts). */
  section: (scope: ScopeRef, section: string) => `${scopeBase(scope)}/${seg(section)}`,

  assets: (scope: ScopeRef, section: AssetSection, query: Query = {}) =>
    `${scopeBase(scope)}/${section}${queryString(query)}`,
  asset: (scope: ScopeRef, section: AssetSection, name: string) => `${scopeBase(scope)}/${section}/${seg(name)}`,
  assetVersion: (scope: ScopeRef, section: AssetSection, name: string, version: Version) =>
    `${pages.asset(scope, section, name)}/versions/${seg(String(version))}`,
  /** The form for a new asset, or a new version of `name` (copied from version `from`). */
  newAsset: (scope: ScopeRef, section: AssetSection, query: { name?: string; from?: Version } = {}) =>
    `${scopeBase(scope)}/${section}/new${queryString(query)}`,

  jobs: (workspace: string, query: Query = {}) => `${scopeBase(workspaceRef(workspace))}/jobs${queryString(query)}`,
  job: (workspace: string, job: string, tab?: string) =>
    `${scopeBase(workspaceRef(workspace))}/jobs/${seg(job)}${queryString({ tab })}`,
  newJob: (workspace: string) => `${scopeBase(workspaceRef(workspace))}/jobs/new`,
  /** Jobs of several workspaces, each `workspace/job`. */
  compareAcross: (jobs: string[]) => `/compare${queryString({ jobs: jobs.join(",") })}`,
  compareJobs: (workspace: string, jobs: string[]) =>
    `${scopeBase(workspaceRef(workspace))}/jobs/compare?jobs=${jobs.map(seg).join(",")}`,

  pipelines: (workspace: string) => `${scopeBase(workspaceRef(workspace))}/pipelines`,
  pipeline: (workspace: string, id: string) => `${pages.pipelines(workspace)}/${seg(id)}`,
  pipelineHistory: (workspace: string, id: string) => `${pages.pipeline(workspace, id)}/history`,
  copyPipeline: (workspace: string, id: string, target?: string) =>
    `${pages.pipeline(workspace, id)}/copy${queryString({ target })}`,
  importPipeline: (workspace: string) => `${pages.pipelines(workspace)}/import`,

  endpoints: (workspace: string) => `${scopeBase(workspaceRef(workspace))}/endpoints`,
  endpoint: (workspace: string, endpoint: string, query: { tab?: string; deployment?: string } = {}) =>
    `${pages.endpoints(workspace)}/${seg(endpoint)}${queryString(query)}`,
  /** The deployment form, optionally with a model version chosen (`name:version` or a registry ref). */
  newDeployment: (workspace: string, endpoint: string, query: { model?: string } = {}) =>
    `${pages.endpoints(workspace)}/${seg(endpoint)}/deployments/new${queryString(query)}`,

  automations: (workspace: string) => `${scopeBase(workspaceRef(workspace))}/automations`,
  automation: (workspace: string, id: string) => `${pages.automations(workspace)}/${seg(id)}`,
  editAutomation: (workspace: string, id: string) => `${pages.automation(workspace, id)}/edit`,
  newAutomation: (workspace: string) => `${pages.automations(workspace)}/new`,
  schedules: (workspace: string) => `${scopeBase(workspaceRef(workspace))}/schedules`,
  schedule: (workspace: string, id: string) => `${pages.schedules(workspace)}/${seg(id)}`,
  editSchedule: (workspace: string, id: string) => `${pages.schedule(workspace, id)}/edit`,
  newSchedule: (workspace: string) => `${pages.schedules(workspace)}/new`,
  policy: (scope: ScopeRef) => `${scopeBase(scope)}/policy`,
  promotions: (scope: ScopeRef, query: Query = {}) => `${scopeBase(scope)}/promotions${queryString(query)}`,
  promotion: (scope: ScopeRef, id: string) => `${scopeBase(scope)}/promotions/${seg(id)}`,
  webhooks: (scope: ScopeRef) => `${scopeBase(scope)}/webhooks`,
  webhook: (scope: ScopeRef, id: string) => `${scopeBase(scope)}/webhooks/${seg(id)}`,
  monitors: (workspace: string) => `${scopeBase(workspaceRef(workspace))}/monitors`,
  monitor: (workspace: string, name: string, query: { run?: string; feature?: string } = {}) =>
    `${pages.monitors(workspace)}/${seg(name)}${queryString(query)}`,
  editMonitor: (workspace: string, name: string) => `${pages.monitors(workspace)}/${seg(name)}/edit`,
  newMonitor: (workspace: string, query: { endpoint?: string; deployment?: string } = {}) =>
    `${pages.monitors(workspace)}/new${queryString(query)}`,
};

const apiScope = (scope: ScopeRef) => `/api/v1${scopeBase(scope)}`;
const apiWorkspace = (workspace: string) => apiScope(workspaceRef(workspace));
const apiJob = (workspace: string, job: string) => `${apiWorkspace(workspace)}/jobs/${seg(job)}`;
const apiEndpoint = (workspace: string, endpoint: string) => `${apiWorkspace(workspace)}/endpoints/${seg(endpoint)}`;
const apiAssetVersion = (scope: ScopeRef, section: AssetSection, name: string, version: Version) =>
  `${apiScope(scope)}/${section}/${seg(name)}/versions/${seg(String(version))}`;

/** The REST API under /api/v1 (the session cookie authenticates the browser's calls). */
export const api = {
  meSessions: () => "/api/v1/me/sessions",
  notifications: (query: { unread?: boolean; limit?: number } = {}) =>
    `/api/v1/notifications${queryString({ unread: query.unread ? "1" : null, limit: query.limit })}`,
  scope: apiScope,
  promotion: (scope: ScopeRef, id: string) => `${apiScope(scope)}/promotions/${seg(id)}`,
  /** The audit trail as a CSV download, with the Activity page's filters. */
  eventsCsv: (filters: Query) => `/api/v1/events${queryString({ ...filters, format: "csv" })}`,

  /** A scope's assets of one kind (POST registers a component). */
  assets: (scope: ScopeRef, section: AssetSection) => `${apiScope(scope)}/${section}`,
  /** The versions of one asset (POST creates the next). */
  assetVersions: (scope: ScopeRef, section: AssetSection, name: string) =>
    `${apiScope(scope)}/${section}/${seg(name)}/versions`,
  assetVersion: apiAssetVersion,
  assetVersionFile: (scope: ScopeRef, section: AssetSection, name: string, version: Version, path: string) =>
    `${apiAssetVersion(scope, section, name, version)}/files/${pathSegments(path)}`,
  assetVersionDownload: (scope: ScopeRef, section: AssetSection, name: string, version: Version) =>
    `${apiAssetVersion(scope, section, name, version)}/download`,

  commandJobs: (workspace: string) => `${apiWorkspace(workspace)}/command-jobs`,
  /** The jobs list; `query` is a query string already built by the jobs page (filters, sort, cursor). */
  jobs: (workspace: string, query = "") => `${apiWorkspace(workspace)}/jobs${query ? `?${query}` : ""}`,
  job: apiJob,
  jobLogs: (workspace: string, job: string, page: { after: number; limit: number }) =>
    `${apiJob(workspace, job)}/logs${queryString(page)}`,
  jobMetric: (workspace: string, job: string, key: string, maxPoints: number) =>
    `${apiJob(workspace, job)}/metrics/${pathSegments(key)}${queryString({ maxPoints })}`,
  cancelJob: (workspace: string, job: string, reason: string) =>
    `${apiJob(workspace, job)}/cancel${queryString({ reason })}`,
  cloneJobToDraft: (workspace: string, job: string) => `${apiJob(workspace, job)}/clone-to-draft`,
  resubmitJob: (workspace: string, job: string) => `${apiJob(workspace, job)}/resubmit`,
  jobOutputDownload: (workspace: string, job: string, output: string) =>
    `${apiJob(workspace, job)}/outputs/${seg(output)}/download`,
  jobOutputFile: (workspace: string, job: string, output: string, path: string) =>
    `${apiJob(workspace, job)}/outputs/${seg(output)}/files/${pathSegments(path)}`,
  registerModelFromOutput: (workspace: string, job: string, output: string) =>
    `${apiJob(workspace, job)}/outputs/${seg(output)}/register-model`,
  jobCodeDownload: (workspace: string, job: string) => `${apiJob(workspace, job)}/code/download`,
  jobCodeFile: (workspace: string, job: string, path: string) =>
    `${apiJob(workspace, job)}/code/files/${pathSegments(path)}`,

  pipelines: (workspace: string) => `${apiWorkspace(workspace)}/pipelines`,
  pipeline: (workspace: string, id: string) => `${apiWorkspace(workspace)}/pipelines/${seg(id)}`,
  clonePipeline: (workspace: string, id: string) => `${api.pipeline(workspace, id)}/clone`,
  exportPipeline: (workspace: string, id: string) => `${api.pipeline(workspace, id)}/export`,
  submitPipeline: (workspace: string, id: string) => `${api.pipeline(workspace, id)}/submit`,
  importPipeline: (workspace: string) => `${apiWorkspace(workspace)}/pipelines/import`,

  endpoints: (workspace: string) => `${apiWorkspace(workspace)}/endpoints`,
  endpoint: apiEndpoint,
  endpointTraffic: (workspace: string, endpoint: string) => `${apiEndpoint(workspace, endpoint)}/traffic`,
  revealKeys: (workspace: string, endpoint: string) => `${apiEndpoint(workspace, endpoint)}/keys/reveal`,
  regenerateKey: (workspace: string, endpoint: string) => `${apiEndpoint(workspace, endpoint)}/keys/regenerate`,
  testEndpoint: (workspace: string, endpoint: string) => `${apiEndpoint(workspace, endpoint)}/test`,
  invokeEndpoint: (workspace: string, endpoint: string) => `${apiEndpoint(workspace, endpoint)}/invoke`,
  batchJobs: (workspace: string, endpoint: string) => `${apiEndpoint(workspace, endpoint)}/jobs`,
  monitoring: (workspace: string, endpoint: string, hours: string | number) =>
    `${apiEndpoint(workspace, endpoint)}/monitoring${queryString({ hours })}`,
  monitors: (workspace: string, query: { endpoint?: string; deployment?: string } = {}) =>
    `${apiWorkspace(workspace)}/monitors${queryString(query)}`,
  monitor: (workspace: string, name: string) => `${apiWorkspace(workspace)}/monitors/${seg(name)}`,
  monitorRuns: (workspace: string, name: string) => `${apiWorkspace(workspace)}/monitors/${seg(name)}/runs`,
  monitorRun: (workspace: string, name: string, run: string) =>
    `${apiWorkspace(workspace)}/monitors/${seg(name)}/runs/${seg(run)}`,
  /** Queues a run; `wait` (seconds) answers once it has finished. */
  runMonitor: (workspace: string, name: string, query: { wait?: number } = {}) =>
    `${apiWorkspace(workspace)}/monitors/${seg(name)}/run${queryString(query)}`,
  monitorTrend: (workspace: string, name: string, query: { feature: string; metric: string; signal: string }) =>
    `${apiWorkspace(workspace)}/monitors/${seg(name)}/trend${queryString(query)}`,
  challengerCriteria: (workspace: string, endpoint: string) =>
    `${apiEndpoint(workspace, endpoint)}/challenger-criteria`,
  /** The mirrored challenger's answers compared with the live ones over an ISO 8601 window (P1D). */
  comparison: (workspace: string, endpoint: string, window: string) =>
    `${apiEndpoint(workspace, endpoint)}/comparison${queryString({ window })}`,
  /** The requests deployments collected: JSON rows, or the CSV download (`format: "csv"`). */
  collected: (
    workspace: string,
    endpoint: string,
    query: { limit?: number; deployment?: string; format?: "csv"; from?: string; to?: string },
  ) => `${apiEndpoint(workspace, endpoint)}/collected${queryString(query)}`,
  deployments: (workspace: string, endpoint: string) => `${apiEndpoint(workspace, endpoint)}/deployments`,
  deployment: (workspace: string, endpoint: string, deployment: string, query: { reason?: string } = {}) =>
    `${apiEndpoint(workspace, endpoint)}/deployments/${seg(deployment)}${queryString(query)}`,
  deploymentLogs: (workspace: string, endpoint: string, deployment: string, page: { after: number; limit: number }) =>
    `${apiEndpoint(workspace, endpoint)}/deployments/${seg(deployment)}/logs${queryString(page)}`,
  deploymentPackage: (workspace: string, endpoint: string, deployment: string) =>
    `${apiEndpoint(workspace, endpoint)}/deployments/${seg(deployment)}/package`,

  automations: (workspace: string) => `${apiWorkspace(workspace)}/automations`,
  automation: (workspace: string, id: string) => `${apiWorkspace(workspace)}/automations/${seg(id)}`,
  automationFirings: (workspace: string, id: string) => `${apiWorkspace(workspace)}/automations/${seg(id)}/firings`,
  schedules: (workspace: string) => `${apiWorkspace(workspace)}/schedules`,
  schedule: (workspace: string, id: string) => `${apiWorkspace(workspace)}/schedules/${seg(id)}`,
  scheduleRuns: (workspace: string, id: string) => `${apiWorkspace(workspace)}/schedules/${seg(id)}/runs`,
  runSchedule: (workspace: string, id: string) => `${apiWorkspace(workspace)}/schedules/${seg(id)}/run`,
  webhookDeliveries: (scope: ScopeRef, id: string, query: { status?: string; limit?: number } = {}) =>
    `${apiScope(scope)}/webhooks/${seg(id)}/deliveries${queryString(query)}`,
};
