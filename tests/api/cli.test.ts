import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_URL, newToken, uniqueName } from "./helpers";
import { waitForDeployments } from "./scoring-helpers";
import { studio } from "./cli-runner";

// The `studio` command line, run as a CI pipeline runs it (a child process with its own config folder) against
// the running studio: login, models from Azure ML's YAML, download, endpoint invoke, and exit codes.

describe("the studio command line", () => {
  it("logs in, registers a model from Azure ML's YAML, shows and downloads it, with exit codes for CI", async () => {
    const home = mkdtempSync(join(tmpdir(), "studio-cli-"));
    const env = { XDG_CONFIG_HOME: home };
    const token = await newToken("scientist");

    const early = await studio(["model", "list", "-w", "dev"], env);
    expect(early.code, early.stderr).toBe(3);
    expect(early.stderr).toContain("Not logged in");
    expect((await studio(["login", "--url", BASE_URL, "--token", "mls_wrong"], env)).code).toBe(3);
    const login = await studio(["login", "--url", BASE_URL, "--token", token], env);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain("as scientist@example.com");
    const config = join(home, "mlops-studio", "config.json");
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(config, "utf8"))).toEqual({ url: BASE_URL, token });

    // Azure ML's model YAML with its folder next to it; a key the studio does not use is named.
    const folder = mkdtempSync(join(tmpdir(), "studio-cli-model-"));
    mkdirSync(join(folder, "weights", "sub"), { recursive: true });
    writeFileSync(join(folder, "weights", "model.pkl"), "pickled weights");
    writeFileSync(join(folder, "weights", "sub", "labels.json"), '["a","b"]');
    const name = uniqueName("cli-model");
    writeFileSync(
      join(folder, "model.yml"),
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/model.schema.json",
        `name: ${name}`,
        "path: ./weights",
        "type: custom_model",
        "description: Registered by the CLI test",
        "tags:",
        "  team: cli",
        "stage: Production",
        "",
      ].join("\n"),
    );
    const created = await studio(["model", "create", "-f", join(folder, "model.yml"), "-w", "dev", "-o", "json"], env);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name, version: 1, description: "Registered by the CLI test" });
    expect(created.stderr).toContain('warning: "stage" is not used by the studio and is ignored.');

    const table = await studio(["model", "show", "-n", name, "-w", "dev"], env);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^NAME\s+VERSION\s+TYPE/);
    expect(table.stdout).toContain(`${name}  1`);
    const shown = JSON.parse((await studio(["model", "show", "-n", name, "-w", "dev", "-o", "json"], env)).stdout);
    expect(shown.tags).toEqual({ team: "cli" });
    expect(shown.files.map((f: { path: string }) => f.path).sort()).toEqual([
      "weights/model.pkl",
      "weights/sub/labels.json",
    ]);

    const out = mkdtempSync(join(tmpdir(), "studio-cli-download-"));
    const downloaded = await studio(["model", "download", "-n", name, "-w", "dev", "-p", out], env);
    expect(downloaded.code, downloaded.stderr).toBe(0);
    expect(readFileSync(join(out, name, "weights", "sub", "labels.json"), "utf8")).toBe('["a","b"]');

    // Failures a pipeline can tell apart.
    const missing = await studio(["model", "show", "-n", uniqueName("nope"), "-v", "1", "-w", "dev"], env);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/^error: /);
    writeFileSync(join(folder, "bad.yml"), `name: ${name}\n`);
    const bad = await studio(["model", "create", "-f", join(folder, "bad.yml"), "-w", "dev"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has no "path" to upload');
    expect((await studio(["model", "list"], env)).code).toBe(2);
    expect((await studio(["model", "lisst", "-w", "dev"], env)).code).toBe(2);
    expect((await studio(["model", "list", "-w", "dev", "-o", "yaml"], env)).code).toBe(2);
    const prod = await studio(["model", "list", "-w", "prod"], env);
    expect(prod.code).toBe(4);
  }, 60_000);

  it("registers a component from its YAML folder, with the code and conda file it names, and its warnings", async () => {
    const home = mkdtempSync(join(tmpdir(), "studio-cli-"));
    const env = { XDG_CONFIG_HOME: home, STUDIO_URL: BASE_URL, STUDIO_TOKEN: await newToken("scientist") };
    const folder = mkdtempSync(join(tmpdir(), "studio-cli-component-"));
    mkdirSync(join(folder, "src", "__pycache__"), { recursive: true });
    writeFileSync(join(folder, "src", "hello.py"), "print('hello')\n");
    writeFileSync(join(folder, "src", "__pycache__", "hello.cpython-311.pyc"), "bytecode");
    writeFileSync(join(folder, "conda.yml"), "dependencies:\n- python=3.11\n");
    const name = uniqueName("cli_hello");
    writeFileSync(
      join(folder, "component.yml"),
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json",
        `name: ${name}`,
        "version: 3",
        "type: command",
        "code: ./src/",
        "environment:",
        "  image: python:3.11-slim",
        "  conda_file: ./conda.yml",
        "command: python hello.py",
        "resources:",
        "  instance_count: 2",
        "",
      ].join("\n"),
    );
    const created = await studio(
      ["component", "create", "-f", join(folder, "component.yml"), "-w", "dev", "-o", "json"],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name, version: 3 });
    expect(created.stderr).toContain('warning: Line 10: "resources" is ignored');
    const shown = JSON.parse((await studio(["component", "show", "-n", name, "-w", "dev", "-o", "json"], env)).stdout);
    // The code folder's files, without the byte-code cache; the conda file kept with the environment.
    expect(shown.files.map((f: { path: string }) => f.path)).toEqual(["hello.py"]);
    expect(shown.spec.environment.condaFile).toBe("dependencies:\n- python=3.11\n");
    const listed = await studio(["component", "list", "-w", "dev"], env);
    expect(listed.stdout).toContain(name);
    expect((await studio(["component", "create", "-f", join(folder, "nope.yml"), "-w", "dev"], env)).code).toBe(2);
    writeFileSync(join(folder, "component.yml"), `name: ${name}\ntype: parallel\n`);
    const refused = await studio(["component", "create", "-f", join(folder, "component.yml"), "-w", "dev"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: component\.yml is not a valid component: line 2: This is a parallel component/,
    );
  }, 60_000);

  it("invokes an online endpoint with a request file, and says what the endpoint refused", async () => {
    const home = mkdtempSync(join(tmpdir(), "studio-cli-"));
    const env = { XDG_CONFIG_HOME: home, STUDIO_URL: BASE_URL, STUDIO_TOKEN: await newToken("scientist") };
    await waitForDeployments(env.STUDIO_TOKEN, "dev", "iris-online");
    const request = join(home, "request.json");
    writeFileSync(request, JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] }));
    const invoked = await studio(
      ["online-endpoint", "invoke", "-n", "iris-online", "-w", "dev", "--request-file", request],
      env,
    );
    expect(invoked.code, invoked.stderr).toBe(0);
    // The iris ONNX model answers its class probabilities, setosa first.
    const probabilities = JSON.parse(invoked.stdout).output[0] as number[];
    expect(probabilities.indexOf(Math.max(...probabilities))).toBe(0);
    writeFileSync(request, JSON.stringify({ rows: [] }));
    const refused = await studio(
      ["online-endpoint", "invoke", "-n", "iris-online", "-w", "dev", "--request-file", request],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: The endpoint answered 400: /);
    writeFileSync(request, "{not json");
    expect(
      (await studio(["online-endpoint", "invoke", "-n", "iris-online", "-w", "dev", "--request-file", request], env))
        .code,
    ).toBe(2);
  }, 60_000);
});
