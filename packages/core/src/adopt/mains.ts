import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { GoOptions, runGo } from "./go-command";
import { binaryNameFromModule } from "./go-mod";
import { findSelector, GoFile, loadWithLocalImports, packageDir, readPackageFiles, walkPackageDirs } from "./go-source";
import { readGoModModulePath } from "./module-path";

export interface MainPackages {
  /** Every main package of the module that is a deliverable ("." , "./cmd/x", "./api/services/sales"), sorted. */
  readonly packages: string[];
  /** Main packages that are clearly not deliverables (examples/, hack/, test/, ...), sorted. */
  readonly ignored: string[];
  /** Why each of `ignored` is not counted. */
  readonly ignoredReasons: IgnoredMain[];
  /** For each of `packages`: whether it serves, with the evidence (init builds one image per server). */
  readonly details: MainPackageInfo[];
  /** "go list" (build constraints applied) or "file scan" (go missing or failing). */
  readonly method: "go list" | "file scan";
  readonly reason: string;
}

export interface IgnoredMain {
  readonly mainPackage: string;
  readonly reason: string;
}

export interface MainPackageInfo {
  readonly mainPackage: string;
  readonly listens: boolean;
  /** "net/http ListenAndServe in internal/http/server/server.go, imported by ." */
  readonly listenEvidence?: string;
}

function toPackage(rel: string): string {
  const p = rel.split(sep).join("/");
  return p === "" ? "." : `./${p}`;
}

// Directory names whose main packages are never what a repository ships.
const NOT_DELIVERABLE: { readonly [segment: string]: string } = {
  examples: "an example (examples/)",
  example: "an example (example/)",
  _examples: "an example (_examples/)",
  testdata: "test data (testdata/)",
  hack: "a development script (hack/)",
  test: "a test program (test/)",
  tests: "a test program (tests/)",
  e2e: "an end-to-end test program (e2e/)",
  docs: "documentation (docs/)",
  scripts: "a script (scripts/)",
};

/** Why a module directory ("examples/demo") holds no deliverable, or undefined when it may. */
export function nonDeliverableReason(rel: string): string | undefined {
  const segments = packageDir(rel).split("/");
  for (const s of segments) if (Object.prototype.hasOwnProperty.call(NOT_DELIVERABLE, s)) return NOT_DELIVERABLE[s];
  for (let i = 0; i + 1 < segments.length; i++) if (segments[i] === "internal" && segments[i + 1] === "tools") return "internal tooling (internal/tools/)";
  return undefined;
}

function viaGoList(dir: string, options: GoOptions): { packages: string[]; error?: string; missing: boolean } {
  // -find: names only, no dependency resolution, so no module downloads; -e: a
  // package with a broken import is still listed with its name. The middle field
  // tells a real package from a directory with only _test.go files (which go list
  // still names "main"); CGO_ENABLED=1 so a main made of cgo files counts.
  const format = "{{.ImportPath}} {{.Name}}{{if not (or .GoFiles .CgoFiles)}}-testonly{{end}} {{.Dir}}";
  const r = runGo(["list", "-e", "-find", "-f", format, "./..."], dir, options, { CGO_ENABLED: "1" });
  if (!r.ok) return { packages: [], error: r.summary, missing: r.missing };
  const root = realpathSync(dir);
  const packages: string[] = [];
  for (const line of r.stdout.split("\n")) {
    const m = /^(\S+) (\S*) (.+)$/.exec(line.trim());
    if (!m || m[2] !== "main") continue;
    let pkgDir = m[3];
    try {
      pkgDir = realpathSync(pkgDir);
    } catch {
      // keep as printed
    }
    packages.push(toPackage(relative(root, pkgDir)));
  }
  return { packages, missing: false };
}

function viaFileScan(dir: string): string[] {
  return walkPackageDirs(dir).dirs.filter((rel) => readPackageFiles(dir, rel).some((f) => f.packageName === "main")).map(toPackage);
}

/** Main packages under a tools/ directory built only with -tags tools (tools.go pinning tool dependencies). */
function toolsTaggedMains(dir: string): string[] {
  return walkPackageDirs(dir)
    .dirs.filter((rel) => rel.split("/").includes("tools"))
    .filter((rel) => {
      try {
        return readdirSync(join(dir, rel)).some((name) => {
          if (!name.endsWith(".go") || name.endsWith("_test.go")) return false;
          const src = readFileSync(join(dir, rel, name), "utf-8");
          return /^\/\/go:build\s+tools\s*$/m.test(src) && /^package\s+main\b/m.test(src);
        });
      } catch {
        return false;
      }
    })
    .map(toPackage);
}

