// `studio environment …` and `studio data …`, shaped after `az ml environment|data …`: create a version from
// Azure ML's YAML (an environment's image and conda file; a data asset's local file or folder, uploaded), list
// the latest of each, show one version.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { getJson, sendForm, sendJson } from "../client.mjs";
import { CliError, EXIT } from "../errors.mjs";
import { uploadEntries } from "../files.mjs";
import { print } from "../output.mjs";
import { scopeOptions, scopePath } from "../scope.mjs";
import { readYamlMapping } from "../yaml-file.mjs";
import { updateOptions, updateVersion } from "../update.mjs";

const COLUMNS = [
  ["NAME", (v) => v.name],
  ["VERSION", (v) => v.version],
  ["DESCRIPTION", (v) => v.description],
  ["CREATED", (v) => v.createdAt],
];
const DATA_TYPES = { uri_file: "file", uri_folder: "folder", mltable: "table" };

/** An asset YAML: the mapping, and a warning for each key the studio does not take. */
function readAssetYaml(file, known, what) {
  const doc = readYamlMapping(file, what);
  if (typeof doc.name !== "string" || !doc.name) throw new CliError(`${file} has no "name".`, EXIT.usage);
  const warnings = Object.keys(doc)
    .filter((k) => !known.has(k))
    .map((k) => `"${k}" is not used by the studio and is ignored.`);
  return { doc, warnings };
}

function versionNote(doc, created) {
  return doc.version !== undefined && String(doc.version) !== String(created.version)
    ? [`The studio numbers versions itself: this is version ${created.version}, not ${doc.version}.`]
    : [];
}

function listShowUpdate(group, kind, context) {
  updateOptions(
    scopeOptions(group.command("update").description("Change a version's description, tags or archived state"))
      .requiredOption("-n, --name <name>", "the name")
      .requiredOption("-v, --version <version>", "the version"),
  ).action(async (options) => {
    const path = `${scopePath(options)}/${kind}/${encodeURIComponent(options.name)}/versions/${encodeURIComponent(options.version)}`;
    print(await updateVersion(path, options), context.output(options), COLUMNS);
  });

  scopeOptions(
    group
      .command("list")
      .description(`The ${kind === "data" ? "data assets" : "environments"}, latest version of each`),
  ).action(async (options) => {
    print((await getJson(`${scopePath(options)}/${kind}?limit=200`)).items, context.output(options), COLUMNS);
  });
  scopeOptions(group.command("show").description("One version"))
    .requiredOption("-n, --name <name>", "the name")
    .option("-v, --version <version>", "the version (default: the latest)", "latest")
    .action(async (options) => {
      const path = `${scopePath(options)}/${kind}/${encodeURIComponent(options.name)}/versions/${encodeURIComponent(options.version)}`;
      print(await getJson(path), context.output(options), COLUMNS);
    });
}

export function registerAssetCommands(program, context) {
  const environment = program.command("environment").description("Environments");
  scopeOptions(
    environment.command("create").description("Create an environment version from Azure ML's environment YAML"),
  )
    .requiredOption("-f, --file <file>", "the environment YAML (name, image, conda_file, description, tags)")
    .action(async (options) => {
      const known = new Set(["$schema", "name", "version", "image", "conda_file", "description", "tags"]);
      const { doc, warnings } = readAssetYaml(options.file, known, "an environment");
      if (doc.build)
        warnings.push(
          "build (a Docker build context) is not kept: local compute builds Python environments from conda files and pip.",
        );
      let conda = null;
      if (typeof doc.conda_file === "string")
        conda = readFileSync(resolve(dirname(options.file), doc.conda_file), "utf8");
      else if (doc.conda_file && typeof doc.conda_file === "object") conda = JSON.stringify(doc.conda_file);
      const created = await sendJson(
        "POST",
        `${scopePath(options)}/environments/${encodeURIComponent(doc.name)}/versions`,
        {
          ...(conda !== null ? { conda } : {}),
          ...(doc.image ? { image: String(doc.image) } : {}),
          ...(doc.description ? { description: String(doc.description) } : {}),
          ...(doc.tags ? { tags: doc.tags } : {}),
        },
      );
      for (const w of [...warnings, ...versionNote(doc, created)]) context.warn(w);
      print(created, context.output(options), COLUMNS);
    });
  listShowUpdate(environment, "environments", context);

  const data = program.command("data").description("Data assets");
  scopeOptions(
    data
      .command("create")
      .description("Create a data asset version from Azure ML's data YAML (its local path uploaded)"),
  )
    .requiredOption("-f, --file <file>", "the data YAML (name, type, path, description, tags)")
    .action(async (options) => {
      const known = new Set(["$schema", "name", "version", "type", "path", "description", "tags"]);
      const { doc, warnings } = readAssetYaml(options.file, known, "a data");
      const type = DATA_TYPES[doc.type ?? "uri_folder"];
      if (!type)
        throw new CliError(`type "${doc.type}" is not one of ${Object.keys(DATA_TYPES).join(", ")}.`, EXIT.usage);
      if (typeof doc.path !== "string" || /^(azureml|https?|wasbs?|abfss?):/.test(doc.path))
        throw new CliError(
          `${options.file}: "path" must be a local file or folder; the studio uploads it.`,
          EXIT.usage,
        );
      const form = new FormData();
      form.set("type", type);
      if (doc.description) form.set("description", String(doc.description));
      if (doc.tags) form.set("tags", JSON.stringify(doc.tags));
      for (const f of uploadEntries(resolve(dirname(options.file), doc.path)))
        form.append(
          "files",
          new Blob([readFileSync(f.file)]),
          type === "file" ? f.path : f.path.replace(/^[^/]+\//, ""),
        );
      const created = await sendForm(
        "POST",
        `${scopePath(options)}/data/${encodeURIComponent(doc.name)}/versions`,
        form,
        {
          progress: context.progress,
        },
      );
      for (const w of [...warnings, ...versionNote(doc, created)]) context.warn(w);
      print(created, context.output(options), COLUMNS);
    });
  listShowUpdate(data, "data", context);
}
