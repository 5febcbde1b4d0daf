// `studio online-endpoint|batch-endpoint create` and `studio online-deployment|batch-deployment …`, shaped after
// `az ml`: endpoints and deployments from Azure ML's YAML. A deployment's code folder, an inline model (`model:
// {path}`) and an inline conda file are local files: they are uploaded (the model registered first) and the YAML
// sent names them. Create waits for the deployment to come up; the exit code says whether it did.
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { stringify } from "yaml";
import { getJson, sendForm, sendJson, sendText } from "../client.mjs";
import { CliError, EXIT } from "../errors.mjs";
import { folderFiles, uploadEntries } from "../files.mjs";
import { print } from "../output.mjs";
import { scopeOptions, scopePath } from "../scope.mjs";
import { readYamlMapping } from "../yaml-file.mjs";

const ENDPOINT_COLUMNS = [
  ["NAME", (e) => e.name],
  ["KIND", (e) => e.kind],
  ["SCORING URI", (e) => e.scoringUri],
  ["DESCRIPTION", (e) => e.description],
];
const DEPLOYMENT_COLUMNS = [
  ["NAME", (d) => d.name],
  ["MODEL", (d) => d.model?.label],
  ["SCORING", (d) => d.scoringMethod],
  ["STATE", (d) => d.state],
  ["TRAFFIC", (d) => `${d.traffic}%`],
  ["INSTANCES", (d) => d.instanceCount],
];

/** Registers an inline model (`model: {path, name?, type?}`) and answers its reference for the YAML. */
async function registerInlineModel(base, model, folder, fallbackName, context) {
  const name = model.name ?? fallbackName;
  const form = new FormData();
  for (const f of uploadEntries(resolve(folder, String(model.path))))
    form.append("files", new Blob([readFileSync(f.file)]), f.path);
  if (model.type) form.set("type", String(model.type));
  const created = await sendForm("POST", `${base}/models/${encodeURIComponent(name)}/versions`, form, {
    progress: context.progress,
  });
  context.info(`Registered the deployment's model as ${name}:${created.version}`);
  return `azureml:${name}:${created.version}`;
}

/** The YAML as sent (inline model registered, conda file inlined) and the code folder's files. */
async function prepareDeployment(base, file, endpointName, context) {
  const doc = readYamlMapping(file, "a deployment");
  const folder = dirname(file);
  if (typeof doc.name !== "string") throw new CliError(`${file} has no "name".`, EXIT.usage);
  if (doc.model && typeof doc.model === "object" && doc.model.path)
    doc.model = await registerInlineModel(base, doc.model, folder, `${endpointName}-${doc.name}`, context);
  if (doc.environment && typeof doc.environment === "object" && typeof doc.environment.conda_file === "string")
    doc.environment.conda_file = readYamlMapping(resolve(folder, doc.environment.conda_file), "a conda");
  const form = new FormData();
  const code = doc.code_configuration?.code;
  if (typeof code === "string") {
    const codeFolder = resolve(folder, code);
    for (const path of folderFiles(codeFolder))
      form.append("files", new Blob([readFileSync(resolve(codeFolder, path))]), path);
  }
  form.set("yaml", stringify(doc, { lineWidth: 0 }));
  return { doc, form };
}

