// Writes a small, real Python wheel (PEP 427: the package, METADATA, WHEEL and a RECORD with each file's hash)
// into a folder, so environment builds can be tested offline: pip installs it from STUDIO_PIP_FIND_LINKS.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync, strToU8 } from "fflate";

export const TEST_WHEEL = { name: "studio-wheel-demo", module: "studio_wheel_demo", version: "0.1.0" };

/** Writes `studio_wheel_demo-<version>-py3-none-any.whl` into `folder`; answers its path. */
export function writeTestWheel(folder, version = TEST_WHEEL.version) {
  const { module, name } = TEST_WHEEL;
  const distInfo = `${module}-${version}.dist-info`;
  const files = {
    [`${module}/__init__.py`]: `VERSION = "${version}"\n\ndef greet(who):\n    return f"hello {who} from ${name} {VERSION}"\n`,
    [`${distInfo}/METADATA`]: `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nSummary: A wheel the studio's tests install offline.\n`,
    [`${distInfo}/WHEEL`]:
      "Wheel-Version: 1.0\nGenerator: mlops-studio-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
  };
  const record = Object.entries(files).map(([path, text]) => {
    const digest = createHash("sha256").update(text).digest("base64url");
    return `${path},sha256=${digest},${Buffer.byteLength(text)}`;
  });
  files[`${distInfo}/RECORD`] = [...record, `${distInfo}/RECORD,,`, ""].join("\n");
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${module}-${version}-py3-none-any.whl`);
  writeFileSync(path, zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)]))));
  return path;
}
