"use client";
import { useCallback, useReducer } from "react";
import { initialHistory, reduceHistory } from "@/lib/pipeline/history";
import type { PipelineGraph } from "@/lib/pipeline/types";

/** The designer's graph with undo and redo (lib/pipeline/history.ts), as callbacks that keep their identity. */
export function useGraphHistory(initial: PipelineGraph) {
  const [state, dispatch] = useReducer(reduceHistory, initial, initialHistory);
  /** A new graph as one undoable step. */
  const commit = useCallback(
    (graph: PipelineGraph) => dispatch({ type: "edit", graph, mode: "push", isMove: false }),
    [],
  );
  /** Positions only: `push` at the start of a drag, `replace` for its later frames. */
  const move = useCallback(
    (graph: PipelineGraph, mode: "push" | "replace") => dispatch({ type: "edit", graph, mode, isMove: true }),
    [],
  );
  const undo = useCallback(() => dispatch({ type: "undo" }), []);
  const redo = useCallback(() => dispatch({ type: "redo" }), []);
  return { ...state, canUndo: state.past.length > 0, canRedo: state.future.length > 0, commit, move, undo, redo };
}
