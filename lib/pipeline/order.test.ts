import { describe, expect, it } from "vitest";
import { downstreamOf, topologicalOrder, upstreamOf } from "@/lib/pipeline/order";
import { chain, component, graphOf, input, output, step } from "@/lib/pipeline/test-support";

const MULTI = component(
  "multi",
  [
    { name: "in", type: "uri_folder" },
    { name: "in2", type: "uri_folder", optional: true },
    { name: "in3", type: "uri_folder", optional: true },
  ],
  [{ name: "out", type: "uri_folder" }],
);

function steps(...ids: string[]) {
  return ids.map((id) => step(id, MULTI));
}

describe("topologicalOrder", () => {
  it("orders a chain", () => {
    expect(topologicalOrder(chain("a", "b", "c"))).toEqual({
      ok: true,
      order: ["a", "b", "c"],
      levels: [["a"], ["b"], ["c"]],
    });
  });

  it("puts the two sides of a diamond in one level", () => {
    const g = graphOf(steps("top", "left", "right", "join"), ["top>left", "top>right", "left>join", "right>join.in2"]);
    expect(topologicalOrder(g)).toEqual({
      ok: true,
      order: ["top", "left", "right", "join"],
      levels: [["top"], ["left", "right"], ["join"]],
    });
  });

  it("starts every root together and breaks ties by node order, not by edge order", () => {
    const g = graphOf(steps("r3", "r1", "r2", "x", "y"), ["r2>y", "r1>x", "r3>x.in2", "r3>y.in2"]);
    expect(topologicalOrder(g)).toEqual({
      ok: true,
      order: ["r3", "r1", "r2", "x", "y"],
      levels: [
        ["r3", "r1", "r2"],
        ["x", "y"],
      ],
    });
  });

  it("places a step at the level after its deepest parent", () => {
    // a → b → c, and a → c directly: c waits for b.
    const g = graphOf(steps("c", "b", "a"), ["a>b", "b>c", "a>c.in2"]);
    expect(topologicalOrder(g)).toEqual({ ok: true, order: ["a", "b", "c"], levels: [["a"], ["b"], ["c"]] });
  });

  it("ignores pipeline inputs and outputs, and counts two edges between the same steps once", () => {
    const g = graphOf(
      [input("raw", "uri_folder"), ...steps("a", "b"), output("out")],
      ["input:raw.value>a", "a>b", "a>b.in2", "b>output:out.value"],
    );
    expect(topologicalOrder(g)).toEqual({ ok: true, order: ["a", "b"], levels: [["a"], ["b"]] });
  });

  it("gives an empty order for a pipeline without steps", () => {
    expect(topologicalOrder(graphOf([input("x", "string")]))).toEqual({ ok: true, order: [], levels: [] });
  });

  it("ignores edges to nodes that do not exist", () => {
    expect(topologicalOrder(graphOf(steps("a"), ["ghost>a", "a>ghost"]))).toEqual({
      ok: true,
      order: ["a"],
      levels: [["a"]],
    });
  });

  it.each([
    [1, ["a"], ["a>a"]],
    [2, ["a", "b"], ["a>b", "b>a.in2"]],
    [3, ["a", "b", "c"], ["a>b", "b>c", "c>a.in2"]],
    [5, ["a", "b", "c", "d", "e"], ["a>b", "b>c", "c>d", "d>e", "e>a.in2"]],
  ])("finds a cycle of %i step(s), in running order", (_, ids, edges) => {
    expect(topologicalOrder(graphOf(steps(...ids), edges))).toEqual({ ok: false, cycle: ids });
  });

  it("names the cycle, not the steps stuck behind it, from its first step in node order", () => {
    // root → x → y → z → x, and z → after: `after` waits too but is not in the cycle.
    const g = graphOf(steps("after", "root", "z", "y", "x"), ["root>x", "x>y", "y>z", "z>x.in2", "z>after"]);
    expect(topologicalOrder(g)).toEqual({ ok: false, cycle: ["z", "x", "y"] });
  });
});

describe("upstreamOf, downstreamOf", () => {
  const g = graphOf(steps("a", "b", "c", "d", "e", "lone"), ["a>b", "a>c", "b>d", "c>d.in2", "d>e"]);

  it("lists every step a step depends on, transitively, in node order", () => {
    expect(upstreamOf(g, "e")).toEqual(["a", "b", "c", "d"]);
    expect(upstreamOf(g, "c")).toEqual(["a"]);
    expect(upstreamOf(g, "a")).toEqual([]);
  });

  it("lists every step that depends on a step: the ones its failure stops", () => {
    expect(downstreamOf(g, "a")).toEqual(["b", "c", "d", "e"]);
    expect(downstreamOf(g, "b")).toEqual(["d", "e"]);
    expect(downstreamOf(g, "lone")).toEqual([]);
    expect(downstreamOf(g, "nope")).toEqual([]);
  });

  it("terminates on cycles and does not list the step itself", () => {
    const loop = graphOf(steps("a", "b", "c"), ["a>b", "b>c", "c>a.in2"]);
    expect(downstreamOf(loop, "a")).toEqual(["b", "c"]);
    expect(upstreamOf(loop, "a")).toEqual(["b", "c"]);
  });
});

describe("topologicalOrder on deep graphs", () => {
  it("orders a chain of 20,000 steps and finds the cycle one edge back closes", () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `s${i}`);
    const g = graphOf(
      steps(...ids),
      ids.slice(1).map((id, i) => `${ids[i]}>${id}`),
    );
    const order = topologicalOrder(g);
    expect(order.ok && order.order).toEqual(ids);
    expect(order.ok && order.levels.length).toBe(20000);
    const looped = topologicalOrder({ ...g, edges: [...g.edges, ...graphOf([], ["s19999>s0.in2"]).edges] });
    expect(looped).toEqual({ ok: false, cycle: ids });
    expect(downstreamOf(g, "s0")).toHaveLength(19999);
  });
});
