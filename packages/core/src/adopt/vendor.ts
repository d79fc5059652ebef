import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readGoMod } from "./go-mod";

export interface VendoringReport {
  /** The go command builds from vendor/ by default (-mod=vendor): init's image must copy vendor/ and need no module download. */
  readonly vendored: boolean;
  /** file:line the decision rests on ("vendor/modules.txt:1", "go.mod:3"), "" when there is no vendor/modules.txt. */
  readonly evidence: string;
  readonly reason: string;
  /** Requirements go.mod and vendor/modules.txt disagree on: the go command would refuse to build. */
  readonly problems: string[];
}

interface Requirement {
  readonly path: string;
  readonly version: string;
  readonly line: number;
}

/** require and replace directives of go.mod (single lines and blocks), with lines. */
function directives(goMod: string): { requires: Requirement[]; replaces: { from: string; to: string; line: number }[]; goLineAt?: number } {
  const requires: Requirement[] = [];
  const replaces: { from: string; to: string; line: number }[] = [];
  let block: string | undefined;
  let goLineAt: number | undefined;
  goMod.replace(/^\uFEFF/, "").split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (line === "") return;
    if (block !== undefined && line === ")") {
      block = undefined;
      return;
    }
    let verb = block;
    let rest = line;
    if (block === undefined) {
      const m = /^(\S+)\s*(.*)$/.exec(line) as RegExpExecArray;
      if (m[2] === "(") {
        block = m[1];
        return;
      }
      verb = m[1];
      rest = m[2];
    }
    const words = rest.replace(/"/g, "").split(/\s+/);
    if (verb === "go" && goLineAt === undefined) goLineAt = index + 1;
    if (verb === "require" && words.length >= 2) requires.push({ path: words[0], version: words[1], line: index + 1 });
    if (verb === "replace") {
      const arrow = words.indexOf("=>");
      if (arrow > 0) replaces.push({ from: words.slice(0, arrow).join(" "), to: words.slice(arrow + 1).join(" "), line: index + 1 });
    }
  });
  return { requires, replaces, ...(goLineAt !== undefined ? { goLineAt } : {}) };
}

/** "1.14" <= goLine ("1.22.3", "1.26rc1")? */
function atLeast114(goLine: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(goLine);
  return m !== null && (Number(m[1]) > 1 || (Number(m[1]) === 1 && Number(m[2]) >= 14));
}

/**
 * Whether the module is vendored the way the go command uses by default: vendor/modules.txt
 * exists, go.mod's go line is 1.14 or later (from then on -mod=vendor is the default when
 * vendor/modules.txt is present), and the two agree on every requirement, as the go command
 * checks before it builds.
 */
export function detectVendoring(dir: string): VendoringReport {
  let modulesTxt: string;
  try {
    modulesTxt = readFileSync(join(dir, "vendor", "modules.txt"), "utf-8");
  } catch {
    return { vendored: false, evidence: "", reason: "no vendor/modules.txt: modules are downloaded", problems: [] };
  }
  let goMod = "";
  try {
    goMod = readFileSync(join(dir, "go.mod"), "utf-8");
  } catch {
    return { vendored: false, evidence: "vendor/modules.txt:1", reason: "vendor/modules.txt exists but there is no go.mod to check it against", problems: [] };
  }
  const { goLine } = readGoMod(goMod);
  const { requires, replaces, goLineAt } = directives(goMod);
  // Since Go 1.17 a missing go line means go 1.16.
  const effective = goLine ?? "1.16";
  const goAt = goLineAt !== undefined ? `go.mod:${goLineAt}` : "go.mod";
  if (!atLeast114(effective)) {
    return { vendored: false, evidence: goAt, reason: `vendor/modules.txt exists, but go.mod says go ${effective}: before 1.14 the go command uses vendor/ only with -mod=vendor`, problems: [] };
  }
  // "# path version [=> replacement]" starts a module; "## explicit" marks one go.mod requires.
  const vendoredModules = new Map<string, { version: string; explicit: boolean; header: string; line: number }>();
  let current: string | undefined;
  modulesTxt.split(/\r?\n/).forEach((raw, index) => {
    const header = /^# (\S+)(?: (\S+))?(?: => (.+))?$/.exec(raw);
    if (header) {
      current = header[1];
      vendoredModules.set(current, { version: header[2] ?? "", explicit: false, header: raw.slice(2), line: index + 1 });
    } else if (current && /^## explicit\b/.test(raw)) {
      const m = vendoredModules.get(current);
      if (m) vendoredModules.set(current, { ...m, explicit: true });
    }
  });
  const problems: string[] = [];
  for (const r of requires) {
    const v = vendoredModules.get(r.path);
    if (!v) problems.push(`${r.path} ${r.version} (go.mod:${r.line}) is not in vendor/modules.txt`);
    else if (v.version !== r.version) problems.push(`${r.path} is ${r.version} in go.mod:${r.line} but ${v.version} in vendor/modules.txt:${v.line}`);
    else if (!v.explicit) problems.push(`${r.path} (go.mod:${r.line}) is not marked ## explicit in vendor/modules.txt:${v.line}`);
  }
  const required = new Set(requires.map((r) => r.path));
  for (const [path, v] of vendoredModules) {
    if (v.explicit && !required.has(path)) problems.push(`${path} is marked explicit in vendor/modules.txt:${v.line} but go.mod does not require it`);
  }
  for (const r of replaces) {
    const from = r.from.split(" ")[0];
    const v = vendoredModules.get(from);
    if (v && !v.header.includes(`=> ${r.to}`)) problems.push(`go.mod:${r.line} replaces ${r.from} => ${r.to}, vendor/modules.txt:${v.line} records ${v.header}`);
  }
  if (problems.length > 0) {
    return {
      vendored: false, evidence: "vendor/modules.txt:1",
      reason: `vendor/modules.txt is inconsistent with go.mod (${problems.length} difference${problems.length === 1 ? "" : "s"}; go mod vendor would fix it): the go command refuses to build with it`,
      problems,
    };
  }
  const workspace = existsSync(join(dir, "go.work")) ? "; note: go.work is present, and in workspace mode the go command ignores this module's vendor/ (GOWORK=off restores it)" : "";
  return {
    vendored: true, evidence: "vendor/modules.txt:1",
    reason: `vendor/modules.txt matches go.mod's ${requires.length} requirement${requires.length === 1 ? "" : "s"} and go.mod says go ${effective}${goLine ? "" : " (no go line)"} (${goAt}): the go command builds with -mod=vendor by default${workspace}`,
    problems,
  };
}
