import { describe, expect, it } from "vitest";
import { get, jobLogs, request, tokenFor, uniqueName, waitForJob } from "./helpers";
import { score, waitForDeployments } from "./scoring-helpers";

// An environment is built once and used by a job and a deployment: the test wheel (made by npm test and
// offered to pip with STUDIO_PIP_FIND_LINKS, no index) installed in a virtual environment, in the sandbox.

const GREET_PY = `
import json
import studio_wheel_demo

def init():
    pass

def run(raw_data):
    return {"greeting": studio_wheel_demo.greet(json.loads(raw_data)["who"])}
`;

async function createEnvironment(token: string, body: Record<string, unknown>) {
  const name = uniqueName("built-env");
  const res = await request("POST", `/workspaces/dev/environments/${name}/versions`, { token, json: body });
  expect(res.status, res.text).toBe(201);
  return `${name}:1`;
}

describe("built environments", () => {
  it("are built once for a job and a deployment that name them, which record what they ran with", async () => {
    const token = await tokenFor("scientist");
    const environment = await createEnvironment(token, {
      conda: "name: built\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n    - studio-wheel-demo==0.1.0\n",
    });
    const submitted = await request("POST", "/workspaces/dev/command-jobs", {
      token,
      json: {
        experiment: "built-environments",
        command: `python -c "import studio_wheel_demo as m; print(m.greet('api'))"`,
        environment,
      },
    });
    expect(submitted.status, submitted.text).toBe(201);
    const job = await waitForJob(token, submitted.body.name, { timeoutMs: 120_000 });
    const logs = await jobLogs(token, job.name);
    expect(job.status, logs).toBe("completed");
    expect(logs).toContain("hello api from studio-wheel-demo 0.1.0");
    expect(job.runtime).toMatchObject({
      python: { wanted: "=3.11", isMet: true },
      requirements: [{ name: "studio-wheel-demo", wanted: "==0.1.0", installed: "0.1.0", isMet: true }],
    });
    const buildJob = job.runtime!.buildJob!;
    const build = (await get(`/workspaces/dev/jobs/${buildJob}`, token)).body;
    expect(build).toMatchObject({ kind: "build", status: "completed", environment, experiment: "environment-builds" });
    expect(await jobLogs(token, buildJob)).toContain("Successfully installed studio-wheel-demo-0.1.0");
    // A build job is not run again or canceled by hand: the next job that needs it builds it.
    expect((await request("POST", `/workspaces/dev/jobs/${buildJob}/resubmit`, { token, json: {} })).status).toBe(409);

    const endpoint = uniqueName("ep-built").slice(0, 24);
    const created = await request("POST", "/workspaces/dev/endpoints", { token, json: { name: endpoint } });
    expect(created.status, created.text).toBe(201);
    const deployed = await request("POST", `/workspaces/dev/endpoints/${endpoint}/deployments`, {
      token,
      json: {
        name: "greet",
        model: "breast-cancer-tree:2",
        scoringMethod: "python",
        scoringScript: "score.py",
        code: { "score.py": GREET_PY },
        environment,
      },
    });
    expect(deployed.status, deployed.text).toBe(201);
    const settled = await waitForDeployments(token, "dev", endpoint, 90_000);
    const deployment = settled.deployments[0];
    expect(deployment.state, deployment.stateReason).toBe("succeeded");
    const answer = await score("dev", endpoint, JSON.stringify({ who: "endpoint" }), created.body.keys.primaryKey);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toEqual({ greeting: "hello endpoint from studio-wheel-demo 0.1.0" });
    // The same build served both.
    const shown = (await get(`/workspaces/dev/endpoints/${endpoint}`, token)).body.deployments[0];
    expect(shown.runtime).toMatchObject({
      buildJob,
      requirements: [{ name: "studio-wheel-demo", installed: "0.1.0", isMet: true }],
    });
    expect(shown.runtime.packages).toContain("studio-wheel-demo==0.1.0");
    await request("DELETE", `/workspaces/dev/endpoints/${endpoint}`, { token });
  }, 240_000);

  it("refuse a Python version this machine lacks: the job fails and so does the deployment, each saying why", async () => {
    const token = await tokenFor("scientist");
    const environment = await createEnvironment(token, { conda: "name: future\ndependencies:\n  - python=3.99\n" });
    const submitted = await request("POST", "/workspaces/dev/command-jobs", {
      token,
      json: { experiment: "built-environments", command: "true", environment },
    });
    const job = await waitForJob(token, submitted.body.name);
    expect(job.status).toBe("failed");
    expect(job.failureReason).toMatch(/asks for Python 3\.99, and this machine has Python 3\.\d+\.\d+/);

    const endpoint = uniqueName("ep-future").slice(0, 24);
    expect((await request("POST", "/workspaces/dev/endpoints", { token, json: { name: endpoint } })).status).toBe(201);
    const deployed = await request("POST", `/workspaces/dev/endpoints/${endpoint}/deployments`, {
      token,
      json: {
        name: "future",
        model: "breast-cancer-tree:2",
        scoringMethod: "python",
        scoringScript: "score.py",
        code: { "score.py": GREET_PY },
        environment,
      },
    });
    expect(deployed.status, deployed.text).toBe(201);
    const settled = await waitForDeployments(token, "dev", endpoint, 60_000);
    expect(settled.deployments[0].state).toBe("failed");
    expect(settled.deployments[0].stateReason).toMatch(/asks for Python 3\.99/);
    await request("DELETE", `/workspaces/dev/endpoints/${endpoint}`, { token });
  }, 120_000);
});