/**
 * Every main package of the module except those that are clearly not deliverables
 * (examples, tests, hack/, docs/, scripts/, internal/tools/, tools.go), each with
 * whether it listens. Prefers `go list` (it applies build constraints); falls back
 * to reading package clauses when go is missing or fails.
 */
export function findMainPackages(dir: string, options: GoOptions = {}): MainPackages {
  const listed = viaGoList(dir, options);
  const method = listed.error === undefined ? "go list" : "file scan";
  const all = (listed.error === undefined ? listed.packages : viaFileScan(dir)).sort();
  const ignoredReasons: IgnoredMain[] = [];
  const packages: string[] = [];
  for (const p of all) {
    const why = nonDeliverableReason(p);
    if (why) ignoredReasons.push({ mainPackage: p, reason: why });
    else packages.push(p);
  }
  for (const p of toolsTaggedMains(dir)) {
    if (!all.includes(p)) ignoredReasons.push({ mainPackage: p, reason: "built only with -tags tools (//go:build tools)" });
  }
  ignoredReasons.sort((a, b) => a.mainPackage.localeCompare(b.mainPackage));
  const modulePath = readGoModModulePath(dir);
  const details = packages.map((mainPackage) => {
    const evidence = listenEvidence(dir, mainPackage, modulePath);
    return { mainPackage, listens: evidence !== undefined, ...(evidence ? { listenEvidence: evidence } : {}) };
  });
  const how =
    listed.error === undefined
      ? "go list ./..."
      : `a scan of package clauses (go list failed: ${listed.error})`;
  const servers = details.filter((d) => d.listens).map((d) => d.mainPackage);
  const reason =
    (packages.length === 0
      ? `no main package (by ${how})`
      : `${packages.length} main package${packages.length === 1 ? "" : "s"} (by ${how}): ${packages.join(", ")}` +
        (servers.length > 0 ? `; listening: ${servers.join(", ")}` : "; none of them listens")) +
    (ignoredReasons.length > 0 ? `; not counted: ${ignoredReasons.map((i) => `${i.mainPackage} (${i.reason})`).join(", ")}` : "");
  return { packages, ignored: ignoredReasons.map((i) => i.mainPackage), ignoredReasons, details, method, reason };
}

/** Evidence that a package serves: "net/http ListenAndServe in cmd/apid/main.go". */
export interface ListenEvidence {
  readonly mainPackage: string;
  readonly evidence: string;
}

// import path -> selectors that start serving, and how a report names them.
const LISTENERS: { path: RegExp; selectors: string[]; label: (sel: string) => string; next?: string }[] = [
  { path: /^net\/http$/, selectors: ["ListenAndServe", "ListenAndServeTLS"], label: () => "net/http ListenAndServe" },
  { path: /^net\/http$/, selectors: ["Serve", "ServeTLS"], label: () => "net/http Serve" },
  { path: /^net\/http$/, selectors: ["Server"], label: () => "http.Server", next: "{" },
  { path: /^net$/, selectors: ["Listen", "ListenTCP", "ListenUnix", "ListenPacket", "ListenUDP"], label: (s) => `net.${s}` },
  { path: /^google\.golang\.org\/grpc$/, selectors: ["NewServer"], label: () => "grpc NewServer" },
  { path: /^github\.com\/prometheus\/exporter-toolkit\/web$/, selectors: ["ListenAndServe"], label: () => "exporter-toolkit web.ListenAndServe" },
];

// Frameworks whose servers start with a method call on an app value.
const FRAMEWORKS: { path: RegExp; method: string; label: string }[] = [
  { path: /^github\.com\/gin-gonic\/gin$/, method: "Run", label: "gin Run" },
  { path: /^github\.com\/labstack\/echo(\/v[0-9]+)?$/, method: "Start", label: "echo Start" },
  { path: /^github\.com\/gofiber\/fiber(\/v[0-9]+)?$/, method: "Listen", label: "fiber Listen" },
];

