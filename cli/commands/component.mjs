// `studio component …`: create a command component from its Azure ML YAML (the YAML's folder is uploaded, so
// `code: ./src` and `conda_file: ./conda.yml` come with it), list, show.
import { getJson, sendForm } from "../client.mjs";
import { yamlFolderForm } from "../files.mjs";
import { print } from "../output.mjs";
import { scopeOptions, scopePath } from "../scope.mjs";

const COLUMNS = [
  ["NAME", (c) => c.name],
  ["VERSION", (c) => c.version],
  ["DESCRIPTION", (c) => c.description],
  ["CREATED", (c) => c.createdAt],
];

export function registerComponentCommands(program, context) {
  const component = program.command("component").description("Command components");

  scopeOptions(component.command("create").description("Register a command component from its Azure ML YAML"))
    .requiredOption("-f, --file <file>", "the component YAML; its folder (with the code it names) is uploaded")
    .action(async (options) => {
      const created = await sendForm(
        "POST",
        `${scopePath(options)}/components`,
        yamlFolderForm(options.file, "yamlPath"),
        { progress: context.progress },
      );
      for (const w of created.warnings ?? []) context.warn(w);
      print(created, context.output(options), COLUMNS);
    });

  scopeOptions(component.command("list").description("The components, latest version of each")).action(
    async (options) => {
      print((await getJson(`${scopePath(options)}/components?limit=200`)).items, context.output(options), COLUMNS);
    },
  );

  scopeOptions(component.command("show").description("One component version"))
    .requiredOption("-n, --name <name>", "the component's name")
    .option("-v, --version <version>", "the version (default: the latest)", "latest")
    .action(async (options) => {
      const path = `${scopePath(options)}/components/${encodeURIComponent(options.name)}/versions/${encodeURIComponent(options.version)}`;
      print(await getJson(path), context.output(options), COLUMNS);
    });
}
