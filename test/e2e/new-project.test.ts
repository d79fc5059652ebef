import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { changedFiles, mustRun, newProject, readText, run, snapshot } from "../helpers/project";
import { tool } from "../helpers/tools";
import { addBeforeSynth, handEdit, setOption } from "../helpers/projenrc";

// One project, created exactly as a user would: projen new --from <packed core>.
let dir: string;
beforeAll(() => {
  dir = newProject("hello", ["--module-path", "example.com/acme/hello"]);
});

async function getHealthz(port: number, tries = 50): Promise<number> {
  for (let i = 0; i < tries; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.status;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("service did not answer");
}

describe("projen new --from <tarball> go-service", () => {
  it("writes the managed files, the starter code and a tsx-run .projenrc.ts", () => {
    const files = [...snapshot(dir).keys()];
    for (const f of ["Dockerfile", ".dockerignore", "Makefile", ".goreleaser.yaml", ".golangci.yml", ".github/workflows/ci.yml", ".github/workflows/release.yml", "go.mod", "cmd/hello/main.go", ".projenrc.ts", "package.json", "package-lock.json", ".projen/files.json"]) {
      expect(files).toContain(f);
    }
    expect(readText(dir, ".projenrc.ts")).toContain('goVersion: "1.27"');
    expect(JSON.parse(readText(dir, "gosynth.pins.json")).goToolchain).toMatch(/^1\.27\.\d+$/);
    expect(JSON.parse(readText(dir, ".projen/tasks.json")).tasks.default.steps).toEqual([{ exec: "node node_modules/@gosynth/core/lib/run-projenrc.js .projenrc.ts" }]);
    const manifest = JSON.parse(readText(dir, ".projen/files.json")).files as string[];
    expect(manifest).toContain("Dockerfile");
    expect(manifest).not.toContain("go.mod"); // sample files belong to the user
    expect(readText(dir, ".gitattributes")).toMatch(/^\/Dockerfile linguist-generated$/m);
    const pkg = JSON.parse(readText(dir, "package.json"));
    for (const dep of ["projen", "constructs", "tsx", "typescript", "@gosynth/core"]) expect(pkg.devDependencies[dep]).toBeDefined();
    expect(pkg.devDependencies.projen).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("re-synthesizes to byte-identical files without rewriting them", () => {
    const before = snapshot(dir);
    mustRun("npx", ["projen"], dir);
    const after = snapshot(dir);
    expect(changedFiles(before, after)).toEqual([]);
    for (const [path, state] of before) {
      expect(after.get(path)?.mode, path).toBe(state.mode);
      // As root projen rewrites read-only files (same bytes and mode): root may write them all.
      const rewrittenAsRoot = process.getuid?.() === 0 && (state.mode & 0o222) === 0;
      if (!rewrittenAsRoot) expect(after.get(path)?.mtimeMs, path).toBe(state.mtimeMs);
    }
  });

  it("builds, vets and passes its tests with the race detector on its Go (1.27, from the module proxy)", () => {
    // This machine's go env says GOTOOLCHAIN=local (Go 1.26); the project's toolchain comes through the proxy.
    const goEnv = { GOTOOLCHAIN: `go${/^GO_TOOLCHAIN := (\S+)$/m.exec(readText(dir, "Makefile"))![1]}` };
    expect(mustRun("go", ["version"], dir, goEnv)).toMatch(/go1\.27\.\d+/);
    mustRun("go", ["build", "./..."], dir, goEnv);
    mustRun("go", ["vet", "./..."], dir, goEnv);
    mustRun("go", ["test", "-race", "./..."], dir, goEnv);
  });

  it("npx projen build synthesizes, compiles, tests and lints through the Makefile", (ctx) => {
    const golangci = tool("golangci-lint");
    if (!golangci) return ctx.skip();
    const out = mustRun("npx", ["projen", "build"], dir, { GOLANGCI_LINT: golangci });
    expect(out).toMatch(/0 issues/);
    const tasks = JSON.parse(readText(dir, ".projen/tasks.json")).tasks;
    expect(tasks.compile.steps).toEqual([{ exec: "make build" }]);
    expect(tasks.test.steps).toEqual([{ exec: "make test" }, { spawn: "lint" }]);
    expect(tasks.lint.steps).toEqual([{ exec: "make lint" }]);
  });

  it("make build injects the version; the binary answers /healthz and runs its healthcheck", async () => {
    mustRun("make", ["build", "VERSION=1.2.3"], dir);
    const bin = join(dir, "bin", "hello");
    expect(mustRun(bin, ["-version"], dir)).toContain("1.2.3");
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn(bin, [], { env: { ...process.env, PORT: String(port) }, stdio: "ignore" });
    try {
      expect(await getHealthz(port)).toBe(200);
      expect(run(bin, ["healthcheck"], dir, { PORT: String(port) }).status).toBe(0);
    } finally {
      server.kill("SIGTERM");
    }
    const code = await new Promise<number | null>((resolve) => server.on("exit", (c) => resolve(c)));
    expect(code).toBe(0); // graceful shutdown
    expect(run(bin, ["healthcheck"], dir, { PORT: String(port) }).status).toBe(1);
  });

  it("changing port and goVersion changes exactly the files that depend on them", () => {
    const goMod = readText(dir, "go.mod");
    // go.mod's go line is the user's (gosynth never rewrites it): lowering the Go the service
    // is built with below it is refused, naming both.
    setOption(dir, "goVersion", '"1.25"');
    expect(run("npx", ["projen"], dir).stderr).toMatch(/goVersion: Go 1\.25\.\d+ is older than go\.mod's go line \(go 1\.27\)/);
    writeFileSync(join(dir, "go.mod"), goMod.replace(/^go 1\.27(\.\d+)?$/m, "go 1.25"));
    const before = snapshot(dir);
    setOption(dir, "port", "9090");
    mustRun("npx", ["projen"], dir);
    const changed = changedFiles(before, snapshot(dir));
    // port: the images and compose; the Go minor: every place Go is installed or named, and its pin.
    expect(changed).toEqual([
      ".github/workflows/ci.yml",
      ".github/workflows/codeql.yml",
      ".github/workflows/release.yml",
      ".github/workflows/upgrade.yml",
      ".golangci.yml",
      ".projen/gosynth-state.json",
      ".projenrc.ts",
      "Dockerfile",
      "Makefile",
      "compose.yaml",
      "goreleaser.Dockerfile",
      "gosynth.pins.json",
    ]);
    expect(readText(dir, "Dockerfile")).toContain("EXPOSE 9090");
    // The builder is the newest 1.25 patch gosynth knows, and the pin follows it.
    const patch = JSON.parse(readText(dir, "gosynth.pins.json")).goToolchain;
    expect(patch).toMatch(/^1\.25\.\d+$/);
    expect(readText(dir, "Dockerfile")).toContain(`golang:${patch}-trixie AS build`);
    expect(readText(dir, ".golangci.yml")).toContain('go: "1.25"');
    expect(readText(dir, "go.mod")).toMatch(/^go 1\.25$/m);
    // and back, so later tests see the defaults
    setOption(dir, "port", "8080");
    setOption(dir, "goVersion", '"1.27"');
    writeFileSync(join(dir, "go.mod"), goMod);
    mustRun("npx", ["projen"], dir);
  });

  it("bad input exits non-zero with option, value and example, and leaves the tree as it was", () => {
    const before = snapshot(dir);
    setOption(dir, "port", "0");
    const result = run("npx", ["projen"], dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("port: must be between 1 and 65535 (got 0; example: 8080)");
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace for a user error
    const after = snapshot(dir);
    expect(changedFiles(before, after)).toEqual([".projenrc.ts"]);
    setOption(dir, "port", "8080");
  });

  it("refuses to overwrite a hand edit, shows the diff, and overwrites only when forced", () => {
    handEdit(dir, "Dockerfile", (t) => t.replace("EXPOSE 8080", "EXPOSE 8081"));
    // Without git there is no earlier text to diff against: the message says how to see the change.
    const untracked = run("npx", ["projen"], dir);
    expect(untracked.status).toBe(1);
    expect(untracked.stderr).toContain("Dockerfile was edited by hand");
    expect(untracked.stderr).toContain("gosynth diff shows what synthesis would change");
    // Tracked by git (as a project normally is): the hand edit itself, as git sees it.
    handEdit(dir, "Dockerfile", (t) => t.replace("EXPOSE 8081", "EXPOSE 8080"));
    for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "synthesized"]]) mustRun("git", args, dir);
    handEdit(dir, "Dockerfile", (t) => t.replace("EXPOSE 8080", "EXPOSE 8081"));
    const result = run("npx", ["projen"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Dockerfile was edited by hand");
    expect(result.stderr).toContain("-EXPOSE 8080");
    expect(result.stderr).toContain("+EXPOSE 8081");
    expect(result.stderr).toContain('project.unmanageFile("Dockerfile")');
    expect(readText(dir, "Dockerfile")).toContain("EXPOSE 8081");
    mustRun("npx", ["projen"], dir, { GOSYNTH_FORCE: "1" });
    expect(readText(dir, "Dockerfile")).toContain("EXPOSE 8080");
  });

  it("unmanageFile hands a file over: the hand edit stays and is never regenerated", () => {
    handEdit(dir, ".dockerignore", (t) => `${t}my-extra-dir/\n`);
    addBeforeSynth(dir, 'project.unmanageFile(".dockerignore");');
    mustRun("npx", ["projen"], dir);
    const text = readText(dir, ".dockerignore");
    expect(text).toContain("my-extra-dir/");
    expect(text).not.toContain("Generated by projen");
    expect(JSON.parse(readText(dir, ".projen/files.json")).files).not.toContain(".dockerignore");
    mustRun("npx", ["projen"], dir);
    expect(readText(dir, ".dockerignore")).toBe(text);
  });

  it("two synthesis runs at once both succeed and leave the same files", async () => {
    const before = snapshot(dir);
    const once = () =>
      new Promise<number | null>((resolve) => spawn("npx", ["projen"], { cwd: dir, stdio: "ignore" }).on("exit", resolve));
    expect(await Promise.all([once(), once(), once()])).toEqual([0, 0, 0]);
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
  });

  it("turning goreleaser and ci off removes their files", () => {
    setOption(dir, "goreleaser", "false");
    setOption(dir, "ci", "false");
    mustRun("npx", ["projen"], dir);
    const files = [...snapshot(dir).keys()];
    for (const f of [".goreleaser.yaml", "goreleaser.Dockerfile", ".github/workflows/ci.yml", ".github/workflows/release.yml"]) {
      expect(files).not.toContain(f);
    }
    expect(readText(dir, "Makefile")).not.toContain("release-snapshot");
  });
});

describe("projen new with a numeric-looking --go-version", () => {
  it("never becomes a silently wrong version: 1.20 is read as 1.20, not 1.2", () => {
    expect(() => newProject("old", ["--module-path", "example.com/acme/old", "--go-version", "1.20"])).toThrow(
      /goVersion: must be 1\.24 or newer .*got "1\.20"/,
    );
  });
  it("keeps a version given as a string", () => {
    const d = newProject("svc", ["--module-path", "example.com/acme/svc", "--go-version", "1.25"]);
    expect(readText(d, ".projenrc.ts")).toContain('goVersion: "1.25"');
    expect(readText(d, "go.mod")).toMatch(/^go 1\.25$/m);
  });
});
