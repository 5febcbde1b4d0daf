// Traffic for looking at the monitoring pages (`node scripts/screenshots.mjs --prepare monitors`): an iris
// endpoint whose live deployment answers rows with petal length moved by 1.1 cm while a challenger gets a
// mirrored fifth, labels for some of them, and a monitor with one run. All through the REST API and the
// scoring URL, as a client would.
import { demoApi } from "./demo-api.mjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export async function prepareMonitorDemo(root, studio) {
  const api = demoApi(studio);
  const { token } = await api("POST", "/auth/token", {
    email: "scientist@example.com",
    password: "studio-demo",
    name: "screenshots",
  });
  const created = await api("POST", "/workspaces/dev/endpoints", { name: "iris-drift" }, token);
  await api(
    "POST",
    "/workspaces/dev/endpoints/iris-drift/deployments",
    { name: "blue", model: "iris-classifier:1", dataCollectionPercent: 100 },
    token,
  );
  await api(
    "POST",
    "/workspaces/dev/endpoints/iris-drift/deployments",
    { name: "green", model: "iris-classifier:2" },
    token,
  );
  for (;;) {
    const endpoint = await api("GET", "/workspaces/dev/endpoints/iris-drift", undefined, token);
    if (endpoint.deployments.every((d) => d.state === "succeeded") && endpoint.traffic.blue === 100) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  await api(
    "PUT",
    "/workspaces/dev/endpoints/iris-drift/traffic",
    { traffic: { blue: 100 }, mirror: { deployment: "green", percent: 20 }, reason: "try C=10" },
    token,
  );
  const rows = readFileSync(join(root, "prisma/seed-assets/data/iris/iris.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
  for (let i = 0; i < rows.length; i += 10) {
    const data = rows.slice(i, i + 10).map((r) => r.slice(0, 4).map((v, j) => Number(v) + (j === 2 ? 1.1 : 0)));
    const res = await fetch(`${studio.scoringUrl}/dev/iris-drift/score`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${created.keys.primaryKey}`,
        "x-request-id": `demo-${i}`,
      },
      body: JSON.stringify({ data }),
    });
    if (!res.ok) throw new Error(`scoring: ${res.status}`);
  }
  const labels = rows.map((r, i) => ({ requestId: `demo-${i - (i % 10)}`, row: i % 10, label: r[4] }));
  await api("POST", "/workspaces/dev/endpoints/iris-drift/feedback", labels, token);
  await api(
    "PUT",
    "/workspaces/dev/endpoints/iris-drift/challenger-criteria",
    { minCompared: 20, minAgreement: 0.9 },
    token,
  );
  await new Promise((r) => setTimeout(r, 1500));
  await api(
    "POST",
    "/workspaces/dev/monitors",
    { endpoint: "iris-drift", deployment: "blue", baseline: { data: "iris:1" }, window: "P1D", runNow: false },
    token,
  );
  await api("POST", "/workspaces/dev/monitors/iris-drift-blue/run?wait=60", {}, token);
}
