"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { PipelineGraph } from "@/lib/pipeline/types";
import type { PipelineMeta } from "@/components/designer/inspector";
import { savePipelineRequest } from "@/components/pipelines/pipeline-requests";

// Drafts save themselves: a moment after the last change (never in the middle of a drag), each save
// naming the revision it was made from. A save over a newer revision (another tab, another person) is
// refused by the server with 409; the designer then stops saving and says so, rather than overwrite.

const DEBOUNCE_MS = 700;
/** Browsers refuse `keepalive` bodies above 64 KiB; a bigger draft relies on the regular save. */
const KEEPALIVE_MAX_BYTES = 60_000;

export type SaveStatus = "saved" | "unsaved" | "saving" | "error" | "conflict";
export type SaveState = { status: SaveStatus; message: string | null; revision: number };

/** `version` changes with every change of the graph or the details (what was saved is compared by it). */
type Draft = { graph: PipelineGraph; meta: PipelineMeta; version: string };

export function useAutosave({
  workspace,
  pipelineId,
  revision,
  draft,
  isPaused,
  canEdit,
}: {
  workspace: string;
  pipelineId: string;
  revision: number;
  draft: Draft;
  isPaused: boolean;
  canEdit: boolean;
}) {
  const [state, setState] = useState<SaveState>({ status: "saved", message: null, revision });
  const latest = useRef(draft);
  latest.current = draft;
  const savedVersion = useRef(draft.version);
  const revisionRef = useRef(revision);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const isConflict = useRef(false);

  const bodyOf = (d: Draft) =>
    JSON.stringify({
      revision: revisionRef.current,
      graph: d.graph,
      name: d.meta.name,
      description: d.meta.description,
      experimentName: d.meta.experimentName || null,
    });

  /** `keepalive` lets the request outlive the page (when the tab is hidden or closed). */
  const saveNow = useCallback(
    async (keepalive = false): Promise<boolean> => {
      if (isConflict.current || !canEdit) return false;
      if (inFlight.current) {
        await inFlight.current;
        return latest.current.version === savedVersion.current || saveNow(keepalive);
      }
      const sending = latest.current;
      if (sending.version === savedVersion.current) return true;
      setState((s) => ({ ...s, status: "saving", message: null }));
      const run = (async () => {
        const body = bodyOf(sending);
        const result = await savePipelineRequest(
          workspace,
          pipelineId,
          body,
          keepalive && body.length <= KEEPALIVE_MAX_BYTES,
        );
        if (!result.ok) {
          const isConflicting = result.status === 409;
          if (isConflicting) isConflict.current = true;
          setState((s) => ({
            ...s,
            status: isConflicting ? "conflict" : "error",
            message: result.status === undefined ? "Saving failed: the studio could not be reached." : result.message,
          }));
          return false;
        }
        revisionRef.current = result.value.revision;
        savedVersion.current = sending.version;
        setState({
          status: latest.current.version === sending.version ? "saved" : "unsaved",
          message: null,
          revision: result.value.revision,
        });
        return true;
      })();
      inFlight.current = run;
      const ok = await run;
      inFlight.current = null;
      return ok;
    },
    [workspace, pipelineId, canEdit],
  );

  // A change marks the draft unsaved and saves it a moment later (after the drag, if one is going on).
  useEffect(() => {
    if (draft.version === savedVersion.current || isConflict.current || !canEdit) return;
    setState((s) => (s.status === "unsaved" ? s : { ...s, status: "unsaved" }));
    if (isPaused) return;
    const timer = setTimeout(() => void saveNow(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft.version, isPaused, saveNow, canEdit]);

  // Leaving the page: a last save that outlives it, and a warning while one is still owed.
  useEffect(() => {
    const flushOnHide = () => {
      if (document.visibilityState === "hidden") void saveNow(true);
    };
    const warn = (e: BeforeUnloadEvent) => {
      if (latest.current.version !== savedVersion.current && !isConflict.current) e.preventDefault();
    };
    document.addEventListener("visibilitychange", flushOnHide);
    window.addEventListener("beforeunload", warn);
    return () => {
      document.removeEventListener("visibilitychange", flushOnHide);
      window.removeEventListener("beforeunload", warn);
    };
  }, [saveNow]);

  /** Saves what is unsaved now; true when the server has the current draft. */
  const flush = useCallback(() => saveNow(false), [saveNow]);
  return { saveState: state, flush, revision: () => revisionRef.current };
}
