import { describe, expect, it } from "vitest";
import { expectError, get, modelForm, request, tokenFor, uniqueName } from "./helpers";

const componentYaml = (
  name: string,
  version: string | null = "1",
) => `$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
type: command
name: ${name}
display_name: Hello
${version === null ? "" : `version: ${version}\n`}inputs:
  sample_input_data:
    type: uri_folder
  sample_input_string:
    type: string
    default: "hello_python_world_default"
outputs:
  sample_output_data:
    type: uri_folder
code: ./src
environment:
  image: python
command: >-
  python hello.py
  --input_data \${{inputs.sample_input_data}}
  --input_string \${{inputs.sample_input_string}}
  --output_data \${{outputs.sample_output_data}}
`;

const folder = (name: string, version: string | null = "1", code = "print('hello')\n") =>
  modelForm([
    { path: "component.yml", content: componentYaml(name, version) },
    { path: "src/hello.py", content: code },
  ]);

const base = (scope = "dev", segment = "workspaces") => `/${segment}/${scope}/components`;

describe("components API", () => {
  it("registers a component folder (YAML + code), answers the same version again with 200, refuses other content under it with 409", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("hello");
    const created = await request("POST", base(), { token, body: folder(name) });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      kind: "component",
      name,
      version: 1,
      isLatest: true,
      spec: { displayName: "Hello", code: "./src" },
      files: [{ path: "hello.py" }],
    });
    expect(created.body.spec.inputs.map((i: { name: string; optional: boolean }) => [i.name, i.optional])).toEqual([
      ["sample_input_data", false],
      ["sample_input_string", false],
    ]);
    const again = await request("POST", base(), { token, body: folder(name) });
    expect(again.status, again.text).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect(
      expectError(
        await request("POST", base(), { token, body: folder(name, "1", "print('changed')\n") }),
        409,
        "conflict",
      ),
    ).toMatch(/version 1 already exists/);
    const next = await request("POST", base(), { token, body: folder(name, null) });
    expect(next.body.version).toBe(2);

    const one = await get(`${base()}/${name}/versions/1`, token);
    expect(one.body.yaml).toBe(componentYaml(name, "1"));
    const files = await get(`${base()}/${name}/versions/1/files`, token);
    expect(files.body.files.map((f: { path: string }) => f.path)).toEqual(["hello.py"]);
    const zip = await get(`${base()}/${name}/versions/1/download`, token);
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(Buffer.from(zip.bytes).includes(Buffer.from("src/hello.py"))).toBe(true);
    const listed = await get(`${base()}?q=${name}`, token);
    expect(listed.body.items.map((i: { name: string; version: number }) => [i.name, i.version])).toEqual([[name, 2]]);
  });

  it("registers a code-less component from JSON and shares it to a registry", async () => {
    const admin = await tokenFor("admin");
    const name = uniqueName("echo");
    const yaml = `name: ${name}\ntype: command\ncommand: echo hello\nenvironment: azureml:python-slim@latest\n`;
    const created = await request("POST", base(), {
      token: admin,
      json: { yaml, description: "says hello", tags: { team: "ml" } },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      description: "says hello",
      tags: { team: "ml" },
      files: [],
      spec: { environment: { kind: "reference", name: "python-slim", version: "latest" } },
      warnings: [],
    });
    // What the studio does not use is named, not dropped silently (as pipeline import does).
    const ignored = await request("POST", base(), {
      token: admin,
      json: { yaml: `${yaml.replace(name, `${name}-ignored`)}resources:\n  instance_count: 2\nfancy: true\n` },
    });
    expect(ignored.status, ignored.text).toBe(201);
    expect(ignored.body.warnings).toEqual([
      'Line 5: "resources" is ignored: compute resources are chosen at submit here.',
      'Line 7: Unknown key "fancy" is ignored.',
    ]);
    const shared = await request("POST", `${base()}/${name}/versions/1/share`, {
      token: admin,
      json: { registry: "shared", reason: "reuse" },
    });
    expect(shared.status, shared.text).toBe(201);
    expect(shared.body).toMatchObject({
      kind: "component",
      name,
      publishedFrom: { scope: { kind: "workspace", name: "dev" }, name, version: 1 },
    });
    expect((await get(`${base("shared", "registries")}/${name}/versions/latest`, admin)).body.spec.command).toBe(
      "echo hello",
    );
  });

  it("refuses an invalid YAML with each line and reason (422), and bad requests clearly", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("bad");
    const yaml = componentYaml(name)
      .replace("${{inputs.sample_input_string}}", "${{inputs.nope}}")
      .replace("type: uri_folder", "type: folder");
    const res = await request("POST", base(), { token, json: { yaml } });
    const message = expectError(res, 422, "invalid");
    expect(message).toMatch(/line \d+/);
    expect(res.body.error.details.errors.length).toBeGreaterThanOrEqual(2);
    for (const e of res.body.error.details.errors) expect(e.line).toBeGreaterThan(0);
    expectError(await get(`${base()}/${name}/versions/latest`, token), 404, "not_found");
    expectError(await request("POST", base(), { token, json: { yaml: "" } }), 422, "invalid");
    expectError(
      await request("POST", base(), { token, body: modelForm([{ path: "src/hello.py", content: "x" }]) }),
      422,
      "invalid",
    );
    const traversal = componentYaml(name).replace("code: ./src", "code: ../../etc");
    expectError(
      await request("POST", base(), {
        token,
        body: modelForm([
          { path: "component.yml", content: traversal },
          { path: "src/a.py", content: "x" },
        ]),
      }),
      422,
      "invalid",
    );
    expectError(
      await request("POST", base("test"), { token: await tokenFor("reviewer"), json: { yaml: componentYaml(name) } }),
      403,
      "forbidden",
    );
  });
});
