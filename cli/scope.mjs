// -w <workspace> or -r <registry>, as `az ml` takes them; a workspace is needed when neither is given.
import { CliError, EXIT } from "./errors.mjs";

export function scopeOptions(command) {
  return command
    .option("-w, --workspace <name>", "the workspace (or set STUDIO_WORKSPACE)")
    .option("-r, --registry <name>", "a registry instead of a workspace")
    .option("-o, --output <format>", "json or table", "table");
}

export function scopePath(options) {
  if (options.registry && options.workspace) throw new CliError("Give -w or -r, not both.", EXIT.usage);
  if (options.registry) return `/registries/${encodeURIComponent(options.registry)}`;
  const workspace = options.workspace || process.env.STUDIO_WORKSPACE;
  if (!workspace)
    throw new CliError("Say which workspace with -w (or STUDIO_WORKSPACE), or a registry with -r.", EXIT.usage);
  return `/workspaces/${encodeURIComponent(workspace)}`;
}
