import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT, begin, type Output, UserError } from "./ui.js";

/** npm install in dir (the package.json there), with progress; an error carries npm's output. */
export async function npmInstall(dir: string, what: string, out: Output, args: string[] = []): Promise<void> {
  const { execa } = await import("execa");
  const progress = await begin(`${what} (npm install)`, out);
  const result = await execa("npm", ["install", "--no-fund", "--no-audit", ...args], {
    cwd: dir,
    reject: false,
    all: true,
    stdin: "ignore",
    env: { npm_config_update_notifier: "false" },
  });
  if (result.exitCode !== 0) {
    progress.fail("npm install failed");
    throw new UserError(`npm install failed:\n${result.all}`, EXIT.failure);
  }
  progress.done(`${what.replace(/^installing/, "installed")}`);
}

/**
 * Writes the package.json one npm install needs before the first synthesis: exactly the
 * devDependencies synthesis will write (core's list, with the pins' versions), and name,
 * version and license as projen writes them, so the lock file's root entry stays right.
 */
export function writeInstallManifest(dir: string, name: string, specs: readonly string[]): Record<string, string> {
  const devDependencies = Object.fromEntries(specs.map(splitSpec).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name, version: "0.0.0", license: "UNLICENSED", private: true, devDependencies }, undefined, 2)}\n`);
  return devDependencies;
}

/** The devDependencies synthesis wrote, to tell whether the install must run again. */
export function installedManifestChanged(dir: string, installed: Record<string, string>): boolean {
  const written = (JSON.parse(readFileSync(join(dir, "package.json"), "utf-8")) as { devDependencies?: Record<string, string> }).devDependencies ?? {};
  const sorted = (d: Record<string, string>) => JSON.stringify(Object.entries(d).sort(([a], [b]) => a.localeCompare(b)));
  return sorted(written) !== sorted(installed);
}

function splitSpec(spec: string): [string, string] {
  const at = spec.lastIndexOf("@");
  return at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, "*"];
}
