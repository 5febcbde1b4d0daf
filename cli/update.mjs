// `update` as `az ml … update` has it: `--set description=…`, `--set tags.team=ml` (a tag added or changed),
// `--remove tags.team`, on an asset version; the version's other tags are kept.
import { getJson, sendJson } from "./client.mjs";
import { CliError, EXIT } from "./errors.mjs";

const collect = (value, previous) => [...previous, value];

/** Adds --set, --remove and --archive/--restore to an update command. */
export function updateOptions(command) {
  return command
    .option("--set <path=value>", "description=…, or tags.<key>=<value> (repeat it)", collect, [])
    .option("--remove <path>", "tags.<key> (repeat it)", collect, [])
    .option("--archive", "archive the version")
    .option("--restore", "bring an archived version back");
}

/** Applies the options to the version at `path` (a GET and one PATCH); answers the version as it now is. */
export async function updateVersion(path, options) {
  const current = await getJson(path);
  const change = {};
  const tags = { ...current.tags };
  let isTagged = false;
  for (const item of options.set) {
    const at = item.indexOf("=");
    if (at < 1) throw new CliError(`--set takes path=value, not "${item}".`, EXIT.usage);
    const [key, value] = [item.slice(0, at), item.slice(at + 1)];
    if (key === "description") change.description = value;
    else if (key.startsWith("tags.") && key.length > 5) {
      tags[key.slice(5)] = value;
      isTagged = true;
    } else throw new CliError(`--set ${key}: only description and tags.<key> can be set.`, EXIT.usage);
  }
  for (const key of options.remove) {
    if (!key.startsWith("tags.")) throw new CliError(`--remove ${key}: only tags.<key> can be removed.`, EXIT.usage);
    delete tags[key.slice(5)];
    isTagged = true;
  }
  if (isTagged) change.tags = tags;
  if (options.archive && options.restore) throw new CliError("Give --archive or --restore, not both.", EXIT.usage);
  if (options.archive || options.restore) change.isArchived = Boolean(options.archive);
  if (!Object.keys(change).length)
    throw new CliError("Nothing to change: give --set, --remove, --archive or --restore.", EXIT.usage);
  return sendJson("PATCH", path, change);
}
