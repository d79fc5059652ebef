import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const cli = join(__dirname, "..", "bin", "gosynth.mjs");
const repo = join(__dirname, "..", "..", "..");

function gosynth(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync("node", [cli, ...args], { cwd, encoding: "utf-8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tree(dir: string): Record<string, string> {
  const out = execFileSync("bash", ["-c", "find . -path ./node_modules -prune -o -type f -print0 | sort -z | xargs -0 sha256sum"], { cwd: dir, encoding: "utf-8" });
  return Object.fromEntries(out.trim().split("\n").map((l) => l.split(/\s+/).reverse()));
}

beforeAll(() => {
  if (!existsSync(join(repo, "dist", "gosynth-core-0.1.0.tgz"))) execFileSync("node", ["scripts/pack.mjs"], { cwd: repo, stdio: "inherit" });
});

describe("conventions", () => {
  const cwd = tmpdir();
  it("--help, --version, help per command", () => {
    expect(gosynth(["--help"], cwd)).toMatchObject({ code: 0 });
    expect(gosynth(["--help"], cwd).out).toContain("Exit codes:");
    expect(gosynth(["--version"], cwd).out.trim()).toBe("0.1.0");
    for (const c of ["new", "init", "synth", "check", "diff", "doctor"]) {
      const r = gosynth([c, "--help"], cwd);
      expect(r.code, c).toBe(0);
      expect(r.out).toContain(`gosynth ${c}`);
    }
  });
  it("usage errors exit 2 on stderr without a stack trace", () => {
    const unknown = gosynth(["frobnicate"], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    expect(unknown.err).not.toMatch(/\n\s+at /);
    expect(gosynth(["new", "x", "--bogus"], cwd).code).toBe(2);
    const noModule = gosynth(["new", join(mkdtempSync(join(tmpdir(), "gs-")), "svc")], cwd);
    expect(noModule.code).toBe(2);
    expect(noModule.err).toContain("--module-path is required");
    expect(gosynth(["check"], mkdtempSync(join(tmpdir(), "gs-"))).err).toContain("has no .projenrc.ts");
  });
});

describe("new, check, diff, synth", () => {
  let dir: string;
  beforeAll(() => {
    const parent = mkdtempSync(join(tmpdir(), "gs-cli-"));
    const r = gosynth(["new", "svc", "--module-path", "example.com/acme/svc", "--go-version", "1.25", "--base-image", "scratch", "--port", "9000", "--platforms", "linux/amd64,linux/arm64", "--no-git"], parent);
    expect(r.code, r.err).toBe(0);
    dir = join(parent, "svc");
  });

  it("creates the project from flags, as strings", () => {
    const rc = readFileSync(join(dir, ".projenrc.ts"), "utf-8");
    expect(rc).toContain('goVersion: "1.25"');
    expect(rc).toContain("baseImage: BaseImage.SCRATCH");
    expect(rc).toContain("port: 9000");
    expect(readFileSync(join(dir, "Dockerfile"), "utf-8")).toContain("FROM scratch AS runtime");
  });
  it("check is clean right after new", () => {
    expect(gosynth(["check"], dir).code).toBe(0);
  });
  it("after an edit of .projenrc.ts: check exits 1, diff shows it, neither writes", () => {
    const rc = join(dir, ".projenrc.ts");
    writeFileSync(rc, readFileSync(rc, "utf-8").replace("port: 9000", "port: 9091"));
    const before = tree(dir);
    const checked = gosynth(["check"], dir);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain("changed  Dockerfile");
    const diffed = gosynth(["diff"], dir);
    expect(diffed.code).toBe(1);
    expect(diffed.out).toContain("-EXPOSE 9000");
    expect(diffed.out).toContain("+EXPOSE 9091");
    expect(tree(dir)).toEqual(before);
  });
  it("synth applies it, then check is clean", () => {
    const r = gosynth(["synth"], dir);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, "Dockerfile"), "utf-8")).toContain("EXPOSE 9091");
    expect(gosynth(["check"], dir).code).toBe(0);
  });
  it("synth reports a bad option without a stack trace and writes nothing", () => {
    const rc = join(dir, ".projenrc.ts");
    const good = readFileSync(rc, "utf-8");
    writeFileSync(rc, good.replace("port: 9091", "port: 0"));
    const before = tree(dir);
    const r = gosynth(["synth"], dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain("port: must be between 1 and 65535");
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(tree(dir)).toEqual(before);
    writeFileSync(rc, good);
  });
  it("synth --force discards a hand edit that plain synth refuses", () => {
    const df = join(dir, "Dockerfile");
    execFileSync("chmod", ["u+w", df]);
    writeFileSync(df, readFileSync(df, "utf-8").replace("EXPOSE 9091", "EXPOSE 1"));
    const refused = gosynth(["synth"], dir);
    expect(refused.code).toBe(3);
    expect(refused.err).toContain("edited by hand");
    expect(gosynth(["synth", "--force"], dir).code).toBe(0);
    expect(readFileSync(df, "utf-8")).toContain("EXPOSE 9091");
  });
  it("doctor reports go and the pinned golangci-lint", () => {
    const r = gosynth(["doctor"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ok\s+go\s+\d+\.\d+/);
    expect(r.out).toContain("golangci-lint");
    expect(r.out).toContain("v2.");
  });
});

describe("init", () => {
  function existingRepo(): string {
    const dir = join(mkdtempSync(join(tmpdir(), "gs-init-")), "legacy");
    mkdirSync(join(dir, "cmd", "foo"), { recursive: true });
    writeFileSync(join(dir, "go.mod"), "module example.com/legacy\n\ngo 1.25\n");
    writeFileSync(join(dir, "cmd", "foo", "main.go"), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("foo") }\n');
    return dir;
  }

  it("adopts a repository, keeps its code byte-identical, and it still builds", () => {
    const dir = existingRepo();
    const main = readFileSync(join(dir, "cmd/foo/main.go"), "utf-8");
    const r = gosynth(["init"], dir);
    expect(r.code, r.err + r.out).toBe(0);
    expect(readFileSync(join(dir, "cmd/foo/main.go"), "utf-8")).toBe(main);
    expect(readFileSync(join(dir, "go.mod"), "utf-8")).toBe("module example.com/legacy\n\ngo 1.25\n");
    expect(existsSync(join(dir, "internal"))).toBe(false);
    expect(readFileSync(join(dir, "Dockerfile"), "utf-8")).toContain("-o /out/foo ./cmd/foo");
    execFileSync("go", ["build", "./..."], { cwd: dir });
    expect(gosynth(["check"], dir).code).toBe(0);
  });
  it("stops on a hand-written Dockerfile, and keeps it with --backup", () => {
    const dir = existingRepo();
    writeFileSync(join(dir, "Dockerfile"), "FROM scratch\n");
    const stopped = gosynth(["init"], dir);
    expect(stopped.code).toBe(2);
    expect(stopped.err).toContain("Dockerfile");
    expect(readFileSync(join(dir, "Dockerfile"), "utf-8")).toBe("FROM scratch\n");
    const r = gosynth(["init", "--backup"], dir);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, "Dockerfile.pre-gosynth"), "utf-8")).toBe("FROM scratch\n");
    expect(readFileSync(join(dir, "Dockerfile"), "utf-8")).toContain("Generated by projen");
  });
});

