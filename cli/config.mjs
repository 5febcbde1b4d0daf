// Where `studio login` keeps the studio's URL and token: $XDG_CONFIG_HOME/mlops-studio/config.json (else
// ~/.config/…), readable by its owner only. STUDIO_URL and STUDIO_TOKEN override it (for CI).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CliError, EXIT } from "./errors.mjs";

export function configPath() {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "mlops-studio", "config.json");
}

export function saveConfig(config) {
  const path = configPath();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

function savedConfig() {
  try {
    return JSON.parse(readFileSync(configPath(), "utf8"));
  } catch {
    return {};
  }
}

/** The studio to talk to and the token to show it; a clear refusal when there is none. */
export function connection() {
  const saved = savedConfig();
  const url = (process.env.STUDIO_URL || saved.url || "").replace(/\/+$/, "");
  const token = process.env.STUDIO_TOKEN || saved.token || "";
  if (!url || !token)
    throw new CliError(
      "Not logged in: run `studio login --url <studio URL> --token <personal access token>` (or set STUDIO_URL and STUDIO_TOKEN).",
      EXIT.auth,
    );
  return { url, token };
}
