import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_URL, get, newToken, uniqueName } from "./helpers";
import { studio } from "./cli-runner";

// `studio job create -f … --stream`, environments and data from Azure ML's YAML, as a CI pipeline runs them.

async function cliEnv() {
  const home = mkdtempSync(join(tmpdir(), "studio-cli-"));
  return { XDG_CONFIG_HOME: home, STUDIO_URL: BASE_URL, STUDIO_TOKEN: await newToken("scientist") };
}

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "studio-cli-job-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

describe("studio job", () => {
  it("submits a command job YAML, streams its logs to the end, and exits 0; a failing job exits 1", async () => {
    const env = await cliEnv();
    const experiment = uniqueName("cli-jobs");
    const folder = folderWith({
      "src/train.py": [
        "import os, sys",
        "print('greeting', sys.argv[1], os.environ['GREETING'])",
        "open(os.path.join(sys.argv[2], 'done.txt'), 'w').write('ok')",
      ].join("\n"),
      "job.yml": [
        "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json",
        "command: python train.py ${{inputs.who}} ${{outputs.result}}",
        "code: ./src",
        "inputs:",
        "  who: world",
        "outputs:",
        "  result:",
        "    type: uri_folder",
        "environment_variables:",
        "  GREETING: hello",
        "environment: azureml:sklearn-env:2",
        "compute: azureml:cpu-cluster",
        `experiment_name: ${experiment}`,
        "display_name: from the cli",
        "",
      ].join("\n"),
      "fail.yml": `command: python -c "import sys; print('about to fail'); sys.exit(3)"\nexperiment_name: ${experiment}\n`,
      // As Azure's hello-world-output: files written to ./outputs and ./logs are kept; the code stays read-only.
      "output.yml": [
        "command: >-",
        "  echo hello world > ./outputs/helloworld.txt && echo step 1 > ./logs/run.log",
        "  && (echo x > ./elsewhere.txt 2>/dev/null || echo the code folder is read-only)",
        "code: ./src",
        `experiment_name: ${experiment}`,
        "",
      ].join("\n"),
    });
    const streamed = await studio(["job", "create", "-f", join(folder, "job.yml"), "-w", "dev", "--stream"], env);
    expect(streamed.code, streamed.stderr).toBe(0);
    expect(streamed.stdout).toContain("greeting world hello");
    expect(streamed.stderr).toContain('warning: Line 12: "compute: azureml:cpu-cluster" is not here');
    expect(streamed.stderr).toMatch(/job job-[a-z0-9]+: completed/);
    const name = /Submitted job (job-[a-z0-9]+)/.exec(streamed.stderr)![1]!;
    const token = env.STUDIO_TOKEN;
    const job = (await get(`/workspaces/dev/jobs/${name}`, token)).body;
    expect(job).toMatchObject({
      experiment,
      displayName: "from the cli",
      environment: "sklearn-env:2",
      environmentVariables: { GREETING: "hello" },
      outputs: [{ name: "result", fileCount: 1 }],
    });

    const wrote = await studio(["job", "create", "-f", join(folder, "output.yml"), "-w", "dev", "--stream"], env);
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(wrote.stdout).toContain("the code folder is read-only");
    const wroteJob = (
      await get(`/workspaces/dev/jobs/${/Submitted job (job-[a-z0-9]+)/.exec(wrote.stderr)![1]}`, token)
    ).body;
    expect(wroteJob.outputs).toEqual([
      { name: "outputs", fileCount: 1, totalSize: 12 },
      { name: "logs", fileCount: 1, totalSize: 7 },
    ]);

    const failed = await studio(["job", "create", "-f", join(folder, "fail.yml"), "-w", "dev", "--stream"], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("about to fail");
    expect(failed.stderr).toMatch(/warning: job job-[a-z0-9]+ failed: The command exited with code 3/);

    const shown = await studio(["job", "show", "-n", name, "-w", "dev", "-o", "json"], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({ name, status: "completed" });
    const listed = await studio(["job", "list", "-w", "dev", "--experiment", experiment], env);
    expect(listed.stdout.split("\n")[0]).toMatch(/^NAME\s+DISPLAY NAME\s+KIND\s+STATUS/);
    expect(listed.stdout).toContain(name);
    // A YAML the studio refuses: its line and reason, exit 1 (the studio refused), nothing submitted.
    writeFileSync(
      join(folder, "bad.yml"),
      "command: echo\ninputs:\n  data:\n    type: uri_file\n    path: ./local.csv\n",
    );
    const bad = await studio(["job", "create", "-f", join(folder, "bad.yml"), "-w", "dev"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /bad\.yml is not a valid command job: line 5: Input "data": "\.\/local\.csv" is not a data asset/,
    );
    expect((await studio(["job", "create", "-w", "dev"], env)).code).toBe(2);
  }, 120_000);

  it("imports and runs a pipeline YAML with --stream, each step's log prefixed with its name", async () => {
    const env = await cliEnv();
    const component = uniqueName("cli_echo");
    const folder = folderWith({
      "echo.yml": [
        "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json",
        `name: ${component}`,
        "version: 1",
        "type: command",
        "inputs:",
        "  who:",
        "    type: string",
        "command: echo hello from ${{inputs.who}}",
        "",
      ].join("\n"),
      "pipeline.yml": [
        "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json",
        "type: pipeline",
        "display_name: cli-pipeline",
        "jobs:",
        "  first:",
        "    type: command",
        "    component: ./echo.yml",
        "    inputs:",
        "      who: first",
        "  second:",
        "    type: command",
        "    component: ./echo.yml",
        "    inputs:",
        "      who: second",
        "",
      ].join("\n"),
    });
    const run = await studio(["job", "create", "-f", join(folder, "pipeline.yml"), "-w", "dev", "--stream"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("[first] hello from first");
    expect(run.stdout).toContain("[second] hello from second");
    expect(run.stderr).toMatch(/step first \(job-[a-z0-9]+\): completed/);

    // Azure's hello-pipeline-io: inline steps (their own command), one's output the next one's input.
    writeFileSync(
      join(folder, "hello-pipeline-io.yml"),
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json",
        "type: pipeline",
        "jobs:",
        "  hello_job:",
        '    command: echo "hello" && echo "world" > ${{outputs.world_output}}/world.txt',
        "    environment: azureml:AzureML-sklearn-0.24-ubuntu18.04-py37-cpu@latest",
        "    compute: azureml:cpu-cluster",
        "    outputs:",
        "      world_output:",
        "  world_job:",
        "    command: cat ${{inputs.world_input}}/world.txt",
        "    environment: azureml:AzureML-sklearn-0.24-ubuntu18.04-py37-cpu@latest",
        "    compute: azureml:cpu-cluster",
        "    inputs:",
        "      world_input: ${{parent.jobs.hello_job.outputs.world_output}}",
        "",
      ].join("\n"),
    );
    const inline = await studio(
      ["job", "create", "-f", join(folder, "hello-pipeline-io.yml"), "-w", "dev", "--stream"],
      env,
    );
    expect(inline.code, inline.stderr).toBe(0);
    expect(inline.stdout).toContain("[hello_job] hello");
    expect(inline.stdout).toContain("[world_job] world");

    // Azure's schedule YAML whose create_job is the pipeline file: imported, then scheduled.
    const scheduleName = uniqueName("cli_schedule");
    writeFileSync(
      join(folder, "schedule.yml"),
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json",
        `name: ${scheduleName}`,
        "display_name: Simple cron job schedule",
        "trigger:",
        "  type: cron",
        '  expression: "0 * * * *"',
        '  time_zone: "Pacific Standard Time"',
        "create_job: ./pipeline.yml",
        "",
      ].join("\n"),
    );
    const scheduled = await studio(
      ["schedule", "create", "-f", join(folder, "schedule.yml"), "-w", "dev", "--disabled", "-o", "json"],
      env,
    );
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect(JSON.parse(scheduled.stdout)).toMatchObject({
      name: scheduleName,
      isEnabled: false,
      timeZone: "America/Los_Angeles",
      target: { kind: "pipeline", version: "draft" },
    });
    expect(scheduled.stderr).toMatch(/Imported .*pipeline\.yml as pipeline cli-pipeline/);
    expect((await studio(["schedule", "list", "-w", "dev"], env)).stdout).toContain(scheduleName);
    expect((await studio(["schedule", "delete", "-n", scheduleName, "-w", "dev"], env)).code).toBe(0);
    expect((await studio(["schedule", "show", "-n", scheduleName, "-w", "dev"], env)).code).toBe(4);
  }, 120_000);
});

describe("studio environment and data", () => {
  it("create versions from Azure ML's YAML (the conda file and the data file beside it), list and show them", async () => {
    const env = await cliEnv();
    const environment = uniqueName("cli-env");
    const data = uniqueName("cli-data");
    const folder = folderWith({
      "conda.yml": "name: x\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n    - studio-wheel-demo==0.1.0\n",
      "env.yml": [
        "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json",
        `name: ${environment}`,
        "image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04",
        "conda_file: conda.yml",
        "description: made by the cli",
        "",
      ].join("\n"),
      // Large enough (2.3 MB) for the upload to show its progress.
      "data/iris.csv": `a,b\n${"1,2\n".repeat(600_000)}`,
      "data.yml": [
        "$schema: https://azuremlschemas.azureedge.net/latest/data.schema.json",
        `name: ${data}`,
        "type: uri_file",
        "path: ./data/iris.csv",
        "version: 7",
        "",
      ].join("\n"),
    });
    const createdEnv = await studio(
      ["environment", "create", "-f", join(folder, "env.yml"), "-w", "dev", "-o", "json"],
      env,
    );
    expect(createdEnv.code, createdEnv.stderr).toBe(0);
    expect(JSON.parse(createdEnv.stdout)).toMatchObject({
      name: environment,
      version: 1,
      description: "made by the cli",
      spec: {
        image: "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04",
        conda: expect.stringContaining("studio-wheel-demo"),
      },
    });
    const createdData = await studio(
      ["data", "create", "-f", join(folder, "data.yml"), "-w", "dev", "-o", "json"],
      env,
    );
    expect(createdData.code, createdData.stderr).toBe(0);
    expect(JSON.parse(createdData.stdout)).toMatchObject({ name: data, version: 1, files: [{ path: "iris.csv" }] });
    expect(createdData.stderr).toContain("this is version 1, not 7");
    expect(createdData.stderr).toMatch(/Uploading: 100% of 2\.3 MB/);
    expect(createdData.stderr.match(/^Uploading: \d+% of 2\.3 MB$/gm)!.length).toBeGreaterThanOrEqual(2);
    expect((await studio(["environment", "list", "-w", "dev"], env)).stdout).toContain(environment);
    const shown = await studio(["data", "show", "-n", data, "-w", "dev", "-o", "json"], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: data, version: 1 });
    expect((await studio(["data", "show", "-n", uniqueName("none"), "-w", "dev"], env)).code).toBe(4);

    // update, as az ml's: --set description and tags.<key>, --remove tags.<key>; other tags are kept.
    const update = (kind: string, name: string, ...args: string[]) =>
      studio([kind, "update", "-n", name, "-v", "1", "-w", "dev", ...args], env);
    const tagged = await update("data", data, "--set", "tags.team=ml", "--set", "tags.stage=raw", "-o", "json");
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(JSON.parse(tagged.stdout).tags).toEqual({ team: "ml", stage: "raw" });
    const updated = await update("data", data, "--set", "description=cleaned", "--remove", "tags.stage", "-o", "json");
    expect(JSON.parse(updated.stdout)).toMatchObject({ description: "cleaned", tags: { team: "ml" } });
    const archived = await update("environment", environment, "--archive", "-o", "json");
    expect(JSON.parse(archived.stdout)).toMatchObject({ isArchived: true });
    expect((await update("data", data, "--set", "name=x")).code).toBe(2);
    expect((await update("data", data)).code).toBe(2);
  }, 60_000);
});
