import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type GoModInfo, readGoMod } from "../go/module";
import { DetectionError } from "./errors";

export { binaryNameFromModule, majorVersionSuffix, readGoMod, sanitizeBinaryName } from "../go/module";
export type { GoModInfo } from "../go/module";

/** go.mod of dir, parsed; throws a DetectionError that says what to do when it is missing or has no module line. */
export function readGoModFile(dir: string): GoModInfo & { readonly modulePath: string } {
  const path = join(dir, "go.mod");
  let text: string;
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: "EISDIR" });
    text = readFileSync(path, "utf-8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT" || err.code === "ENOTDIR") {
      throw new DetectionError(
        { option: "dir", value: dir, problem: "has no go.mod", example: "go mod init example.com/acme/hello" },
        `${dir} has no go.mod: run gosynth init in a Go module's root, or create one with go mod init`,
      );
    }
    throw new DetectionError(
      { option: "dir", value: dir, problem: `go.mod could not be read (${err.message})`, example: "a readable go.mod file" },
      `${path} could not be read: ${err.message}`,
    );
  }
  const info = readGoMod(text);
  if (!info.modulePath) {
    throw new DetectionError(
      { option: "go.mod", value: path, problem: "has no module line", example: "module example.com/acme/hello" },
      `${path} has no module line: add one (e.g. module example.com/acme/hello) or recreate it with go mod init`,
    );
  }
  return { ...info, modulePath: info.modulePath };
}