describe("prompts (through a real terminal: tmux)", () => {
  const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;
  if (!hasTmux && process.env.CI === "true") throw new Error("tmux is missing: CI installs it (scripts/install-tools.sh)");
  it.skipIf(!hasTmux)("asks for the module path, Go version and base image when they are missing", async () => {
    const parent = mkdtempSync(join(tmpdir(), "gs-tty-"));
    const session = `gosynth-${process.pid}`;
    const sh = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf-8" });
    const screen = () => sh("capture-pane", "-p", "-t", session);
    const waitFor = async (text: string) => {
      for (let i = 0; i < 300; i++) {
        if (screen().includes(text)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`never saw "${text}" on:\n${screen()}`);
    };
    sh("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", parent, `NO_COLOR=1 node ${cli} new tty-svc --no-git; echo EXIT=$?; sleep 600`);
    try {
      await waitFor("Go module path");
      sh("send-keys", "-t", session, "example.com/acme/tty", "Enter");
      await waitFor("Go version");
      sh("send-keys", "-t", session, "Enter"); // accept the detected default
      await waitFor("Runtime base image");
      sh("send-keys", "-t", session, "Down", "Down", "Enter"); // alpine
      await waitFor("EXIT=");
      expect(screen()).toContain("EXIT=0");
    } finally {
      spawnSync("tmux", ["kill-session", "-t", session]);
    }
    const rc = readFileSync(join(parent, "tty-svc", ".projenrc.ts"), "utf-8");
    expect(rc).toContain('modulePath: "example.com/acme/tty"');
    expect(rc).toMatch(/goVersion: "1\.\d+"/);
    expect(rc).toContain("baseImage: BaseImage.ALPINE");
  }, 120_000);
});
