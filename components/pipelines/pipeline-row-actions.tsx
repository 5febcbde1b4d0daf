"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionMenu } from "@/components/ui/menu";
import { clonePipelineRequest, deletePipelineRequest } from "@/components/pipelines/pipeline-requests";
import { api, pages } from "@/lib/routes";
import { useToast } from "@/components/ui/toast";

/** The `…` menu of a draft in the list: open, clone, export its YAML, delete it. */
export function PipelineRowActions({
  workspace,
  id,
  name,
  canEdit,
}: {
  workspace: string;
  id: string;
  name: string;
  canEdit: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  const [isBusy, setIsBusy] = useState(false);
  const clone = async () => {
    setIsBusy(true);
    const result = await clonePipelineRequest(workspace, id);
    setIsBusy(false);
    if (!result.ok) return toast(result.message, "error");
    toast(`Cloned as "${result.value.name}".`);
    router.push(pages.pipeline(workspace, result.value.id));
  };
  const remove = async () => {
    if (!window.confirm(`Delete the draft "${name}"? Its submitted jobs stay.`)) return;
    setIsBusy(true);
    const result = await deletePipelineRequest(workspace, id);
    setIsBusy(false);
    if (!result.ok) return toast(result.message, "error");
    toast(`Deleted "${name}".`);
    router.refresh();
  };
  return (
    <ActionMenu
      label={`Actions for ${name}`}
      items={[
        { label: "Open in designer", onSelect: () => router.push(pages.pipeline(workspace, id)) },
        ...(canEdit ? [{ label: "Clone", onSelect: () => void clone(), disabled: isBusy }] : []),
        { label: "Export YAML", onSelect: () => window.location.assign(api.exportPipeline(workspace, id)) },
        { label: "Versions & clones", onSelect: () => router.push(pages.pipelineHistory(workspace, id)) },
        ...(canEdit
          ? [{ label: "Delete draft", onSelect: () => void remove(), isDanger: true, disabled: isBusy }]
          : []),
      ]}
    />
  );
}
