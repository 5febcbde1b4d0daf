#!/usr/bin/env node
// `studio`: the studio's command line, shaped after `az ml` (`studio model create -f model.yml -w dev`). Exit codes
// for CI: 0 done, 1 the studio (or a job) failed, 2 bad usage, 3 not logged in or not allowed, 4 not found.
import { Command, CommanderError } from "commander";
import { saveConfig } from "./config.mjs";
import { CliError, EXIT } from "./errors.mjs";
import { registerAssetCommands } from "./commands/assets.mjs";
import { registerComponentCommands } from "./commands/component.mjs";
import { registerDeploymentYamlCommands } from "./commands/deployment.mjs";
import { registerEndpointCommands } from "./commands/endpoint.mjs";
import { registerJobCommands } from "./commands/job.mjs";
import { registerModelCommands } from "./commands/model.mjs";
import { registerScheduleCommands } from "./commands/schedule.mjs";
import { uploadProgress } from "./progress.mjs";

const program = new Command("studio")
  .description("MLOps Studio from the command line")
  .showHelpAfterError()
  .exitOverride();

const context = {
  output: (options) => {
    if (options.output !== "json" && options.output !== "table")
      throw new CliError(`--output is json or table, not "${options.output}".`, EXIT.usage);
    return options.output;
  },
  info: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
  progress: uploadProgress(),
};

program
  .command("login")
  .description("Keep the studio's URL and a personal access token for the next commands")
  .requiredOption("--url <url>", "the studio, e.g. http://localhost:3000")
  .option("--token <token>", "a personal access token (Settings → Tokens); else STUDIO_TOKEN")
  .action(async (options) => {
    const token = options.token || process.env.STUDIO_TOKEN;
    if (!token) throw new CliError("Give --token (or STUDIO_TOKEN).", EXIT.usage);
    const url = options.url.replace(/\/+$/, "");
    // Checked before it is kept: a wrong URL or token is said now, not at the next command.
    let res;
    try {
      res = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    } catch (error) {
      throw new CliError(`Cannot reach the studio at ${url}: ${error.cause?.message ?? error.message}`);
    }
    if (res.status === 401) throw new CliError("The studio does not accept this token.", EXIT.auth);
    if (!res.ok) throw new CliError(`${url} answered ${res.status}; is it a studio?`);
    const me = await res.json();
    const path = saveConfig({ url, token });
    context.info(`Logged in to ${url} as ${me.email}; kept in ${path}`);
  });

registerModelCommands(program, context);
registerComponentCommands(program, context);
registerEndpointCommands(program, context);
registerDeploymentYamlCommands(program, context);
registerJobCommands(program, context);
registerAssetCommands(program, context);
registerScheduleCommands(program, context);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are not failures; anything else commander refuses is bad usage.
    process.exitCode = error.code === "commander.helpDisplayed" || error.code === "commander.version" ? 0 : EXIT.usage;
  } else if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = error.code;
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failed;
  }
}
