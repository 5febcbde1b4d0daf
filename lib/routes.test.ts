import { describe, expect, it } from "vitest";
import { api, pages, pathSegments, queryString } from "@/lib/routes";

const dev = { kind: "workspace", name: "dev" } as const;
const shared = { kind: "registry", name: "shared" } as const;

describe("page URLs", () => {
  it("builds scope, section and asset pages for workspaces and registries", () => {
    expect(pages.scope(dev)).toBe("/workspaces/dev");
    expect(pages.section(shared, "models")).toBe("/registries/shared/models");
    expect(pages.asset(dev, "data", "iris")).toBe("/workspaces/dev/data/iris");
    expect(pages.assetVersion(shared, "components", "train", 3)).toBe("/registries/shared/components/train/versions/3");
    expect(pages.assets(dev, "models", { registry: "shared" })).toBe("/workspaces/dev/models?registry=shared");
    expect(pages.newAsset(dev, "environments", { name: "conda env", from: 2 })).toBe(
      "/workspaces/dev/environments/new?name=conda+env&from=2",
    );
    expect(pages.newAsset(dev, "data")).toBe("/workspaces/dev/data/new");
  });

  it("encodes odd names so each stays one path segment", () => {
    expect(pages.scope({ kind: "workspace", name: "team a/b" })).toBe("/workspaces/team%20a%2Fb");
    expect(pages.assetVersion(dev, "models", "a b/c?d#e", 1)).toBe(
      "/workspaces/dev/models/a%20b%2Fc%3Fd%23e/versions/1",
    );
    expect(pages.job("dev", "job-1%", "logs")).toBe("/workspaces/dev/jobs/job-1%25?tab=logs");
    expect(pages.endpoint("dev", "ep&x", { tab: "logs", deployment: "blue green" })).toBe(
      "/workspaces/dev/endpoints/ep%26x?tab=logs&deployment=blue+green",
    );
    expect(pages.pipeline("dev", "ünï")).toBe("/workspaces/dev/pipelines/%C3%BCn%C3%AF");
    expect(pages.compareJobs("dev", ["a,b", "c d"])).toBe("/workspaces/dev/jobs/compare?jobs=a%2Cb,c%20d");
  });

  it("leaves out query parameters that are not set", () => {
    expect(pages.job("dev", "j")).toBe("/workspaces/dev/jobs/j");
    expect(pages.endpoint("dev", "e", { tab: undefined })).toBe("/workspaces/dev/endpoints/e");
    expect(queryString({ a: "", b: null, c: undefined })).toBe("");
    expect(queryString({ a: 0, b: false })).toBe("?a=0&b=false");
  });
});

describe("API URLs", () => {
  it("puts the API base in front of the same scope paths", () => {
    expect(api.scope(shared)).toBe("/api/v1/registries/shared");
    expect(api.assets(dev, "components")).toBe("/api/v1/workspaces/dev/components");
    expect(api.assetVersions(dev, "data", "my data")).toBe("/api/v1/workspaces/dev/data/my%20data/versions");
    expect(api.assetVersionDownload(shared, "models", "m", 2)).toBe(
      "/api/v1/registries/shared/models/m/versions/2/download",
    );
  });

  it("keeps the slashes of a path inside a version and encodes each segment", () => {
    expect(pathSegments("env/conda file.yaml")).toBe("env/conda%20file.yaml");
    expect(api.assetVersionFile(dev, "models", "m", 1, "a/b#c/d?.txt")).toBe(
      "/api/v1/workspaces/dev/models/m/versions/1/files/a/b%23c/d%3F.txt",
    );
    expect(api.jobMetric("dev", "j", "train/loss %", 1500)).toBe(
      "/api/v1/workspaces/dev/jobs/j/metrics/train/loss%20%25?maxPoints=1500",
    );
    expect(api.jobOutputFile("dev", "j", "model out", "x/y z")).toBe(
      "/api/v1/workspaces/dev/jobs/j/outputs/model%20out/files/x/y%20z",
    );
  });

  it("encodes query values such as a cancel reason or a deployment name", () => {
    expect(api.cancelJob("dev", "j", "wrong data & more")).toBe(
      "/api/v1/workspaces/dev/jobs/j/cancel?reason=wrong+data+%26+more",
    );
    expect(api.cancelJob("dev", "j", "")).toBe("/api/v1/workspaces/dev/jobs/j/cancel");
    expect(api.deployment("dev", "e", "blue/1", { reason: "old?" })).toBe(
      "/api/v1/workspaces/dev/endpoints/e/deployments/blue%2F1?reason=old%3F",
    );
    expect(api.collected("dev", "e", { limit: 50, deployment: "a b", format: "csv" })).toBe(
      "/api/v1/workspaces/dev/endpoints/e/collected?limit=50&deployment=a+b&format=csv",
    );
    expect(api.jobLogs("dev", "j", { after: 10, limit: 2000 })).toBe(
      "/api/v1/workspaces/dev/jobs/j/logs?after=10&limit=2000",
    );
    expect(api.jobs("dev", "status=running&sort=-created")).toBe(
      "/api/v1/workspaces/dev/jobs?status=running&sort=-created",
    );
    expect(api.jobs("dev")).toBe("/api/v1/workspaces/dev/jobs");
  });
});
