import { describe, expect, it } from "vitest";
import { compatiblePorts, portKey, type PortEnd } from "@/lib/pipeline/compatible-ports";
import { generateGraph, seededRandom } from "@/lib/pipeline/generate-graph";
import { connect, type Connection } from "@/lib/pipeline/graph-edit";
import { portsOf } from "@/lib/pipeline/nodes";
import { chain, component, graphOf, input, output, step } from "@/lib/pipeline/test-support";
import type { PipelineGraph } from "@/lib/pipeline/types";

/** What connect() says for every port a connection from `from` could end on, one pair at a time. */
function byConnect(graph: PipelineGraph, from: PortEnd): Set<string> {
  const fits = new Set<string>();
  for (const node of graph.nodes) {
    const ports = from.side === "source" ? portsOf(node).inputs : portsOf(node).outputs;
    for (const port of ports) {
      const c: Connection =
        from.side === "source"
          ? { source: from.nodeId, sourcePort: from.port, target: node.id, targetPort: port.name }
          : { source: node.id, sourcePort: port.name, target: from.nodeId, targetPort: from.port };
      if (connect(graph, c).ok) fits.add(portKey(node.id, port.name));
    }
  }
  return fits;
}

/** Every port of the graph as a place to start a connection from. */
function everyEnd(graph: PipelineGraph): PortEnd[] {
  return graph.nodes.flatMap((node) => [
    ...portsOf(node).outputs.map((p) => ({ nodeId: node.id, port: p.name, side: "source" as const })),
    ...portsOf(node).inputs.map((p) => ({ nodeId: node.id, port: p.name, side: "target" as const })),
  ]);
}

const MIXED = component(
  "mixed",
  [
    { name: "in", type: "uri_folder" },
    { name: "count", type: "integer" },
    { name: "rate", type: "number", optional: true },
  ],
  [
    { name: "out", type: "uri_folder" },
    { name: "model", type: "mlflow_model" },
  ],
);

describe("compatiblePorts", () => {
  it("lights the inputs an output may feed: types that fit, not its own step, not upstream, not fed", () => {
    const graph = graphOf(
      [step("a"), step("b"), step("c"), step("d", MIXED), input("n", "integer"), output("kept")],
      ["a>b", "b>c"],
    );
    const fromC = compatiblePorts(graph, { nodeId: "c", port: "out", side: "source" });
    // a and b are upstream of c (a cycle), c is itself, b.in is fed; d.in and the pipeline output fit.
    expect([...fromC].sort()).toEqual([portKey("d", "in"), portKey("output:kept", "value")].sort());
    // An integer pipeline input fits the integer and the number input, not the folder ones.
    const fromN = compatiblePorts(graph, { nodeId: "input:n", port: "value", side: "source" });
    expect([...fromN].sort()).toEqual([portKey("d", "count"), portKey("d", "rate")].sort());
  });

  it("lights the outputs an input may take, and only its present source once it is fed", () => {
    const graph = chain("a", "b", "c");
    const free = compatiblePorts(graph, { nodeId: "a", port: "in", side: "target" });
    // b and c are downstream of a: taking their output would close a cycle.
    expect(free.size).toBe(0);
    const fed = compatiblePorts(graph, { nodeId: "c", port: "in", side: "target" });
    expect([...fed]).toEqual([portKey("b", "out")]);
  });

  it("answers nothing for a port or node that is not there", () => {
    const graph = chain("a", "b");
    expect(compatiblePorts(graph, { nodeId: "x", port: "out", side: "source" }).size).toBe(0);
    expect(compatiblePorts(graph, { nodeId: "a", port: "nope", side: "source" }).size).toBe(0);
    expect(compatiblePorts(graph, { nodeId: "a", port: "in", side: "source" }).size).toBe(0);
  });

  it("agrees with connect() for every port of generated graphs, edges removed and added at random", () => {
    for (const seed of [1, 2, 3]) {
      let graph = generateGraph({ nodes: 40, edges: 50, seed });
      const random = seededRandom(seed);
      // Drop some edges, so inputs are free and connections in either direction are possible.
      graph = { ...graph, edges: graph.edges.filter(() => random() > 0.3) };
      for (const from of everyEnd(graph)) {
        expect([...compatiblePorts(graph, from)].sort(), JSON.stringify(from)).toEqual(
          [...byConnect(graph, from)].sort(),
        );
      }
    }
  });
});
