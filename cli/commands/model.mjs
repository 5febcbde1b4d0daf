// `studio model …`, shaped after `az ml model …`: create from Azure ML's model YAML (its `path` uploaded),
// list, show, download and delete, in a workspace (-w) or a registry (-r).
import { createWriteStream, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { download, getJson, sendForm, sendJson } from "../client.mjs";
import { CliError, EXIT } from "../errors.mjs";
import { uploadEntries } from "../files.mjs";
import { print } from "../output.mjs";
import { scopeOptions, scopePath } from "../scope.mjs";
import { readYamlMapping } from "../yaml-file.mjs";
import { updateOptions, updateVersion } from "../update.mjs";

const MODEL_KEYS = new Set(["$schema", "name", "version", "path", "type", "description", "tags", "properties"]);
const COLUMNS = [
  ["NAME", (v) => v.name],
  ["VERSION", (v) => v.version],
  ["TYPE", (v) => v.type],
  ["CREATED", (v) => v.createdAt],
  ["DESCRIPTION", (v) => v.description],
];

/** An Azure ML model YAML: what the studio takes, and warnings naming what it does not use. */
export function readModelYaml(file) {
  const doc = readYamlMapping(file, "a model");
  const warnings = Object.keys(doc)
    .filter((k) => !MODEL_KEYS.has(k))
    .map((k) => `"${k}" is not used by the studio and is ignored.`);
  if (typeof doc.name !== "string" || !doc.name) throw new CliError(`${file} has no "name".`, EXIT.usage);
  if (typeof doc.path !== "string" || !doc.path) throw new CliError(`${file} has no "path" to upload.`, EXIT.usage);
  if (/^(azureml|https?|wasbs?|abfss?):/.test(doc.path))
    throw new CliError(`${file}: "path: ${doc.path}" is not a local path; the studio uploads local files.`, EXIT.usage);
  return { doc, path: resolve(dirname(file), doc.path), warnings };
}

/** The version asked for, or the newest when none is (the API names versions by number). */
async function versionPath(options) {
  const model = `${scopePath(options)}/models/${encodeURIComponent(options.name)}`;
  if (options.version !== "latest") return `${model}/versions/${encodeURIComponent(options.version)}`;
  const newest = await getJson(`${model}/versions?limit=1`);
  if (!newest.items.length) throw new CliError(`Model ${options.name} has no versions.`, EXIT.notFound);
  return `${model}/versions/${newest.items[0].version}`;
}

export function registerModelCommands(program, context) {
  const model = program.command("model").description("Models and their versions");

  scopeOptions(model.command("create").description("Register a model version from Azure ML's model YAML"))
    .requiredOption("-f, --file <file>", "the model YAML (name, path, type, description, tags)")
    .action(async (options) => {
      const { doc, path, warnings } = readModelYaml(options.file);
      const form = new FormData();
      const files = uploadEntries(path);
      for (const f of files) form.append("files", new Blob([readFileSync(f.file)]), f.path);
      if (doc.type) form.set("type", String(doc.type));
      if (doc.description) form.set("description", String(doc.description));
      if (doc.tags) form.set("tags", JSON.stringify(doc.tags));
      if (doc.properties) form.set("properties", JSON.stringify(doc.properties));
      const created = await sendForm(
        "POST",
        `${scopePath(options)}/models/${encodeURIComponent(doc.name)}/versions`,
        form,
        { progress: context.progress },
      );
      if (doc.version !== undefined && String(doc.version) !== String(created.version))
        warnings.push(`The studio numbers versions itself: this is version ${created.version}, not ${doc.version}.`);
      for (const w of warnings) context.warn(w);
      print(created, context.output(options), COLUMNS);
    });

  scopeOptions(model.command("list").description("The models, latest version of each")).action(async (options) => {
    const page = await getJson(`${scopePath(options)}/models?limit=200`);
    print(page.items, context.output(options), COLUMNS);
  });

  scopeOptions(model.command("show").description("One model version"))
    .requiredOption("-n, --name <name>", "the model's name")
    .option("-v, --version <version>", "the version (default: the latest)", "latest")
    .action(async (options) => {
      print(await getJson(await versionPath(options)), context.output(options), COLUMNS);
    });

  scopeOptions(model.command("download").description("A model version's files, as a folder"))
    .requiredOption("-n, --name <name>", "the model's name")
    .option("-v, --version <version>", "the version (default: the latest)", "latest")
    .option("-p, --download-path <folder>", "where the files go (a folder named after the model)", ".")
    .action(async (options) => {
      const base = await versionPath(options);
      const version = await getJson(base);
      const target = resolve(options.downloadPath, options.name);
      for (const file of version.files) {
        const destination = join(target, file.path);
        if (relative(target, destination).startsWith("..")) throw new CliError(`Unsafe file path ${file.path}.`);
        await mkdir(dirname(destination), { recursive: true });
        const res = await download(`${base}/files/${file.path.split("/").map(encodeURIComponent).join("/")}`);
        await pipeline(Readable.fromWeb(res.body), createWriteStream(destination));
      }
      context.info(`Downloaded ${version.files.length} file(s) of ${options.name}:${version.version} to ${target}`);
    });

  updateOptions(
    scopeOptions(model.command("update").description("Change a version's description, tags or archived state"))
      .requiredOption("-n, --name <name>", "the model's name")
      .requiredOption("-v, --version <version>", "the version"),
  ).action(async (options) => {
    print(await updateVersion(await versionPath(options), options), context.output(options), COLUMNS);
  });

  scopeOptions(model.command("delete").description("Delete a model version (refused while it is deployed)"))
    .requiredOption("-n, --name <name>", "the model's name")
    .requiredOption("-v, --version <version>", "the version")
    .action(async (options) => {
      await sendJson(
        "DELETE",
        `${scopePath(options)}/models/${encodeURIComponent(options.name)}/versions/${options.version}`,
      );
      context.info(`Deleted ${options.name}:${options.version}`);
    });
}
