import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { removeCopy, synthesizeCopy } from "../synthesize.js";
import { UserError, EXIT, green, red, yellow, dim } from "../ui.js";
import { adopt, core, toolkit } from "../core.js";

interface Check {
  readonly name: string;
  readonly ok: boolean;
  /** A missing required item makes doctor exit 1; the others are warnings. */
  readonly required: boolean;
  readonly detail: string;
  readonly fix?: string;
}

async function run(cmd: string, args: string[], cwd?: string): Promise<{ ok: boolean; out: string }> {
  const { execa } = await import("execa");
  const r = await execa(cmd, args, { reject: false, all: true, cwd, stdin: "ignore", timeout: 20_000, env: { GOTOOLCHAIN: "local" } });
  return { ok: r.exitCode === 0, out: (r.all ?? "").trim() };
}

/** What doctor needs of a project, asked of the project itself (its .projenrc.ts, synthesized in a copy). */
interface ProjectFacts {
  readonly tools: Record<string, string>;
  readonly cgo: boolean;
  readonly mainPackage: string;
  /** Base images without a digest although pinning is on. */
  readonly unpinned: string[];
  readonly goMinor: string;
  readonly supportEnded?: string;
  readonly goreleaser: boolean;
}

async function projectFacts(dir: string): Promise<ProjectFacts | undefined> {
  let project: { config: { tools: Record<string, string>; goBuild: { cgo: boolean; mainPackage: string }; image: { unpinned: string[] }; go: { minor: string; supportEnded?: string }; release: { enabled: boolean } } } | undefined;
  let copy: string | undefined;
  try {
    copy = await synthesizeCopy(dir, false, (p) => (project ??= p as typeof project));
  } catch {
    return undefined;
  } finally {
    if (copy) removeCopy(copy);
  }
  if (!project) return undefined;
  const { config } = project;
  return {
    tools: config.tools,
    cgo: config.goBuild.cgo,
    mainPackage: config.goBuild.mainPackage,
    unpinned: config.image.unpinned,
    goMinor: config.go.minor,
    ...(config.go.supportEnded ? { supportEnded: config.go.supportEnded } : {}),
    goreleaser: config.release.enabled,
  };
}

/** The one version ordering, core's. */
const compareVersions = (a: string, b: string) => toolkit().compareVersions(a, b);

async function goCheck(dir: string): Promise<Check> {
  const goModPath = join(dir, "go.mod");
  const wanted = existsSync(goModPath) ? adopt().readGoMod(readFileSync(goModPath, "utf-8")).goLine : undefined;
  // GOTOOLCHAIN=local: the toolchain on this machine, not one go would download for go.mod.
  const go = await run("go", ["env", "GOVERSION"]).catch(() => ({ ok: false, out: "" }));
  const version = go.ok ? /^go(\d+\.\d+(?:\.\d+)?)/.exec(go.out)?.[1] : undefined;
  if (!version) return { name: "go", ok: false, required: true, detail: "not found on PATH", fix: "install Go from https://go.dev/dl/ (and put it on PATH)" };
  const detail = `${version}${wanted ? ` (go.mod: go ${wanted})` : ""}`;
  if (wanted && compareVersions(version, wanted) < 0) {
    return {
      name: "go",
      ok: false,
      required: true,
      detail: `${detail}: older than go.mod needs`,
      fix: `install Go ${wanted} or newer, or let go fetch it: export GOTOOLCHAIN=auto`,
    };
  }
  return { name: "go", ok: true, required: true, detail };
}

/** golangci-lint or goreleaser: the Makefile's copy under .tools/, else PATH, against the pinned version. */
async function pinnedTool(dir: string, name: string, pinned: string, args: string[], pattern: RegExp, installedBy: string): Promise<Check> {
  // The Makefile installs per version (and, for golangci-lint, per Go toolchain): .tools/<name>-<version>[-go<x.y.z>]/<name>.
  const tools = join(dir, ".tools");
  const installed = existsSync(tools) ? readdirSync(tools).filter((d) => d === `${name}-${pinned}` || d.startsWith(`${name}-${pinned}-`)) : [];
  const candidates = [...installed.map((d) => join(tools, d, name)), name];
  for (const candidate of candidates) {
    const r = await run(candidate, args).catch(() => ({ ok: false, out: "" }));
    if (!r.ok) continue;
    const found = pattern.exec(r.out)?.[1];
    const where = candidate === name ? "on PATH" : ".tools/";
    if (found && compareVersions(found, pinned) === 0) return { name, ok: true, required: false, detail: `${found} (${where}; pinned ${pinned})` };
    return {
      name,
      ok: false,
      required: false,
      detail: `${found ?? "unknown version"} ${where}, pinned ${pinned}`,
      fix: `${installedBy} installs ${pinned} under .tools/ (the Makefile uses that one)`,
    };
  }
  return { name, ok: false, required: false, detail: `not installed (pinned ${pinned})`, fix: `${installedBy} installs ${pinned} under .tools/` };
}

async function containerEngine(): Promise<Check> {
  const name = "container engine";
  const podman = await run("podman", ["--version"]).catch(() => ({ ok: false, out: "" }));
  if (podman.ok) return { name, ok: true, required: false, detail: podman.out.split("\n")[0] };
  const docker = await run("docker", ["version", "--format", "{{.Server.Version}}"]).catch(() => ({ ok: false, out: "" }));
  if (docker.ok) return { name, ok: true, required: false, detail: `docker ${docker.out.split("\n").pop()}` };
  const client = await run("docker", ["--version"]).catch(() => ({ ok: false, out: "" }));
  if (client.ok) return { name, ok: false, required: false, detail: `${client.out.split("\n")[0]}, but no engine answers`, fix: "start the Docker engine (or install podman), for make docker-build" };
  return { name, ok: false, required: false, detail: "neither podman nor docker found", fix: "install podman (e.g. apt-get install podman) or Docker, for make docker-build" };
}

