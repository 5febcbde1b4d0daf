import { describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import { db } from "@/server/db";
import { registerComponent, registerComponentFromUpload } from "@/server/components/register-component";
import { getComponentVersion } from "@/server/components/get-component";
import { zipComponentVersion } from "@/server/components/component-files";
import { shareAssetVersion } from "@/server/assets/share-asset-version";
import { listAssets } from "@/server/assets/list-assets";
import { failureOf } from "@/tests/support/failures";
import { createScope, grant, storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

const trainYaml = (
  name: string,
  version: string | null = "10",
  extra = "",
) => `$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
name: ${name}
display_name: Train
${version === null ? "" : `version: ${version}\n`}type: command
inputs:
  training_data:
    type: uri_folder
  max_epocs:
    type: integer
  learning_rate:
    type: number
    default: 0.01
outputs:
  model_output:
    type: uri_folder
code: ./train_src
environment: azureml:AzureML-sklearn-0.24-ubuntu18.04-py37-cpu@latest
command: >-
  python train.py
  --training_data \${{inputs.training_data}}
  --max_epocs \${{inputs.max_epocs}}
  --learning_rate \${{inputs.learning_rate}}
  --model_output \${{outputs.model_output}}
${extra}`;

async function upload(
  yaml: string,
  code: Record<string, string> = {
    "train_src/train.py": "print('training')\n",
    "train_src/util/helpers.py": "X = 1\n",
  },
) {
  return storeFiles({ "component.yml": yaml, ...code });
}

describe("registerComponent", () => {
  it("registers an Azure ML command component with its code folder and keeps the YAML's version", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("train");
    const { component, isNew } = await registerComponentFromUpload(
      contributor,
      workspace,
      {},
      await upload(trainYaml(name)),
    );
    expect(isNew).toBe(true);
    expect(component).toMatchObject({
      kind: "component",
      name,
      version: 10,
      isLatest: true,
      yamlPath: "component.yml",
    });
    expect(component.spec).toMatchObject({
      name,
      version: 10,
      displayName: "Train",
      code: "./train_src",
      isDeterministic: true,
    });
    expect(component.spec.inputs.map((i) => [i.name, i.type, i.optional])).toEqual([
      ["training_data", "uri_folder", false],
      ["max_epocs", "integer", false],
      ["learning_rate", "number", false],
    ]);
    expect(component.files.map((f) => f.path)).toEqual(["train.py", "util/helpers.py"]);
    expect(component.yaml).toBe(trainYaml(name));
    const events = await db.event.findMany({ where: { subjectId: component.id } });
    expect(events.map((e) => e.action)).toEqual(["component.version.created"]);
  });

  it("answers the existing version for the same content, refuses other content under a taken number, numbers unversioned YAML next", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("train");
    const first = await registerComponentFromUpload(contributor, workspace, {}, await upload(trainYaml(name)));
    const again = await registerComponentFromUpload(contributor, workspace, {}, await upload(trainYaml(name)));
    expect(again).toMatchObject({ isNew: false, component: { id: first.component.id, version: 10 } });
    const changedCode = await failureOf(
      registerComponentFromUpload(
        contributor,
        workspace,
        {},
        await upload(trainYaml(name), { "train_src/train.py": "print('other')\n" }),
      ),
    );
    expect(changedCode).toMatchObject({ code: "conflict" });
    expect(changedCode.message).toMatch(/version 10 already exists/);
    const next = await registerComponentFromUpload(contributor, workspace, {}, await upload(trainYaml(name, null)));
    expect(next.component.version).toBe(11);
    const older = await registerComponentFromUpload(contributor, workspace, {}, await upload(trainYaml(name, "3")));
    expect(older.component).toMatchObject({ version: 3, isLatest: false });
    expect((await getComponentVersion(contributor, workspace, name, "latest")).version).toBe(11);
  });

  it("refuses an invalid YAML with the line and reason, and writes nothing", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("bad");
    const badCommand = trainYaml(name).replace("${{inputs.max_epocs}}", "${{inputs.max_epochs}}");
    const failure = await failureOf(
      registerComponent(contributor, workspace, { yaml: badCommand }, await upload(badCommand)),
    );
    expect(failure.code).toBe("invalid");
    expect(failure.message).toMatch(/line \d+: .*max_epochs/);
    expect((failure.details as { errors: { line: number | null }[] }).errors[0].line).toBeGreaterThan(0);
    const syntax = await failureOf(registerComponent(contributor, workspace, { yaml: "name: x\ninputs: [unclosed\n" }));
    expect(syntax.message).toMatch(/line \d+/);
    expect(await db.asset.count({ where: { name } })).toBe(0);
  });

  it("refuses a code folder that the upload lacks or that escapes the folder", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("train");
    const missing = await failureOf(
      registerComponentFromUpload(contributor, workspace, {}, await upload(trainYaml(name), { "other/train.py": "x" })),
    );
    expect(missing.message).toMatch(/code folder "\.\/train_src".*no files/);
    const escaping = trainYaml(name).replace("code: ./train_src", "code: ../outside");
    const escape = await failureOf(registerComponentFromUpload(contributor, workspace, {}, await upload(escaping)));
    expect(escape.code).toBe("invalid");
    // Two command components side by side: which one is meant must be said.
    const twoYamls = await failureOf(
      registerComponentFromUpload(contributor, workspace, {}, [
        ...(await upload(trainYaml(name))),
        ...(await storeFiles({ "other.yaml": trainYaml(uniqueName("other")) })),
      ]),
    );
    expect(twoYamls.message).toMatch(/several YAML files \(component\.yml, other\.yaml\).*yamlPath/);
    expect(await db.asset.count({ where: { name } })).toBe(0);
  });

  it("takes code folders written `./train_src/` or `./` (the YAML's own folder), and zips them back as named", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const slashed = uniqueName("train");
    const { component: inFolder } = await registerComponentFromUpload(
      contributor,
      workspace,
      {},
      await upload(trainYaml(slashed).replace("code: ./train_src", "code: ./train_src/")),
    );
    expect(inFolder.files.map((f) => f.path)).toEqual(["train.py", "util/helpers.py"]);

    const here = uniqueName("train");
    const { component: beside } = await registerComponentFromUpload(
      contributor,
      workspace,
      {},
      await upload(trainYaml(here).replace("code: ./train_src", "code: ./"), {
        "train.py": "print('training')\n",
        "util/helpers.py": "X = 1\n",
      }),
    );
    // The YAML is not part of its own code.
    expect(beside.files.map((f) => f.path)).toEqual(["train.py", "util/helpers.py"]);
    for (const [name, entries] of [
      [slashed, ["component.yml", "train_src/train.py", "train_src/util/helpers.py"]],
      [here, ["component.yml", "train.py", "util/helpers.py"]],
    ] as const) {
      const zip = await zipComponentVersion(contributor, workspace, name, 10);
      const unzipped = unzipSync(new Uint8Array(await new Response(zip.stream).arrayBuffer()));
      expect(Object.keys(unzipped).sort()).toEqual(entries);
    }
  });

  it("reads an inline environment's conda_file from the upload, keeps it, and zips it back beside the YAML", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("train");
    const inline = trainYaml(name).replace(
      "environment: azureml:AzureML-sklearn-0.24-ubuntu18.04-py37-cpu@latest",
      "environment:\n  image: python:3.11-slim\n  conda_file: ./conda.yml",
    );
    // MLflow's style: lists at their key's indentation.
    const conda = "channels:\n- conda-forge\ndependencies:\n- python=3.11\n- pip:\n  - scikit-learn==1.5.2\n";
    const { component } = await registerComponentFromUpload(
      contributor,
      workspace,
      {},
      await upload(inline, { "train_src/train.py": "print(1)\n", "conda.yml": conda }),
    );
    expect(component.spec.environment).toEqual({
      kind: "inline",
      image: "python:3.11-slim",
      condaFile: conda,
      condaFilePath: "./conda.yml",
    });
    const zip = await zipComponentVersion(contributor, workspace, name, 10);
    const unzipped = unzipSync(new Uint8Array(await new Response(zip.stream).arrayBuffer()));
    expect(Object.keys(unzipped).sort()).toEqual(["component.yml", "conda.yml", "train_src/train.py"]);
    expect(Buffer.from(unzipped["conda.yml"]!).toString()).toBe(conda);
    expect(Buffer.from(unzipped["component.yml"]!).toString()).toBe(inline);

    const other = uniqueName("train");
    const missing = await failureOf(
      registerComponentFromUpload(
        contributor,
        workspace,
        {},
        await upload(inline.replace(name, other), { "train_src/train.py": "x" }),
      ),
    );
    expect(missing).toMatchObject({ code: "invalid", message: expect.stringContaining('"./conda.yml"') });
    const broken = await failureOf(
      registerComponentFromUpload(
        contributor,
        workspace,
        {},
        await upload(inline.replace(name, other), { "train_src/train.py": "x", "conda.yml": "name: x\n" }),
      ),
    );
    expect(broken.message).toMatch(/^conda\.yml: .*dependencies/);
    expect(await db.asset.count({ where: { name: other } })).toBe(0);
  });

  it("zips the YAML and its code as registered, lists in the workspace, shares to a registry, and lets readers only read", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const name = uniqueName("train");
    const { component } = await registerComponentFromUpload(contributor, workspace, {}, await upload(trainYaml(name)));
    const zip = await zipComponentVersion(reader, workspace, name, 10);
    expect(zip.fileName).toBe(`${name}-10.zip`);
    const bytes = Buffer.from(await new Response(zip.stream).arrayBuffer());
    expect(bytes.includes(Buffer.from("train_src/util/helpers.py"))).toBe(true);
    expect(bytes.includes(Buffer.from("component.yml"))).toBe(true);
    const listed = await listAssets(reader, workspace, "component", { q: name });
    expect(listed.items.map((i) => i.name)).toEqual([name]);

    const registry = await createScope("registry");
    await grant(contributor, registry, "contributor");
    const shared = await shareAssetVersion(contributor, workspace, "component", name, 10, {
      registry: registry.name,
      reason: "for the team",
    });
    expect(shared).toMatchObject({ kind: "component", name, publishedFrom: { name, version: 10 } });
    expect((shared as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(
      component.files.map((f) => f.path),
    );

    expect((await failureOf(registerComponent(reader, workspace, { yaml: trainYaml(uniqueName("r")) }))).code).toBe(
      "forbidden",
    );
  });
});
