import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { execa } from "execa";
import { EXIT, green, red, yellow } from "../ui.js";

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly required: boolean;
  readonly detail: string;
  readonly fix?: string;
}

async function version(cmd: string, args: string[]): Promise<string | undefined> {
  const r = await execa(cmd, args, { reject: false, all: true });
  return r.exitCode === 0 ? (r.all ?? "").trim() : undefined;
}

/** The pinned tool versions of the @gosynth/core the project (or this CLI) uses. */
function toolVersions(dir: string): Record<string, string> {
  for (const base of [join(dir, "package.json"), import.meta.url]) {
    try {
      const pkg = createRequire(base).resolve("@gosynth/core/package.json");
      return JSON.parse(readFileSync(join(dirname(pkg), "tool-versions.json"), "utf-8"));
    } catch {
      // try the next place
    }
  }
  return {};
}

/** gosynth doctor: what the project needs, whether it is there, and how to fix what is not. */
export async function doctor(dirArg: string): Promise<number> {
  const dir = resolve(dirArg);
  const checks: Check[] = [];
  const goMod = join(dir, "go.mod");
  const wantedGo = existsSync(goMod) ? /^go\s+(\S+)/m.exec(readFileSync(goMod, "utf-8"))?.[1] : undefined;
  const go = await version("go", ["env", "GOVERSION"]);
  const goVersion = go?.replace(/^go/, "");
  const goOk = goVersion !== undefined && (!wantedGo || compare(goVersion, wantedGo) >= 0);
  checks.push({
    name: "go",
    ok: goOk,
    required: true,
    detail: goVersion ? `${goVersion}${wantedGo ? ` (go.mod wants ${wantedGo})` : ""}` : "not found",
    fix: goVersion ? `install Go ${wantedGo} or newer (or set GOTOOLCHAIN=go${wantedGo}.0+auto)` : "install Go from https://go.dev/dl/",
  });
  const node = process.versions.node;
  checks.push({ name: "node", ok: Number(node.split(".")[0]) >= 20, required: true, detail: node, fix: "install Node.js 20 or newer" });
  const npm = await version("npm", ["--version"]);
  checks.push({ name: "npm", ok: npm !== undefined, required: true, detail: npm ?? "not found", fix: "install npm (comes with Node.js)" });
  const podman = await version("podman", ["--version"]);
  const docker = await version("docker", ["version", "--format", "{{.Server.Version}}"]);
  checks.push({
    name: "container engine",
    ok: podman !== undefined || docker !== undefined,
    required: false,
    detail: podman ?? (docker ? `docker ${docker}` : "neither podman nor a docker engine"),
    fix: "install podman (apt-get install podman) or Docker, for make docker-build",
  });
  const tools = toolVersions(dir);
  const pinned: [string, string, string[], RegExp][] = [
    ["golangci-lint", tools.golangciLint, ["version", "--short"], /(\d+\.\d+\.\d+)/],
    ["goreleaser", tools.goreleaser, ["--version"], /GitVersion:\s*v?(\d+\.\d+\.\d+)/],
  ];
  for (const [name, want, args, pattern] of pinned) {
    if (!want) continue;
    const candidates = [join(dir, ".tools", `${name}-${want}`, name), join(dir, ".tools", "bin", name), name];
    let found: string | undefined;
    for (const c of candidates) {
      const out = await version(c, args);
      if (out) {
        found = pattern.exec(out)?.[1];
        break;
      }
    }
    const ok = found !== undefined && `v${found}` === want;
    checks.push({
      name,
      ok,
      required: false,
      detail: found ? `${found} (pinned ${want})` : `not installed (pinned ${want})`,
      fix: `make ${name === "golangci-lint" ? "lint" : "release-snapshot"} installs ${want} under .tools/`,
    });
  }
  for (const c of checks) {
    const mark = c.ok ? green("ok  ") : c.required ? red("FAIL") : yellow("warn");
    console.log(`${mark} ${c.name.padEnd(17)} ${c.detail}`);
    if (!c.ok && c.fix) console.log(`     fix: ${c.fix}`);
  }
  return checks.some((c) => c.required && !c.ok) ? EXIT.changes : EXIT.ok;
}

function compare(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