/** gosynth doctor: what the project needs, whether it is there, and how to fix what is not. */
export async function doctor(dirArg: string): Promise<number> {
  const dir = resolve(dirArg);
  if (!existsSync(dir)) throw new UserError(`${dirArg}: no such directory`);
  const isProject = existsSync(join(dir, ".projenrc.ts"));
  const checks: Check[] = [];

  checks.push(await goCheck(dir));
  const node = process.versions.node;
  checks.push({
    name: "node",
    ok: compareVersions(node, "20.12.0") >= 0,
    required: true,
    detail: node,
    fix: "install Node.js 20.12 or newer (https://nodejs.org)",
  });
  const npm = await run("npm", ["--version"]).catch(() => ({ ok: false, out: "" }));
  checks.push({ name: "npm", ok: npm.ok, required: true, detail: npm.ok ? npm.out.split("\n").pop()! : "not found", fix: "install npm (it comes with Node.js)" });
  if (isProject) {
    const installed = existsSync(join(dir, "node_modules", "@gosynth", "core", "package.json"));
    const coreVersion = installed ? (JSON.parse(readFileSync(join(dir, "node_modules", "@gosynth", "core", "package.json"), "utf-8")) as { version: string }).version : undefined;
    checks.push({
      name: "project deps",
      ok: installed && existsSync(join(dir, "node_modules", "tsx")),
      required: false,
      detail: installed ? `@gosynth/core ${coreVersion} installed` : "node_modules missing: .projenrc.ts cannot run",
      fix: "npm ci (or npm install) in the project",
    });
  }
  checks.push(await containerEngine());

  // The tool versions the project's own config pins; outside a project, the ones this CLI's core pins.
  const facts = isProject ? await projectFacts(dir) : undefined;
  const versions: Record<string, string> = facts?.tools ?? toolkit().pinnedToolVersions();
  if (facts) {
    checks.push(await cgoCheck(dir, facts));
    for (const image of facts.unpinned) {
      checks.push({ name: "base image pin", ok: false, required: false, detail: `${image} has no digest in gosynth.pins.json: its FROM is tag-only`, fix: "gosynth upgrade --only images (reads the digest from its registry)" });
    }
    if (facts.supportEnded) {
      checks.push({ name: "go support", ok: false, required: false, detail: `Go ${facts.goMinor} is out of support since ${facts.supportEnded}`, fix: "gosynth upgrade --minor, once the tests pass on a newer Go" });
    }
  } else if (isProject) {
    checks.push({ name: "project", ok: false, required: false, detail: ".projenrc.ts could not be run in-process", fix: "gosynth synth shows why" });
  }
  const wantsGoreleaser = facts?.goreleaser ?? !isProject;
  const { Tools } = core();
  if (versions.golangciLint) checks.push(await pinnedTool(dir, Tools.tool("golangciLint").command, versions.golangciLint, ["version", "--short"], /v?(\d+\.\d+\.\d+)/, "make lint"));
  if (versions.goreleaser && wantsGoreleaser) {
    checks.push(await pinnedTool(dir, Tools.tool("goreleaser").command, versions.goreleaser, ["--version"], /GitVersion:\s*v?(\d+\.\d+\.\d+)/, "make release-snapshot"));
  }
  if (!versions.golangciLint) {
    checks.push({ name: "golangci-lint", ok: false, required: false, detail: "pinned version unknown (@gosynth/core not installed here)", fix: "npm ci in the project" });
  }

  for (const c of checks) {
    const mark = c.ok ? green("ok  ") : c.required ? red("FAIL") : yellow("warn");
    console.log(`${mark}  ${c.name.padEnd(17)} ${c.detail}`);
    if (!c.ok && c.fix) console.log(`      ${dim("fix:")} ${c.fix}`);
  }
  const failed = checks.filter((c) => c.required && !c.ok);
  const warnings = checks.filter((c) => !c.required && !c.ok);
  if (failed.length > 0) console.log(red(`${failed.length} required item${failed.length === 1 ? "" : "s"} missing or too old`));
  else console.log(green(`ready${warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? "" : "s"})` : ""}`));
  return failed.length > 0 ? EXIT.changes : EXIT.ok;
}

/**
 * Whether the code needs cgo that the build turns off (or the other way
 * round): the same detection as gosynth init, against the project's config.
 */
async function cgoCheck(dir: string, facts: ProjectFacts): Promise<Check> {
  const enabled = facts.cgo;
  const main = facts.mainPackage;
  let report;
  try {
    report = adopt().detectCgo(dir, main);
  } catch (e) {
    return { name: "cgo", ok: false, required: false, detail: `could not check (${(e as Error).message.split("\n")[0]})` };
  }
  if (!report.determined) return { name: "cgo", ok: false, required: false, detail: report.reason };
  if (report.needsCgo && !enabled) {
    return { name: "cgo", ok: false, required: false, detail: `off, but ${report.reason}: the binary would fail at run time`, fix: "cgo: true and baseImage: BaseImage.DISTROLESS_BASE in .projenrc.ts" };
  }
  return { name: "cgo", ok: true, required: false, detail: enabled ? `on${report.needsCgo ? ` (${report.reason})` : ""}` : `off (${report.reason})` };
}
