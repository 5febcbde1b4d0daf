// A deployment that follows an alias, for looking at the endpoint page (`node scripts/screenshots.mjs --prepare
// follow /workspaces/dev/endpoints/iris-champion`): dev's endpoint iris-champion serves iris-sgd@champion, and the
// alias then moves to version 2. Through the REST API, as a client would.
export async function prepareFollowDemo(studio) {
  const api = async (method, path, body, token) => {
    const res = await fetch(`${studio.url}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
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
