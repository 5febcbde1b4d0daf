import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { importPipeline } from "@/server/pipelines/import-pipeline";
import { registerComponent } from "@/server/components/register-component";
import { exportPipelineYaml } from "@/server/pipelines/export-pipeline";
import { getPipeline } from "@/server/pipelines/get-pipeline";
import { submitPipeline } from "@/server/pipelines/submit-pipeline";
import { clonePipelineJob } from "@/server/pipelines/clone-pipeline-job";
import { getJob } from "@/server/jobs/get-job";
import { failureOf } from "@/tests/support/failures";
import { storeFiles, workspaceWithTeam } from "@/tests/support/factories";

const FIXTURES = join(process.cwd(), "lib/pipeline/fixtures/azureml-examples");

/** A fixture folder as an upload, with a small code folder for each component that names one. */
async function fixtureUpload(folder: string, code: Record<string, string> = {}) {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(FIXTURES, folder)))
    if (name.endsWith(".yml")) files[`${folder}/${name}`] = readFileSync(join(FIXTURES, folder, name), "utf8");
  for (const [path, text] of Object.entries(code)) files[`${folder}/${path}`] = text;
  return storeFiles(files);
}

const withoutPositions = (graph: { nodes: { position: unknown }[] }) => ({
  ...graph,
  nodes: graph.nodes.map((n) => ({ ...n, position: null })),
});

