"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useReactFlow } from "@xyflow/react";
import { LayoutGrid, Maximize, Play, Redo2, Undo2 } from "lucide-react";
import type { DataChoice } from "@/lib/pipeline/catalog";
import type { PipelineInputNode } from "@/lib/pipeline/types";
import type { PipelineDto } from "@/lib/schemas/dto";
import {
  clonePipelineRequest,
  createPipelineRequest,
  deletePipelineRequest,
} from "@/components/pipelines/pipeline-requests";
import { api, pages } from "@/lib/routes";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ActionMenu } from "@/components/ui/menu";
import type { Autosave } from "@/components/designer/autosave";
import type { SaveState } from "@/components/designer/store";
import { useDesigner, useDesignerActions, useDesignerStore } from "@/components/designer/store-context";
import { SubmitDialog } from "@/components/designer/submit-dialog";
import { FIT_VIEW } from "@/components/designer/view";

// The designer's header: where the draft is, its name and save state, the tools (undo, redo, auto-layout,
// fit view), submit and the pipeline's actions; and the bar that offers a way out of a save conflict.

type Props = {
  workspace: string;
  pipeline: PipelineDto;
  dataChoices: DataChoice[];
  autosave: Autosave;
};

export function DesignerHeader({ workspace, pipeline, dataChoices, autosave }: Props) {
  const router = useRouter();
  const store = useDesignerStore();
  const actions = useDesignerActions();
  const name = useDesigner((s) => s.meta.name);
  const editable = useDesigner((s) => s.editable);
  const hasIssues = useDesigner((s) => s.issues.length > 0);

  const clone = async () => {
    if (!(await autosave.flush())) return actions.setNotice("Save the draft before cloning it: it could not be saved.");
    const result = await clonePipelineRequest(workspace, pipeline.id);
    if (!result.ok) return actions.setNotice(result.message);
    router.push(pages.pipeline(workspace, result.value.id));
  };
  const remove = async () => {
    if (!window.confirm(`Delete the draft "${store.getState().meta.name}"? Its submitted jobs stay.`)) return;
    const result = await deletePipelineRequest(workspace, pipeline.id);
    if (!result.ok) return actions.setNotice(result.message);
    router.push(pages.pipelines(workspace));
  };

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-border bg-surface px-3 py-2">
      <div className="min-w-0 flex-1">
        <div className="text-xs text-muted">
          <Link href={pages.pipelines(workspace)} className="hover:underline">
            Pipelines
          </Link>{" "}
          / draft
          {pipeline.clonedFrom ? (
            <>
              {" "}
              · cloned from{" "}
              <Link className="hover:underline" href={pages.pipeline(workspace, pipeline.clonedFrom.id)}>
                {pipeline.clonedFrom.name ?? "a deleted draft"}
              </Link>
            </>
          ) : null}
          {pipeline.clonedFromJob ? (
            <>
              {" "}
              · cloned from job{" "}
              <Link className="hover:underline" href={pages.job(workspace, pipeline.clonedFromJob)}>
                {pipeline.clonedFromJob}
              </Link>
            </>
          ) : null}
        </div>
        <h1 className="truncate text-base font-semibold">{name}</h1>
      </div>
      <SaveIndicator />
      <Tools />
      <Link href={pages.pipelineHistory(workspace, pipeline.id)} className="text-sm text-accent hover:underline">
        Versions ({pipeline.versionCount}) &amp; clones
      </Link>
      <Link href={pages.copyPipeline(workspace, pipeline.id)} className="text-sm text-accent hover:underline">
        Copy to workspace
      </Link>
      {editable ? (
        <SubmitButton
          workspace={workspace}
          pipelineId={pipeline.id}
          dataChoices={dataChoices}
          autosave={autosave}
          hasIssues={hasIssues}
        />
      ) : null}
      <ActionMenu
        label="Pipeline actions"
        items={[
          ...(editable ? [{ label: "Clone", onSelect: () => void clone() }] : []),
          { label: "Export YAML", onSelect: () => window.location.assign(api.exportPipeline(workspace, pipeline.id)) },
          ...(editable ? [{ label: "Delete draft", onSelect: () => void remove(), isDanger: true }] : []),
        ]}
      />
    </div>
  );
}