async function waitForDeployment(endpointPath, name) {
  for (;;) {
    const endpoint = await getJson(endpointPath);
    const deployment = endpoint.deployments.find((d) => d.name === name);
    if (!deployment) throw new CliError(`Deployment ${name} is gone.`, EXIT.notFound);
    if (deployment.state !== "creating") return deployment;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function registerEndpointCreate(group, kind, context) {
  scopeOptions(group.command("create").description(`Create a ${kind} endpoint from Azure ML's endpoint YAML`))
    .requiredOption("-f, --file <file>", "the endpoint YAML (name, description, auth_mode)")
    .action(async (options) => {
      readYamlMapping(options.file, "an endpoint");
      const created = await sendText(
        "POST",
        `${scopePath(options)}/endpoints?kind=${kind}`,
        "application/yaml",
        readFileSync(options.file, "utf8"),
      );
      for (const w of created.warnings ?? []) context.warn(w);
      print(created, context.output(options), ENDPOINT_COLUMNS);
    });
}

function registerDeploymentCommands(program, kind, context) {
  const group = program.command(`${kind}-deployment`).description(`Deployments of ${kind} endpoints`);
  scopeOptions(
    group.command("create").description("Create a deployment from Azure ML's deployment YAML and wait for it"),
  )
    .requiredOption(
      "-f, --file <file>",
      "the deployment YAML (its code folder, inline model and conda file are uploaded)",
    )
    .option("-e, --endpoint-name <name>", "the endpoint (default: the YAML's endpoint_name)")
    .option("--all-traffic", "once it is up, send it all of the endpoint's live traffic")
    .option("--reason <text>", "why (kept in the audit trail; needed where deploying needs approval)")
    .action(async (options) => {
      const base = scopePath(options);
      const endpoint = options.endpointName ?? readYamlMapping(options.file, "a deployment").endpoint_name;
      if (!endpoint)
        throw new CliError(`Say which endpoint: endpoint_name in ${basename(options.file)}, or -e.`, EXIT.usage);
      const { form } = await prepareDeployment(base, options.file, endpoint, context);
      if (options.reason) form.set("reason", options.reason);
      const endpointPath = `${base}/endpoints/${encodeURIComponent(endpoint)}`;
      const created = await sendForm("POST", `${endpointPath}/deployments`, form, { progress: context.progress });
      for (const w of created.warnings ?? []) context.warn(w);
      context.info(`Deployment ${created.name} is ${created.state}; waiting for it to come up…`);
      const settled = await waitForDeployment(endpointPath, created.name);
      if (settled.state !== "succeeded") {
        print(settled, context.output(options), DEPLOYMENT_COLUMNS);
        throw new CliError(`Deployment ${created.name} ${settled.state}: ${settled.stateReason ?? "see its logs"}`);
      }
      if (options.allTraffic && kind === "online")
        await sendJson("PUT", `${endpointPath}/traffic`, {
          traffic: { [created.name]: 100 },
          reason: options.reason ?? `studio ${kind}-deployment create --all-traffic`,
        });
      print(await waitForDeployment(endpointPath, created.name), context.output(options), DEPLOYMENT_COLUMNS);
    });

  scopeOptions(group.command("list").description("An endpoint's deployments"))
    .requiredOption("-e, --endpoint-name <name>", "the endpoint")
    .action(async (options) => {
      const endpoint = await getJson(`${scopePath(options)}/endpoints/${encodeURIComponent(options.endpointName)}`);
      print(endpoint.deployments, context.output(options), DEPLOYMENT_COLUMNS);
    });

  scopeOptions(group.command("show").description("One deployment"))
    .requiredOption("-e, --endpoint-name <name>", "the endpoint")
    .requiredOption("-n, --name <name>", "the deployment")
    .action(async (options) => {
      const path = `${scopePath(options)}/endpoints/${encodeURIComponent(options.endpointName)}/deployments/${encodeURIComponent(options.name)}`;
      print(await getJson(path), context.output(options), DEPLOYMENT_COLUMNS);
    });
}

export function registerDeploymentYamlCommands(program, context) {
  const online = program.commands.find((c) => c.name() === "online-endpoint");
  registerEndpointCreate(online, "online", context);
  const batch = program.command("batch-endpoint").description("Batch endpoints");
  registerEndpointCreate(batch, "batch", context);
  scopeOptions(batch.command("list").description("The workspace's batch endpoints")).action(async (options) => {
    const items = (await getJson(`${scopePath(options)}/endpoints`)).items.filter((e) => e.kind === "batch");
    print(items, context.output(options), ENDPOINT_COLUMNS);
  });
  registerDeploymentCommands(program, "online", context);
  registerDeploymentCommands(program, "batch", context);
}
