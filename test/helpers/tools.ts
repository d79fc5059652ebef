import { existsSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

export const repoRoot = join(__dirname, "..", "..");
export const toolsBin = join(repoRoot, ".tools", "bin");

/**
 * Path of a pinned tool from scripts/install-tools.sh. Under CI a missing tool
 * is a failure (CI must install it); elsewhere the caller skips and says so.
 */
export function tool(name: string): string | undefined {
  const local = join(toolsBin, name);
  if (existsSync(local)) return local;
  if (process.env.CI === "true") {
    throw new Error(`${name} is not installed in .tools/bin: CI must run scripts/install-tools.sh first`);
  }
  console.warn(`skipping: ${name} is not installed (run scripts/install-tools.sh)`);
  return undefined;
}

/** A system command (podman, go...), with the same CI rule as tool(). */
export function systemTool(name: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf-8" }).trim() || undefined;
  } catch {
    if (process.env.CI === "true") throw new Error(`${name} is not installed: CI must install it (scripts/install-tools.sh)`);
    console.warn(`skipping: ${name} is not installed`);
    return undefined;
  }
}
