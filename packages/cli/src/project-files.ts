import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { basename, join, relative } from "node:path";

/**
 * Directories that synthesis never writes and that can be large: left out of
 * the copy `check`/`diff` synthesize in, and out of the comparison.
 * (.tools holds the pinned golangci-lint/goreleaser binaries.)
 */
export const SKIP_DIRS: ReadonlySet<string> = new Set(["node_modules", ".git", ".tools"]);

/** cpSync filter: false for the skipped directories, wherever they are. */
export function copyFilter(src: string): boolean {
  return !SKIP_DIRS.has(basename(src));
}

export interface ProjectFile {
  /** Text for files (base64 for binary ones); "-> target" for symbolic links. */
  readonly text: string;
  readonly binary: boolean;
}

/** Every file of a project (skipped directories left out), by relative path with forward slashes. */
export function readProject(dir: string): Map<string, ProjectFile> {
  const files = new Map<string, ProjectFile>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      // node_modules is a symbolic link in check's copy: skipped by name, whatever it is.
      if (SKIP_DIRS.has(entry)) continue;
      const full = join(d, entry);
      const stat = lstatSync(full);
      if (stat.isDirectory()) {
        walk(full);
        continue;
      }
      const path = relative(dir, full).split("\\").join("/");
      if (stat.isSymbolicLink()) {
        files.set(path, { text: `-> ${readlinkSync(full)}`, binary: false });
      } else if (stat.isFile()) {
        const bytes = readFileSync(full);
        const binary = bytes.subarray(0, 8000).includes(0);
        files.set(path, { text: binary ? bytes.toString("base64") : bytes.toString("utf-8"), binary });
      }
    }
  };
  walk(dir);
  return files;
}
