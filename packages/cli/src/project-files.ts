import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const SKIP = new Set(["node_modules", ".git"]);

/** Every file of a project (node_modules and .git excluded), by relative path, with its text. */
export function readProject(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (SKIP.has(entry)) continue;
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full), readFileSync(full, "utf-8"));
    }
  };
  walk(dir);
  return files;
}

export function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