describe("pipeline YAML import and export", () => {
  it("imports Azure's train-score-eval sample with its components into a laid-out draft, and exports what imports back to the same graph", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const upload = await fixtureUpload("1a_e2e_local_components", {
      "train_src/train.py": "print(1)\n",
      "score_src/score.py": "print(2)\n",
      "eval_src/eval.py": "print(3)\n",
    });
    const { pipeline, warnings } = await importPipeline(contributor, workspace.name, upload);
    expect(pipeline.name).toBe("1a_e2e_local_components");
    const steps = pipeline.graph.nodes.filter((n) => n.kind === "step");
    expect(steps.map((s) => s.id).sort()).toEqual(["evaluate_job", "score_job", "train_job"]);
    expect(
      pipeline.graph.nodes
        .filter((n) => n.kind === "input")
        .map((n) => n.id)
        .sort(),
    ).toEqual([
      "input:pipeline_job_learning_rate_schedule",
      "input:pipeline_job_training_learning_rate",
      "input:pipeline_job_training_max_epocs",
    ]);
    expect(pipeline.graph.edges.map((e) => e.id)).toContain("e:train_job.model_output->score_job.model_input");
    // Laid out: the steps do not sit on one point, and train comes before score.
    const y = Object.fromEntries(pipeline.graph.nodes.map((n) => [n.id, n.position.y]));
    expect(y.score_job).toBeGreaterThan(y.train_job);
    // The local data paths are named in warnings; the user binds a data asset in the designer.
    expect(warnings.join("\n")).toMatch(/\.\/data/);
    expect(await db.assetVersion.count({ where: { scopeId: workspace.id, kind: "component" } })).toBe(3);

    const exported = await exportPipelineYaml(contributor, workspace.name, pipeline.id);
    expect(exported.fileName).toBe("1a_e2e_local_components.yml");
    expect(exported.yaml).toMatch(/component: azureml:train:10/);
    const again = await importPipeline(
      contributor,
      workspace.name,
      await storeFiles({ "pipeline.yml": exported.yaml }),
    );
    expect(withoutPositions(again.pipeline.graph)).toEqual(withoutPositions(pipeline.graph));
    // Importing the sample a second time reuses the identical component versions.
    await importPipeline(contributor, workspace.name, upload);
    expect(await db.assetVersion.count({ where: { scopeId: workspace.id, kind: "component" } })).toBe(3);
  });

  it("reports missing component files by name and writes nothing", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const failure = await failureOf(
      importPipeline(
        contributor,
        workspace.name,
        await fixtureUpload("3a_basic_pipeline", { "componentA_src/hello.py": "print('a')\n" }),
      ),
    );
    expect(failure.code).toBe("invalid");
    expect(failure.message).toMatch(/componentB\.yml/);
    expect(failure.message).toMatch(/componentC\.yml/);
    expect(await db.assetVersion.count({ where: { scopeId: workspace.id, kind: "component" } })).toBe(0);
    expect(await db.pipeline.count({ where: { scopeId: workspace.id } })).toBe(0);
    const noCode = await failureOf(
      importPipeline(contributor, workspace.name, await fixtureUpload("2b_component_with_input_output")),
    );
    expect(noCode.message).toMatch(/code folder \.\/src/);
    const unknownRef = "type: pipeline\njobs:\n  a:\n    type: command\n    component: azureml:does_not_exist:4\n";
    expect(
      (await failureOf(importPipeline(contributor, workspace.name, await storeFiles({ "p.yml": unknownRef })))).message,
    ).toMatch(/Unknown component azureml:does_not_exist:4 \(used by a\)/);
    expect(
      (await failureOf(importPipeline(contributor, workspace.name, await storeFiles({ "readme.md": "x" })))).message,
    ).toMatch(/no pipeline YAML/);
  });

  it("keeps a local component that differs from the registered one under its number beside it, as Azure ML does", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const component = (name: string, command: string) =>
      `name: ${name}\nversion: 1\ntype: command\noutputs:\n  out:\n    type: uri_folder\ncommand: ${command}\n`;
    // "second" is registered as version 1 with another command.
    await registerComponent(contributor, workspace, { yaml: component("second", "echo taken") });
    const yaml =
      "type: pipeline\njobs:\n  a:\n    type: command\n    component: ./first.yml\n  b:\n    type: command\n    component: ./second.yml\n";
    const files = {
      "pipeline.yml": yaml,
      "first.yml": component("first", "echo 1"),
      "second.yml": component("second", "echo 2"),
    };
    const imported = await importPipeline(contributor, workspace.name, await storeFiles(files));
    expect(imported.warnings).toContain(
      "Component second version 1 already exists with other content: this pipeline's second is version 2 (as Azure ML registers such local components anonymously, both stay).",
    );
    const steps = (pipeline: { graph: { nodes: { kind: string; id: string; component?: { version: number } }[] } }) =>
      Object.fromEntries(
        pipeline.graph.nodes.filter((n) => n.kind === "step").map((n) => [n.id, n.component!.version]),
      );
    expect(steps(imported.pipeline)).toEqual({ a: 1, b: 2 });
    // Imported again, the same content finds its versions: nothing new is registered.
    const again = await importPipeline(contributor, workspace.name, await storeFiles(files));
    expect(steps(again.pipeline)).toEqual({ a: 1, b: 2 });
    const versions = await db.assetVersion.findMany({
      where: { scopeId: workspace.id, kind: "component", name: "second" },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(JSON.parse(versions[0]!.spec).component.command).toBe("echo taken");
    expect(JSON.parse(versions[1]!.spec).component.command).toBe("echo 2");
  });

  it("writes nothing when one of its components cannot be registered: an import lands whole or not at all", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const component = (name: string, extra = "") =>
      `name: ${name}\nversion: 1\ntype: command\ncommand: echo ${name}\n${extra}`;
    const yaml =
      "type: pipeline\njobs:\n  a:\n    type: command\n    component: ./first.yml\n  b:\n    type: command\n    component: ./second.yml\n";
    const upload = await storeFiles({
      "pipeline.yml": yaml,
      "first.yml": component("first"),
      // Its conda file is not in the upload.
      "second.yml": component("second", "environment:\n  image: python:3.11\n  conda_file: ./conda.yml\n"),
    });
    const failure = await failureOf(importPipeline(contributor, workspace.name, upload));
    expect(failure).toMatchObject({ code: "invalid", message: expect.stringContaining("./conda.yml") });
    expect(await db.assetVersion.count({ where: { scopeId: workspace.id, kind: "component" } })).toBe(0);
    expect(await db.pipeline.count({ where: { scopeId: workspace.id } })).toBe(0);
  });

  it("keeps @latest component references latest: each submit runs the version that is latest then", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const say = (version: number, extra = "") =>
      `name: say\nversion: ${version}\ntype: command\ninputs:\n  word:\n    type: string\n${extra}command: echo v${version} \${{inputs.word}}\n`;
    await registerComponent(contributor, workspace, { yaml: say(1) });
    const yaml =
      "type: pipeline\njobs:\n  hello:\n    type: command\n    component: azureml:say@latest\n    inputs:\n      word: hi\n";
    const { pipeline } = await importPipeline(contributor, workspace.name, await storeFiles({ "pipeline.yml": yaml }));
    const step = pipeline.graph.nodes.find((n) => n.kind === "step")!;
    expect(step.kind === "step" && step.component).toMatchObject({ name: "say", version: 1, followsLatest: true });
    expect((await exportPipelineYaml(contributor, workspace.name, pipeline.id)).yaml).toContain(
      "component: azureml:say@latest",
    );

    // Version 2 is registered after the import: the next submit runs it.
    await registerComponent(contributor, workspace, { yaml: say(2) });
    const job = await submitPipeline(contributor, workspace.name, pipeline.id);
    const ran = await db.job.findFirstOrThrow({
      where: { parentJobId: (await db.job.findFirstOrThrow({ where: { name: job.name } })).id, stepName: "hello" },
      select: { command: true },
    });
    expect(ran.command).toBe("echo v2 ${{inputs.word}}");

    // A latest version whose interface no longer fits the step is refused by name, before anything runs.
    await registerComponent(contributor, workspace, {
      yaml: "name: say\nversion: 3\ntype: command\ncommand: echo v3\n",
    });
    const refused = await failureOf(submitPipeline(contributor, workspace.name, pipeline.id));
    expect(refused).toMatchObject({ code: "invalid", message: expect.stringContaining("word") });
  });

  it("clones a submitted pipeline job back into a draft that records the job", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { pipeline } = await importPipeline(
      contributor,
      workspace.name,
      await fixtureUpload("2b_component_with_input_output", { "src/hello.py": "print('hi')\n" }),
    );
    // The sample's data input points at a local folder; bind no data: submitting says what is missing.
    const refused = await failureOf(submitPipeline(contributor, workspace.name, pipeline.id));
    expect(refused.message).toMatch(/sample_input_data/);
    await db.pipeline.update({
      where: { id: pipeline.id },
      data: {
        graph: JSON.stringify({
          ...pipeline.graph,
          nodes: pipeline.graph.nodes.map((n) =>
            n.kind === "step" ? { ...n, bindings: { sample_input_data: { kind: "literal", value: "x" } } } : n,
          ),
        }),
      },
    });
    const stillRefused = await failureOf(submitPipeline(contributor, workspace.name, pipeline.id));
    expect(stillRefused.code).toBe("invalid");

    const job = await db.job.create({
      data: {
        scopeId: workspace.id,
        experimentId: (await db.experiment.create({ data: { scopeId: workspace.id, name: "imported" } })).id,
        name: `job-clone${Date.now()}`,
        displayName: "run 1",
        kind: "pipeline",
        status: "completed",
        compute: "local",
        spec: JSON.stringify({ graph: pipeline.graph, revision: 1, inputs: {}, bindings: {}, reuse: true, order: [] }),
        pipelineId: pipeline.id,
        pipelineVersion: 1,
        createdByLabel: contributor.email,
      },
    });
    const draft = await clonePipelineJob(contributor, workspace.name, job.name);
    expect(draft).toMatchObject({
      name: `${pipeline.name} (copy)`,
      clonedFromJob: job.name,
      clonedFrom: { id: pipeline.id },
    });
    expect(draft.graph).toEqual(pipeline.graph);
    expect((await getPipeline(contributor, workspace.name, pipeline.id)).clones.map((c) => c.id)).toContain(draft.id);
    expect((await getJob(contributor, workspace.name, job.name)).pipeline).toEqual({ id: pipeline.id, version: 1 });
  });
});
