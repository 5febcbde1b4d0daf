// The studio's REST API as the demo preparations (`screenshots.mjs --prepare …`) call it: JSON in and out, a
// failure thrown with its status and body.
export function demoApi(studio) {
  return async (method, path, body, token) => {
    const res = await fetch(`${studio.url}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}
