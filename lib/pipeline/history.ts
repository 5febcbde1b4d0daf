import type { PipelineGraph } from "@/lib/pipeline/types";

// The designer's graph with undo and redo, as a pure reducer. Every edit goes through it; a drag pushes
// one entry when it starts and replaces the current graph on each frame after, so one undo puts the node
// back. Positions do not change what the validator says: `structure` counts the other changes, so
// validation can skip the frames of a drag.

export const MAX_HISTORY = 100;

export type GraphHistory = {
  graph: PipelineGraph;
  past: PipelineGraph[];
  future: PipelineGraph[];
  /** Changes whenever something other than positions may have changed. */
  structure: number;
  /** Changes on every edit, undo and redo: what autosave watches. */
  version: number;
};

export type HistoryAction =
  | { type: "edit"; graph: PipelineGraph; mode: "push" | "replace"; isMove: boolean }
  | { type: "undo" }
  | { type: "redo" };

export function initialHistory(graph: PipelineGraph): GraphHistory {
  return { graph, past: [], future: [], structure: 0, version: 0 };
}

export function reduceHistory(state: GraphHistory, action: HistoryAction): GraphHistory {
  switch (action.type) {
    case "edit": {
      if (action.graph === state.graph) return state;
      const isPush = action.mode === "push";
      return {
        graph: action.graph,
        past: isPush ? [...state.past, state.graph].slice(-MAX_HISTORY) : state.past,
        future: isPush ? [] : state.future,
        structure: action.isMove ? state.structure : state.structure + 1,
        version: state.version + 1,
      };
    }
    case "undo": {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return {
        graph: previous,
        past: state.past.slice(0, -1),
        future: [state.graph, ...state.future],
        structure: state.structure + 1,
        version: state.version + 1,
      };
    }
    case "redo": {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return {
        graph: next,
        past: [...state.past, state.graph],
        future: rest,
        structure: state.structure + 1,
        version: state.version + 1,
      };
    }
  }
}
