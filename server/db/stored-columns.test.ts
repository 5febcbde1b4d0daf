import { describe, expect, it } from "vitest";
import { readCommandJobSpec, readPipelineJobSpec } from "@/server/jobs/stored-job-spec";
import { readComponentSpec } from "@/server/components/stored-component-spec";

describe("stored spec columns", () => {
  it("reads a command job's spec, filling what older rows left out", () => {
    expect(readCommandJobSpec('{"inputs":{"lr":{"type":"literal","value":"0.1"}},"outputs":["model"]}')).toEqual({
      inputs: { lr: { type: "literal", value: "0.1" } },
      outputs: ["model"],
    });
    expect(readCommandJobSpec("{}")).toEqual({ inputs: {}, outputs: [] });
  });

  it("fails where the column is read when a row does not hold what the code expects", () => {
    expect(() => readCommandJobSpec('{"inputs":{"lr":{"type":"literal","value":3}}}')).toThrow(
      /inputs\.lr\.value|expected string/,
    );
    expect(() => readCommandJobSpec('{"outputs":"model"}')).toThrow();
    expect(() =>
      readPipelineJobSpec('{"graph":{"nodes":[]},"revision":1,"inputs":{},"bindings":{},"reuse":true,"order":[]}'),
    ).toThrow(/pipeline graph/);
    expect(() =>
      readComponentSpec('{"component":{"name":"x"},"yaml":"","yamlPath":"c.yml","yamlSha256":""}'),
    ).toThrow();
  });

  it("reads a pipeline job's spec with literals of every type", () => {
    const spec = {
      graph: { nodes: [], edges: [], settings: {} },
      revision: 2,
      inputs: { n: { type: "literal", value: 3 } },
      bindings: { train: { fast: { type: "literal", value: true } } },
      reuse: false,
      order: ["train"],
    };
    expect(readPipelineJobSpec(JSON.stringify(spec))).toEqual(spec);
  });
});

describe("stored asset specs and traffic", () => {
  it("reads environment and data specs, older rows' missing parts as null, and refuses a wrong shape", async () => {
    const { readDataSpec, readEnvironmentSpec } = await import("@/server/assets/stored-asset-spec");
    expect(readEnvironmentSpec('{"image":"python:3.12-slim"}')).toEqual({
      conda: null,
      pip: null,
      image: "python:3.12-slim",
    });
    expect(readDataSpec('{"type":"folder","origin":"upload"}')).toEqual({
      type: "folder",
      origin: "upload",
      originalPath: null,
      job: null,
    });
    expect(() => readDataSpec('{"type":"parquet","origin":"upload"}')).toThrow();
  });

  it("reads an endpoint's traffic and mirror, and refuses percentages that are not numbers", async () => {
    const { trafficOf, trafficPercentsOf } = await import("@/server/endpoints/endpoint-dto");
    expect(trafficPercentsOf('{"blue":90,"green":10}')).toEqual({ blue: 90, green: 10 });
    expect(() => trafficPercentsOf('{"blue":"90"}')).toThrow();
    expect(trafficOf({ traffic: '{"blue":90,"green":10}', mirrorTraffic: '{"green":20}' })).toEqual({
      traffic: { blue: 90, green: 10 },
      mirror: { deployment: "green", percent: 20 },
    });
    expect(trafficOf({ traffic: "{}", mirrorTraffic: "{}" })).toEqual({ traffic: {}, mirror: null });
    expect(() => trafficOf({ traffic: '{"blue":"90"}', mirrorTraffic: "{}" })).toThrow();
  });
});

describe("shared JSON columns", () => {
  it("reads tags, event data and latency histograms, and refuses what they cannot hold", async () => {
    const { readEventData, readLatencyHistogram, readStringMap } = await import("@/server/db/stored-json");
    expect(readStringMap('{"team":"botany"}')).toEqual({ team: "botany" });
    expect(() => readStringMap('{"n":1}')).toThrow();
    expect(readEventData('{"files":1}')).toEqual({ files: 1 });
    expect(() => readEventData("[1]")).toThrow();
    expect(readLatencyHistogram('{"3":10,"12":1}')).toEqual({ 3: 10, 12: 1 });
    expect(() => readLatencyHistogram('{"3":"10"}')).toThrow();
  });
});