/** Undo, redo, auto-layout and fit view. */
function Tools() {
  const flow = useReactFlow();
  const actions = useDesignerActions();
  const editable = useDesigner((s) => s.editable);
  const canUndo = useDesigner((s) => s.history.past.length > 0);
  const canRedo = useDesigner((s) => s.history.future.length > 0);
  const isEmpty = useDesigner((s) => s.history.graph.nodes.length === 0);
  const layout = () => {
    actions.layout();
    requestAnimationFrame(() => void flow.fitView(FIT_VIEW));
  };
  // On a phone-wide screen (read-only there) the editing tools are left out, to keep room for the canvas.
  const editing = "max-md:hidden";
  return (
    <div className="flex items-center gap-1" role="toolbar" aria-label="Designer tools">
      <Button
        size="sm"
        variant="ghost"
        aria-label="Undo"
        title="Undo (Ctrl+Z)"
        className={editing}
        disabled={!canUndo || !editable}
        onClick={actions.undo}
      >
        <Undo2 size={16} aria-hidden />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Redo"
        title="Redo (Ctrl+Shift+Z)"
        className={editing}
        disabled={!canRedo || !editable}
        onClick={actions.redo}
      >
        <Redo2 size={16} aria-hidden />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        title="Lay the graph out by its connections"
        className={editing}
        disabled={!editable || isEmpty}
        onClick={layout}
      >
        <LayoutGrid size={16} aria-hidden /> Auto-layout
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void flow.fitView(FIT_VIEW)}>
        <Maximize size={16} aria-hidden /> Fit view
      </Button>
    </div>
  );
}

function SubmitButton({
  workspace,
  pipelineId,
  dataChoices,
  autosave,
  hasIssues,
}: {
  workspace: string;
  pipelineId: string;
  dataChoices: DataChoice[];
  autosave: Autosave;
  hasIssues: boolean;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const meta = useDesigner((s) => s.meta);
  const graph = useDesigner((s) => s.structuralGraph);
  const inputs = useMemo(() => graph.nodes.filter((n): n is PipelineInputNode => n.kind === "input"), [graph]);
  return (
    <>
      <Button
        size="sm"
        variant="primary"
        disabled={hasIssues}
        title={hasIssues ? "Fix the problems listed under Validation first" : undefined}
        onClick={() => setIsOpen(true)}
      >
        <Play size={14} aria-hidden /> Submit
      </Button>
      {isOpen ? (
        <SubmitDialog
          open
          onClose={() => setIsOpen(false)}
          workspace={workspace}
          pipelineId={pipelineId}
          inputs={inputs}
          defaultExperiment={meta.experimentName || meta.name}
          dataChoices={dataChoices}
          save={autosave.flush}
          revision={autosave.revision}
        />
      ) : null}
    </>
  );
}

/** "Read only", or how saving goes. */
function SaveIndicator() {
  const editable = useDesigner((s) => s.editable);
  const state = useDesigner((s) => s.save);
  if (!editable) return <span className="text-xs text-muted">Read only</span>;
  const text: Record<SaveState["status"], string> = {
    saved: "Saved",
    unsaved: "Unsaved changes",
    saving: "Saving…",
    error: "Not saved",
    conflict: "Saved elsewhere",
  };
  return (
    <span
      role="status"
      aria-live="polite"
      title={state.message ?? `Revision ${state.revision}`}
      className={cn("text-xs", state.status === "error" || state.status === "conflict" ? "text-danger" : "text-muted")}
      data-save-status={state.status}
    >
      {text[state.status]}
      {state.status === "error" && state.message ? `: ${state.message}` : ""}
    </span>
  );
}

/** A save refused because the draft was saved elsewhere: reload that version, or keep these changes apart. */
export function ConflictBanner({ workspace }: { workspace: string }) {
  const store = useDesignerStore();
  const actions = useDesignerActions();
  const save = useDesigner((s) => s.save);
  if (save.status !== "conflict") return null;
  const keepMineAsCopy = async () => {
    const { meta, history } = store.getState();
    const result = await createPipelineRequest(workspace, {
      name: `${meta.name} (my changes)`.slice(0, 200),
      description: meta.description,
      ...(meta.experimentName ? { experimentName: meta.experimentName } : {}),
      graph: history.graph,
    });
    if (!result.ok) return actions.setNotice(result.message);
    window.location.assign(pages.pipeline(workspace, result.value.id));
  };
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-2 border-b border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger"
    >
      <span className="min-w-0 flex-1">{save.message} Your changes here are not saved.</span>
      <Button size="sm" onClick={() => window.location.reload()}>
        Reload the saved version
      </Button>
      <Button size="sm" onClick={() => void keepMineAsCopy()}>
        Keep mine as a new draft
      </Button>
    </div>
  );
}
