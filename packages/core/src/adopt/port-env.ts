import { findSelector, loadWithLocalImports, namesFor } from "./go-source";
import { readGoModModulePath } from "./module-path";

export interface PortEnvReport {
  readonly readsPort: boolean;
  /** Where: "cmd/fleetd/main.go:21". */
  readonly locations: string[];
  readonly reason: string;
}

/**
 * Whether the main package, or a package of this module it imports, reads the PORT
 * environment variable with os.Getenv or os.LookupEnv. A "PORT" literal used any other
 * way (a helper, a struct tag) is reported but not counted: the generated image sets
 * PORT only when the service is known to read it.
 */
export function readsPortEnv(dir: string, mainPackage: string): PortEnvReport {
  const packages = loadWithLocalImports(dir, mainPackage, readGoModModulePath(dir));
  const locations: string[] = [];
  const mentions: string[] = [];
  for (const p of packages) {
    for (const f of p.files) {
      const os = namesFor(f, "os");
      for (const at of findSelector(f, os, ["Getenv", "LookupEnv"])) {
        const arg = f.tokens[at + 4];
        if (f.tokens[at + 3]?.text === "(" && arg?.kind === "string" && arg.value === "PORT" && f.tokens[at + 5]?.text === ")") {
          locations.push(`${f.path}:${arg.line}`);
        }
      }
      for (const t of f.tokens) {
        if (t.kind === "string" && t.value !== undefined && /(^|[^A-Z_])PORT([^A-Z_]|$)/.test(t.value) && !locations.includes(`${f.path}:${t.line}`)) {
          mentions.push(`${f.path}:${t.line}`);
        }
      }
    }
  }
  if (locations.length > 0) {
    return { readsPort: true, locations, reason: `${mainPackage} reads PORT (os.Getenv/os.LookupEnv at ${locations.join(", ")})` };
  }
  const hint = mentions.length > 0 ? `; "PORT" appears at ${mentions.join(", ")} but not as os.Getenv/os.LookupEnv("PORT"), so it is not counted` : "";
  return { readsPort: false, locations, reason: `${mainPackage} does not read PORT with os.Getenv or os.LookupEnv${hint}` };
}
