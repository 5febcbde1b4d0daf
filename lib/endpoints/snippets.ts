// Code that calls a scoring URL, shown on the endpoint's Consume tab. The key comes from the environment
// (ENDPOINT_KEY), never pasted into the code.

import { shellQuote } from "@/lib/command-template";

export type Snippets = { curl: string; python: string; javascript: string };

export function scoringSnippets(url: string, sampleBody: string): Snippets {
  let compact = sampleBody;
  try {
    compact = JSON.stringify(JSON.parse(sampleBody));
  } catch {
    // shown as given
  }
  return {
    curl: `curl -X POST ${shellQuote(url)} \\
  -H "Authorization: Bearer $ENDPOINT_KEY" \\
  -H "Content-Type: application/json" \\
  -d ${shellQuote(compact)}`,
    python: `import json, os, urllib.request

request = urllib.request.Request(
    ${JSON.stringify(url)},
    data=${JSON.stringify(compact)}.encode("utf-8"),
    headers={"Authorization": "Bearer " + os.environ["ENDPOINT_KEY"], "Content-Type": "application/json"},
)
with urllib.request.urlopen(request) as response:
    print(response.headers["azureml-model-deployment"], json.load(response))`,
    javascript: `const response = await fetch(${JSON.stringify(url)}, {
  method: "POST",
  headers: { Authorization: \`Bearer \${process.env.ENDPOINT_KEY}\`, "Content-Type": "application/json" },
  body: ${JSON.stringify(compact)},
});
console.log(response.status, response.headers.get("azureml-model-deployment"), await response.json());`,
  };
}