function listensIn(file: GoFile): string | undefined {
  for (const l of LISTENERS) {
    const names = file.imports.filter((i) => l.path.test(i.path) && i.name !== "").map((i) => i.name);
    if (names.length === 0) continue;
    for (const at of findSelector(file, names, l.selectors)) {
      const after = file.tokens[at + 3];
      const before = file.tokens[at - 1];
      if (l.next && after?.text !== l.next && !(before?.text === "(" && file.tokens[at - 2]?.text === "new")) continue;
      if (!l.next && after?.text !== "(") continue;
      return `${l.label(file.tokens[at + 2].text)} in ${file.path}`;
    }
  }
  for (const fw of FRAMEWORKS) {
    if (!file.imports.some((i) => fw.path.test(i.path))) continue;
    const t = file.tokens;
    for (let i = 1; i + 1 < t.length; i++) {
      if (t[i - 1].text === "." && t[i].text === fw.method && t[i + 1].text === "(") return `${fw.label} in ${file.path}`;
    }
  }
  return undefined;
}

/**
 * Why a main package looks like a server, or undefined: its own files first, then module
 * packages it imports, three levels deep (main -> internal/cli -> internal/http/server).
 */
export function listenEvidence(dir: string, mainPackage: string, modulePath: string | undefined): string | undefined {
  const [main, ...imported] = loadWithLocalImports(dir, mainPackage, modulePath, 3);
  for (const f of main.files) {
    const e = listensIn(f);
    if (e) return e;
  }
  for (const p of imported) {
    for (const f of p.files) {
      const e = listensIn(f);
      if (e) return `${e}, imported by ${main.pkg}`;
    }
  }
  return undefined;
}

export interface PickedServer {
  readonly mainPackage: string;
  readonly reason: string;
  /** The main packages that listen, with evidence. */
  readonly listeners: ListenEvidence[];
}

/** The name a main package's binary gets from its directory ("." -> from the module path). */
export function nameOfPackage(mainPackage: string, modulePath: string | undefined): string {
  const d = packageDir(mainPackage);
  if (d === "") return modulePath ? binaryNameFromModule(modulePath) : "";
  return d.split("/").pop() ?? d;
}

const SERVER_NAME = /(d|server|api|svc|service)$/i;

/**
 * Which of several main packages is the service to put in the image: one that
 * listens; among several (or none), one named like a daemon/server, then one
 * named like the module, then the first.
 */
export function pickServer(dir: string, mains: string[]): PickedServer {
  if (mains.length === 0) throw new Error(`pickServer: no main packages given for ${dir}`);
  const modulePath = readGoModModulePath(dir);
  const listeners: ListenEvidence[] = [];
  for (const m of mains) {
    const evidence = listenEvidence(dir, m, modulePath);
    if (evidence) listeners.push({ mainPackage: m, evidence });
  }
  const describe = (l: ListenEvidence) => `${l.mainPackage} listens (${l.evidence})`;
  if (mains.length === 1) {
    const only = listeners[0];
    return { mainPackage: mains[0], listeners, reason: `${mains[0]} is the only main package` + (only ? `; it listens (${only.evidence})` : "; no listener found in it") };
  }
  if (listeners.length === 1) return { mainPackage: listeners[0].mainPackage, listeners, reason: describe(listeners[0]) };

  const candidates = listeners.length > 1 ? listeners.map((l) => l.mainPackage) : mains;
  const among = listeners.length > 1 ? `${listeners.length} main packages listen (${listeners.map((l) => l.mainPackage).join(", ")})` : `none of ${mains.join(", ")} listens`;
  const evidenceOf = (m: string) => {
    const l = listeners.find((x) => x.mainPackage === m);
    return l ? `; ${describe(l)}` : "";
  };
  const serverish = candidates.filter((m) => SERVER_NAME.test(nameOfPackage(m, modulePath)));
  if (serverish.length >= 1) {
    return { mainPackage: serverish[0], listeners, reason: `${among}; picked ${serverish[0]}: its name looks like a server (ends in d, server, api, svc or service)${evidenceOf(serverish[0])}` };
  }
  const moduleName = modulePath ? binaryNameFromModule(modulePath) : undefined;
  const named = candidates.find((m) => nameOfPackage(m, modulePath) === moduleName);
  if (named) return { mainPackage: named, listeners, reason: `${among}; picked ${named}: named like the module ${modulePath}${evidenceOf(named)}` };
  return { mainPackage: candidates[0], listeners, reason: `${among}; picked the first, ${candidates[0]}${evidenceOf(candidates[0])}` };
}
