import { describe, expect, it } from "vitest";
import { pipelineDocToGraph } from "@/lib/pipeline/pipeline-yaml-graph";
import { parsePipelineYaml } from "@/lib/pipeline/pipeline-yaml-read";
import { graphToPipelineYaml } from "@/lib/pipeline/pipeline-yaml-write";
import type { PipelineGraph } from "@/lib/pipeline/types";
import { PREP, TRAIN, doc, graphOf, read, ref, resolveFixture, roundTrip } from "@/tests/support/pipeline-yaml";

describe("graphToPipelineYaml and back", () => {
  it.each(["1a_e2e_local_components", "2b_component_with_input_output"])(
    "round-trips %s: parse, graph, export, parse, graph",
    (folder) => {
      const parsed = doc(parsePipelineYaml(read(folder, "pipeline.yml")));
      const { exported } = roundTrip(read(folder, "pipeline.yml"), resolveFixture(folder, parsed));
      expect(exported).toContain(
        "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\ntype: pipeline\n",
      );
    },
  );

  it("round-trips 3a once its missing components are found, with registry components and extras", () => {
    const components = {
      component_a: ref("componentA", [], []),
      component_b: ref("componentB", [], [], { kind: "registry", name: "shared" }, 2),
      component_c: ref("componentC", [], []),
    };
    const { first, exported } = roundTrip(read("3a_basic_pipeline", "pipeline.yml"), components);
    expect(first.graph.settings).toEqual({
      default_datestore: "azureml:workspaceblobstore",
      defaultCompute: "azureml:serverless",
    });
    expect(exported).toContain("component: azureml://registries/shared/components/componentB/versions/2\n");
    expect(exported).toContain("component: azureml:componentA:1\n    limits:\n      timeout: 3600\n");
  });

  it("writes the 1a graph as Azure writes pipelines", () => {
    const parsed = doc(parsePipelineYaml(read("1a_e2e_local_components", "pipeline.yml")));
    const { graph } = graphOf(pipelineDocToGraph(parsed, resolveFixture("1a_e2e_local_components", parsed)));
    expect(
      graphToPipelineYaml(graph, { name: "Dummy", description: "Train, score, eval", experimentName: "demo" }),
    ).toBe(
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json",
        "type: pipeline",
        "display_name: Dummy",
        "description: Train, score, eval",
        "experiment_name: demo",
        "inputs:",
        "  pipeline_job_training_max_epocs: 20",
        "  pipeline_job_training_learning_rate: 1.8",
        "  pipeline_job_learning_rate_schedule: time-based",
        "outputs:",
        "  pipeline_job_trained_model:",
        "    type: uri_folder",
        "  pipeline_job_evaluation_report:",
        "    type: path",
        "jobs:",
        "  train_job:",
        "    type: command",
        "    component: azureml:train:10",
        "    compute: azureml:cpu-cluster",
        "    inputs:",
        "      max_epocs: ${{parent.inputs.pipeline_job_training_max_epocs}}",
        "      learning_rate: ${{parent.inputs.pipeline_job_training_learning_rate}}",
        "      learning_rate_schedule: ${{parent.inputs.pipeline_job_learning_rate_schedule}}",
        "    outputs:",
        "      model_output: ${{parent.outputs.pipeline_job_trained_model}}",
        "  score_job:",
        "    type: command",
        "    component: azureml:Score:10",
        "    compute: azureml:cpu-cluster",
        "    inputs:",
        "      model_input: ${{parent.jobs.train_job.outputs.model_output}}",
        "    outputs:",
        "      score_output:",
        "        mode: upload",
        "  evaluate_job:",
        "    type: command",
        "    component: azureml:Eval:10",
        "    compute: azureml:cpu-cluster",
        "    inputs:",
        "      scoring_result: ${{parent.jobs.score_job.outputs.score_output}}",
        "    outputs:",
        "      eval_output: ${{parent.outputs.pipeline_job_evaluation_report}}",
        "",
      ].join("\n"),
    );
  });

  it("round-trips a designer graph: typed inputs, data and literal bindings, optional and described inputs, settings", () => {
    const graph: PipelineGraph = {
      nodes: [
        {
          kind: "input",
          id: "input:raw",
          position: { x: 10, y: 20 },
          name: "raw",
          type: "uri_file",
          defaultData: "registries/shared/churn:2",
          optional: false,
          description: "Raw data",
        },
        {
          kind: "input",
          id: "input:ratio",
          position: { x: 0, y: 0 },
          name: "ratio",
          type: "number",
          default: 1,
          optional: false,
        },
        {
          kind: "input",
          id: "input:epochs",
          position: { x: 0, y: 0 },
          name: "epochs",
          type: "integer",
          optional: true,
        },
        {
          kind: "input",
          id: "input:note",
          position: { x: 0, y: 0 },
          name: "note",
          type: "string",
          default: "20",
          optional: false,
        },
        {
          kind: "input",
          id: "input:unused",
          position: { x: 0, y: 0 },
          name: "unused",
          type: "number",
          default: 3,
          optional: false,
        },
        { kind: "step", id: "prep", position: { x: 5, y: 5 }, component: PREP, displayName: "Prepare", bindings: {} },
        {
          kind: "step",
          id: "train-1",
          position: { x: 0, y: 0 },
          component: TRAIN,
          bindings: {
            lr: { kind: "literal", value: 0.01 },
            tag: { kind: "literal", value: "1.10" },
            fast: { kind: "literal", value: false },
          },
          yamlExtras: {
            compute: "azureml:gpu",
            resources: { instance_count: 2 },
            outputs: { model: { mode: "upload" } },
          },
        },
        {
          kind: "step",
          id: "train-2",
          position: { x: 0, y: 0 },
          component: TRAIN,
          bindings: {
            data: { kind: "data", ref: "churn-train@latest" },
            tag: { kind: "literal", value: "${{not a binding" },
          },
        },
        {
          kind: "output",
          id: "output:model",
          position: { x: 0, y: 0 },
          name: "model",
          type: "mlflow_model",
          description: "The model",
        },
      ],
      edges: [
        {
          id: "e:input:raw.value->prep.raw",
          source: "input:raw",
          sourcePort: "value",
          target: "prep",
          targetPort: "raw",
        },
        {
          id: "e:input:ratio.value->prep.ratio",
          source: "input:ratio",
          sourcePort: "value",
          target: "prep",
          targetPort: "ratio",
        },
        {
          id: "e:prep.train->train-1.data",
          source: "prep",
          sourcePort: "train",
          target: "train-1",
          targetPort: "data",
        },
        {
          id: "e:input:epochs.value->train-1.epochs",
          source: "input:epochs",
          sourcePort: "value",
          target: "train-1",
          targetPort: "epochs",
        },
        {
          id: "e:input:epochs.value->train-2.epochs",
          source: "input:epochs",
          sourcePort: "value",
          target: "train-2",
          targetPort: "epochs",
        },
        {
          id: "e:train-2.model->output:model.value",
          source: "train-2",
          sourcePort: "model",
          target: "output:model",
          targetPort: "value",
        },
      ],
      settings: { defaultCompute: "local", continueOnStepFailure: true, force_rerun: false },
    };
    const yaml = graphToPipelineYaml(graph, { name: "Churn", description: null, experimentName: null });
    const parsed = doc(parsePipelineYaml(yaml));
    const back = graphOf(pipelineDocToGraph(parsed, { prep: PREP, "train-1": TRAIN, "train-2": TRAIN }));
    expect(back.warnings).toEqual([]);
    const atOrigin = (g: PipelineGraph) => ({ ...g, nodes: g.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) });
    expect(back.graph).toEqual(atOrigin(graph));
    expect(back.displayName).toBe("Churn");
    expect(yaml).toContain(
      "settings:\n  default_compute: local\n  continue_on_step_failure: true\n  force_rerun: false\n",
    );
    expect(yaml).toContain(
      "  raw:\n    type: uri_file\n    path: azureml://registries/shared/data/churn/versions/2\n    description: Raw data\n",
    );
    expect(yaml).toContain("  ratio: 1\n  epochs:\n    type: integer\n    optional: true\n");
    expect(yaml).toContain("  unused:\n    type: number\n    value: 3\n");
    expect(yaml).toContain('  note: "20"\n');
    expect(yaml).toContain("      data:\n        type: uri_folder\n        path: azureml:churn-train@latest\n");
  });
});
