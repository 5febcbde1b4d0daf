import { describe, expect, it } from "vitest";
import { registerComponent } from "@/server/components/register-component";
import { createDataVersion } from "@/server/assets/create-data-version";
import { loadDesignerCatalog } from "@/server/pipelines/designer-catalog";
import { listPipelineRuns } from "@/server/pipelines/list-pipeline-runs";
import { createPipeline } from "@/server/pipelines/create-pipeline";
import { submitPipeline } from "@/server/pipelines/submit-pipeline";
import { deletePipeline } from "@/server/pipelines/delete-pipeline";
import { toComponentRef } from "@/lib/pipeline/component-ref";
import { failureOf } from "@/tests/support/failures";
import { createScope, grant, storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

const componentYaml = (name: string, version: number, extra = "") =>
  `name: ${name}\nversion: ${version}\ntype: command\ndescription: makes ${name}\ninputs:\n  n:\n    type: integer\n    default: 1\noutputs:\n  out:\n    type: uri_folder\ncommand: echo \${{inputs.n}} > \${{outputs.out}}/n.txt\n${extra}`;

describe("the designer's catalog", () => {
  it("offers the latest version of each component of the workspace and of the registries the user reads", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const registry = await createScope("registry");
    const hidden = await createScope("registry");
    await grant(contributor, registry, "contributor");
    await grant(contributor, hidden, "contributor");
    await grant(reader, registry, "reader");
    const local = uniqueName("make");
    await registerComponent(contributor, workspace, { yaml: componentYaml(local, 1) });
    const { component: latest } = await registerComponent(contributor, workspace, { yaml: componentYaml(local, 2) });
    const shared = uniqueName("shared");
    await registerComponent(contributor, registry, { yaml: componentYaml(shared, 1) });
    await registerComponent(contributor, hidden, { yaml: componentYaml(uniqueName("hidden"), 1) });

    const catalog = await loadDesignerCatalog(reader, workspace.name);
    // The reader is no member of `hidden`: its components are not offered.
    expect(catalog.palette.map((g) => g.label)).toEqual([`Workspace ${workspace.name}`, `Registry ${registry.name}`]);
    expect(catalog.palette[0].components).toEqual([
      { ...toComponentRef(workspace, 2, latest.spec), description: `makes ${local}` },
    ]);
    expect(catalog.palette[1].components.map((c) => [c.scopeKind, c.scopeName, c.name, c.version])).toEqual([
      ["registry", registry.name, shared, 1],
    ]);
  });

  it("names data assets as bindings do, their versions newest first, a registry's by its path", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const registry = await createScope("registry");
    await grant(contributor, registry, "contributor");
    const files = await storeFiles({ "d.csv": "x\n1\n" });
    const name = uniqueName("data");
    await createDataVersion(contributor, workspace, { name, type: "file" }, files);
    await createDataVersion(contributor, workspace, { name, type: "file" }, files);
    await createDataVersion(contributor, registry, { name, type: "file" }, files);
    const catalog = await loadDesignerCatalog(contributor, workspace.name);
    expect(catalog.data).toEqual([
      { ref: `${name}@latest`, label: name, versions: [2, 1] },
      {
        ref: `registries/${registry.name}/${name}@latest`,
        label: `${name} (registry ${registry.name})`,
        versions: [1],
      },
    ]);
  });

  it("is refused to someone who is not a member of the workspace", async () => {
    const { workspace, outsider } = await workspaceWithTeam();
    expect(await failureOf(loadDesignerCatalog(outsider, workspace.name))).toMatchObject({ code: "not_found" });
  });
});

describe("recent pipeline runs", () => {
  it("lists a workspace's pipeline jobs newest first, with the draft and version each came from", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const { component } = await registerComponent(contributor, workspace, {
      yaml: componentYaml(uniqueName("step"), 1),
    });
    const ref = toComponentRef(workspace, component.version, component.spec);
    const graph = {
      nodes: [{ kind: "step" as const, id: "only", position: { x: 0, y: 0 }, component: ref, bindings: {} }],
      edges: [],
      settings: {},
    };
    const draft = await createPipeline(contributor, workspace.name, { name: uniqueName("Runs"), graph });
    const first = await submitPipeline(contributor, workspace.name, draft.id, {});
    const second = await submitPipeline(contributor, workspace.name, draft.id, { displayName: "again" });

    const runs = await listPipelineRuns(reader, workspace.name);
    expect(runs.map((r) => [r.job, r.version, r.pipeline?.name, r.displayName])).toEqual([
      [second.name, 2, draft.name, "again"],
      [first.name, 1, draft.name, first.displayName],
    ]);
    await deletePipeline(contributor, workspace.name, draft.id);
    expect((await listPipelineRuns(reader, workspace.name)).map((r) => r.pipeline)).toEqual([null, null]);
    expect(await listPipelineRuns(reader, workspace.name, 1)).toHaveLength(1);
  });
});
