import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { GoOptions, GoResult, runGo } from "./go-command";

export interface CgoReport {
  /** True when a non-standard package in the build has cgo files. */
  readonly needsCgo: boolean;
  /** False when go could not list the dependencies: needsCgo is then a guess (false). */
  readonly determined: boolean;
  /** Import paths of the packages with cgo files (module versions in the reason). */
  readonly packages: string[];
  readonly reason: string;
}

interface ListedPackage {
  readonly ImportPath?: string;
  readonly Standard?: boolean;
  readonly CgoFiles?: string[];
  readonly Module?: { readonly Path?: string; readonly Version?: string };
}

/** `go list -json` prints one object after another, not an array. */
export function parseJsonStream(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}") {
      if (--depth === 0 && start >= 0) {
        out.push(JSON.parse(text.slice(start, i + 1)));
        start = -1;
      }
    }
  }
  return out;
}

// The go command would have to edit go.mod/go.sum to list these: retry on a copy.
const NEEDS_MOD_EDIT = /missing go\.sum entry|updates to go\.mod needed|no required module provides package/;

function listDeps(dir: string, mainPackage: string, options: GoOptions, mod: string | undefined, tolerant = false): GoResult {
  // -e: a package error (an embed pattern matching generated files not built yet) is recorded, not fatal.
  const args = ["list", ...(tolerant ? ["-e"] : []), "-deps", "-json"];
  if (mod) args.push(`-mod=${mod}`);
  args.push(mainPackage);
  // CGO_ENABLED=1 so cgo files are listed even where the host default is 0; GOOS=linux
  // (overridable) because the image is linux: darwin-only cgo must not count.
  return runGo(args, dir, { ...options, env: { GOOS: "linux", ...options.env } }, { CGO_ENABLED: "1" });
}

/**
 * Whether mainPackage needs cgo: a package outside the standard library, in its
 * dependency graph, with cgo files. Standard packages with pure-Go fallbacks (net,
 * os/user, runtime/cgo) never count. Never edits the user's go.mod/go.sum: when
 * they are incomplete, the listing runs on a temporary copy with -mod=mod.
 */
export function detectCgo(dir: string, mainPackage: string, options: GoOptions = {}): CgoReport {
  // A vendor directory is what the go command uses by default; otherwise insist on readonly.
  const vendored = existsSync(join(dir, "vendor", "modules.txt"));
  let r = listDeps(dir, mainPackage, options, vendored ? undefined : "readonly");
  let note = "";
  if (!r.ok && !r.missing && NEEDS_MOD_EDIT.test(r.stderr)) {
    const copy = mkdtempSync(join(tmpdir(), "gosynth-cgo-"));
    try {
      const root = join(copy, basename(dir) || "module");
      cpSync(dir, root, {
        recursive: true,
        filter: (src) => !["node_modules", ".git"].includes(basename(src)),
      });
      r = listDeps(root, mainPackage, options, "mod");
      note = " (go.mod/go.sum are incomplete, so this ran on a temporary copy with -mod=mod; run go mod tidy)";
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
  if (!r.ok && !NEEDS_MOD_EDIT.test(r.stderr)) {
    const tolerant = listDeps(dir, mainPackage, options, vendored ? undefined : "readonly", true);
    // Only when the main package itself was found (-deps lists it last) and has Go files.
    const main = tolerant.ok ? (parseJsonStream(tolerant.stdout) as (ListedPackage & { GoFiles?: string[] })[]).at(-1) : undefined;
    if (tolerant.ok && (main?.GoFiles?.length ?? 0) > 0) {
      note = `${note} (go list reported errors, e.g. ${r.summary}; the dependencies were listed despite them)`;
      r = tolerant;
    }
  }
  if (!r.ok) {
    return {
      needsCgo: false,
      determined: false,
      packages: [],
      reason: `could not list the dependencies of ${mainPackage}: ${r.summary}${note}; set cgo by hand (true if any dependency uses import "C")`,
    };
  }
  let listed: ListedPackage[];
  try {
    listed = parseJsonStream(r.stdout) as ListedPackage[];
  } catch (e) {
    return { needsCgo: false, determined: false, packages: [], reason: `could not read go list output: ${(e as Error).message}` };
  }
  const cgo = listed.filter((p) => p.Standard !== true && (p.CgoFiles?.length ?? 0) > 0 && p.ImportPath);
  const packages = cgo.map((p) => p.ImportPath as string).sort();
  if (cgo.length === 0) {
    return { needsCgo: false, determined: true, packages, reason: `no package outside the standard library uses cgo among the ${listed.length} packages ${mainPackage} builds${note}` };
  }
  const named = cgo.map((p) => {
    const mod = p.Module?.Path && p.Module.Path !== p.ImportPath ? ` (module ${p.Module.Path})` : "";
    const version = p.Module?.Version ? ` ${p.Module.Version}` : "";
    return `${p.ImportPath}${version}${mod}`;
  });
  return { needsCgo: true, determined: true, packages, reason: `cgo is needed by ${named.join(", ")}${note}` };
}
