// A deployment that follows an alias, for looking at the endpoint page (`node scripts/screenshots.mjs --prepare
// follow /workspaces/dev/endpoints/iris-champion`): dev's endpoint iris-champion serves iris-sgd@champion, and the
// alias then moves to version 2. Through the REST API, as a client would.
import { demoApi } from "./demo-api.mjs";
export async function prepareFollowDemo(studio) {
  const api = demoApi(studio);
  const login = { email: "admin@example.com", password: "studio-demo", name: "screenshots" };
  const { token } = await api("POST", "/auth/token", login);
  await api("POST", "/workspaces/dev/endpoints", { name: "iris-champion" }, token);
  const code = { "score.py": "def init():\n    pass\n\ndef run(raw_data):\n    return [0]\n" };
  const deployment = {
    name: "main",
    model: "iris-sgd@champion",
    scoringMethod: "python",
    scoringScript: "score.py",
    code,
  };
  await api("POST", "/workspaces/dev/endpoints/iris-champion/deployments", deployment, token);
  const alias = "/workspaces/dev/models/iris-sgd/aliases/champion";
  await api("PUT", alias, { version: 2, reason: "better validation accuracy" }, token);
}
