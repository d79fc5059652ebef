import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readGoMod } from "./go-mod";

/** The module path of dir's go.mod, or undefined: heuristics then look at the main package only. */
export function readGoModModulePath(dir: string): string | undefined {
  try {
    return readGoMod(readFileSync(join(dir, "go.mod"), "utf-8")).modulePath;
  } catch {
    return undefined;
  }
}
