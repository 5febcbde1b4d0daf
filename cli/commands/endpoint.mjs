// `studio online-endpoint …`: list, show, and invoke with a request file (as `az ml online-endpoint invoke`),
// the endpoint's key fetched with the caller's token, so only someone who may read the keys can invoke.
import { readFileSync } from "node:fs";
import { getJson, sendJson } from "../client.mjs";
import { CliError, EXIT } from "../errors.mjs";
import { print } from "../output.mjs";
import { scopeOptions, scopePath } from "../scope.mjs";

const COLUMNS = [
  ["NAME", (e) => e.name],
  ["KIND", (e) => e.kind],
  ["SCORING URI", (e) => e.scoringUri],
  [
    "TRAFFIC",
    (e) =>
      Object.entries(e.traffic ?? {})
        .map(([d, p]) => `${d} ${p}%`)
        .join(", "),
  ],
];

export function registerEndpointCommands(program, context) {
  const endpoint = program.command("online-endpoint").description("Online endpoints");

  scopeOptions(endpoint.command("list").description("The workspace's endpoints")).action(async (options) => {
    print((await getJson(`${scopePath(options)}/endpoints`)).items, context.output(options), COLUMNS);
  });

  scopeOptions(endpoint.command("show").description("One endpoint with its deployments"))
    .requiredOption("-n, --name <name>", "the endpoint")
    .action(async (options) => {
      print(
        await getJson(`${scopePath(options)}/endpoints/${encodeURIComponent(options.name)}`),
        context.output(options),
        COLUMNS,
      );
    });

  scopeOptions(endpoint.command("invoke").description("Score a request file on the endpoint"))
    .requiredOption("-n, --name <name>", "the endpoint")
    .requiredOption("--request-file <file>", "the JSON request body")
    .option("-d, --deployment-name <name>", "send it to this deployment rather than by the traffic split")
    .action(async (options) => {
      const base = `${scopePath(options)}/endpoints/${encodeURIComponent(options.name)}`;
      let body;
      try {
        body = readFileSync(options.requestFile, "utf8");
        JSON.parse(body);
      } catch (error) {
        throw new CliError(`${options.requestFile}: ${error.message}`, EXIT.usage);
      }
      const shown = await getJson(base);
      if (!shown.scoringUri) throw new CliError(`Endpoint ${options.name} has no scoring URI (a batch endpoint?).`);
      const { primaryKey } = await sendJson("POST", `${base}/keys/reveal`);
      const res = await fetch(shown.scoringUri, {
        method: "POST",
        headers: {
          authorization: `Bearer ${primaryKey}`,
          "content-type": "application/json",
          ...(options.deploymentName ? { "azureml-model-deployment": options.deploymentName } : {}),
        },
        body,
      });
      const text = await res.text();
      if (!res.ok) {
        let message = text;
        try {
          message = JSON.parse(text).error?.message ?? text;
        } catch {
          // plain text
        }
        throw new CliError(`The endpoint answered ${res.status}: ${message}`, EXIT.failed);
      }
      process.stdout.write(`${text}\n`);
    });
}
