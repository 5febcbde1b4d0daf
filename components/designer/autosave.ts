import { draftVersion, type DesignerState, type DesignerStore } from "@/components/designer/store";
import { savePipelineRequest } from "@/components/pipelines/pipeline-requests";

// Drafts save themselves: a moment after the last change (never in the middle of a drag), each save
// naming the revision it was made from. A save over a newer revision (another tab, another person) is
// refused by the server with 409; the designer then stops saving and says so, rather than overwrite.
// It watches the designer's store from outside React and writes the save state back into it.

const DEBOUNCE_MS = 700;
/** Browsers refuse `keepalive` bodies above 64 KiB; a bigger draft relies on the regular save. */
const KEEPALIVE_MAX_BYTES = 60_000;

export type Autosave = {
  /** Starts watching the store and the page; answers the function that stops it. */
  start: () => () => void;
  /** Saves what is unsaved now; true when the server has the current draft. */
  flush: () => Promise<boolean>;
  /** The revision of the last save (what a submit names). */
  revision: () => number;
};

export function createAutosave(
  store: DesignerStore,
  {
    workspace,
    pipelineId,
    revision,
    canEdit,
  }: { workspace: string; pipelineId: string; revision: number; canEdit: boolean },
): Autosave {
  let savedVersion = draftVersion(store.getState());
  let savedRevision = revision;
  let inFlight: Promise<boolean> | null = null;
  let isConflict = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The draft version and drag state last seen: a change of either restarts the wait. */
  let seen = { version: savedVersion, isPaused: false };
  const setSave = store.getState().actions.setSave;

  const bodyOf = (state: DesignerState) =>
    JSON.stringify({
      revision: savedRevision,
      graph: state.history.graph,
      name: state.meta.name,
      description: state.meta.description,
      experimentName: state.meta.experimentName || null,
    });

  /** `keepalive` lets the request outlive the page (when the tab is hidden or closed). */
  const saveNow = async (keepalive = false): Promise<boolean> => {
    if (isConflict || !canEdit) return false;
    if (inFlight) {
      await inFlight;
      return draftVersion(store.getState()) === savedVersion || saveNow(keepalive);
    }
    const sending = store.getState();
    const version = draftVersion(sending);
    if (version === savedVersion) return true;
    setSave((s) => ({ ...s, status: "saving", message: null }));
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
        if (isConflicting) isConflict = true;
        const message =
          result.status === undefined ? "Saving failed: the studio could not be reached." : result.message;
        setSave((s) => ({ ...s, status: isConflicting ? "conflict" : "error", message }));
        return false;
      }
      savedRevision = result.value.revision;
      savedVersion = version;
      const isCurrent = draftVersion(store.getState()) === version;
      setSave(() => ({ status: isCurrent ? "saved" : "unsaved", message: null, revision: result.value.revision }));
      return true;
    })();
    inFlight = run;
    const ok = await run;
    inFlight = null;
    return ok;
  };

  // A change marks the draft unsaved and saves it a moment later (after the drag, if one is going on).
  const onChange = (state: DesignerState) => {
    const version = draftVersion(state);
    const isPaused = state.drag !== null;
    if (version === seen.version && isPaused === seen.isPaused) return;
    seen = { version, isPaused };
    clearTimeout(timer);
    if (version === savedVersion || isConflict || !canEdit) return;
    setSave((s) => (s.status === "unsaved" ? s : { ...s, status: "unsaved" }));
    if (!isPaused) timer = setTimeout(() => void saveNow(), DEBOUNCE_MS);
  };

  // Leaving the page: a last save that outlives it, and a warning while one is still owed.
  const flushOnHide = () => {
    if (document.visibilityState === "hidden") void saveNow(true);
  };
  const warn = (e: BeforeUnloadEvent) => {
    if (draftVersion(store.getState()) !== savedVersion && !isConflict) e.preventDefault();
  };

  return {
    start: () => {
      const unsubscribe = store.subscribe(onChange);
      onChange(store.getState());
      document.addEventListener("visibilitychange", flushOnHide);
      window.addEventListener("beforeunload", warn);
      return () => {
        unsubscribe();
        clearTimeout(timer);
        // A change seen again after a restart (React runs effects twice in development) waits anew.
        seen = { version: savedVersion, isPaused: false };
        document.removeEventListener("visibilitychange", flushOnHide);
        window.removeEventListener("beforeunload", warn);
      };
    },
    flush: () => saveNow(false),
    revision: () => savedRevision,
  };
}
