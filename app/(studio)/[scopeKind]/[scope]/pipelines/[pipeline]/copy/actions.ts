"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/server/http/actions";
import { copyPipeline } from "@/server/pipelines/copy-pipeline";

/** Copies the pipeline with the user's choice for each reference; the domain validates the rest. */
export async function copyPipelineAction(workspace: string, id: string, input: unknown) {
  return runAction(async (actor) => {
    const result = await copyPipeline(actor, z.string().max(63).parse(workspace), z.string().max(64).parse(id), input);
    revalidatePath("/", "layout");
    return { workspace: result.pipeline!.workspace, id: result.pipeline!.id };
  });
}
