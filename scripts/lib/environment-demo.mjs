// A job that ran in a built environment, for looking at its page (`node scripts/screenshots.mjs --prepare
// environments "/workspaces/dev/jobs>>env-demo"`): dev's sklearn-env:2 is built, then the job runs in it.
import { demoApi } from "./demo-api.mjs";
export async function prepareEnvironmentDemo(studio) {
  const api = demoApi(studio);
  const login = { email: "scientist@example.com", password: "studio-demo", name: "screenshots" };
  const { token } = await api("POST", "/auth/token", login);
  const job = {
    experiment: "environments",
    displayName: "env-demo",
    command: `python -c "import sklearn; print(sklearn.__version__)"`,
    environment: "sklearn-env:2",
  };
  const { name } = await api("POST", "/workspaces/dev/command-jobs", job, token);
  for (let i = 0; i < 240; i++) {
    const { status } = await api("GET", `/workspaces/dev/jobs/${name}`, undefined, token);
    if (["completed", "failed", "canceled"].includes(status)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
