import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, ensureBuilt, hasTmux } from "./helpers.js";

beforeAll(() => ensureBuilt());

describe("module path defaults", () => {
  it("derive from git remotes: https, scp-like and ssh URLs, without credentials", async () => {
    const { modulePathFromRemote } = await import("../lib/commands/new.js");
    expect(modulePathFromRemote("https://github.com/Acme/Hello.git")).toBe("github.com/Acme/Hello");
    expect(modulePathFromRemote("git@github.com:acme/hello.git")).toBe("github.com/acme/hello");
    expect(modulePathFromRemote("ssh://git@github.com:22/acme/hello")).toBe("github.com/acme/hello");
    expect(modulePathFromRemote("https://user:token@github.com/acme/hello\n")).toBe("github.com/acme/hello");
    expect(modulePathFromRemote("https://gitlab.com/group/sub/proj.git")).toBe("gitlab.com/group/sub/proj");
    expect(modulePathFromRemote("/srv/git/hello.git")).toBeUndefined();
  });

  it("add the directory's path inside the repository (a service in a monorepo)", async () => {
    const { detectModulePath } = await import("../lib/commands/new.js");
    const mono = realpathSync(mkdtempSync(join(tmpdir(), "gs-mono-")));
    execFileSync("git", ["init", "-q"], { cwd: mono });
    execFileSync("git", ["remote", "add", "origin", "git@github.com:acme/mono.git"], { cwd: mono });
    expect(await detectModulePath(mono)).toBe("github.com/acme/mono");
    expect(await detectModulePath(join(mono, "services", "api"))).toBe("github.com/acme/mono/services/api");
    expect(await detectModulePath(mkdtempSync(join(tmpdir(), "gs-nogit-")))).toBeUndefined();
  });
});

describe("gosynth new in a terminal (tmux)", () => {
  if (!hasTmux && process.env.CI === "true") throw new Error("tmux is missing: CI must install it (apt-get install -y tmux)");

  it.skipIf(!hasTmux)(
    "prompts for the module path (typed), Go version (the newest Go, by default) and base image (chosen)",
    async () => {
      const parent = mkdtempSync(join(tmpdir(), "gs-tty-"));
      mkdirSync(join(parent, "work"));
      const session = `gosynth-test-${process.pid}`;
      const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf-8" });
      const screen = () => tmux("capture-pane", "-p", "-t", session);
      const waitFor = async (text: string, seconds = 30) => {
        for (let i = 0; i < seconds * 10; i++) {
          if (screen().includes(text)) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`never saw "${text}" on the screen:\n${screen()}`);
      };
      // The default is the newest Go minor: the one the module proxy serves (1.27 in November 2026), not this machine's go.
      const goVersion = "1.27";
      tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", "-c", join(parent, "work"), `node ${cli} new tty-svc --no-git; echo EXIT=$?; sleep 600`);
      try {
        await waitFor("Go module path");
        // The placeholder is the default: example.com/<user>/tty-svc (no git remote here).
        expect(screen()).toMatch(/example\.com\/\S+\/tty-svc/);
        tmux("send-keys", "-t", session, "-l", "example.com/acme/tty");
        tmux("send-keys", "-t", session, "Enter");
        await waitFor("Go version");
        expect(screen()).toContain(goVersion);
        tmux("send-keys", "-t", session, "Enter"); // accept the default
        await waitFor("Runtime base image");
        tmux("send-keys", "-t", session, "Down", "Down", "Enter"); // alpine
        await waitFor("EXIT=", 180);
        expect(screen()).toContain("EXIT=0");
        expect(screen()).toContain("make help");
      } finally {
        spawnSync("tmux", ["kill-session", "-t", session]);
      }
      const rc = readFileSync(join(parent, "work", "tty-svc", ".projenrc.ts"), "utf-8");
      expect(rc).toContain('modulePath: "example.com/acme/tty"');
      expect(rc).toContain(`goVersion: "${goVersion}"`);
      expect(rc).toContain("baseImage: BaseImage.ALPINE");
    },
    240_000,
  );

  it.skipIf(!hasTmux)("Ctrl-C at a prompt cancels (exit 130) and creates nothing", async () => {
    const parent = mkdtempSync(join(tmpdir(), "gs-tty-"));
    const session = `gosynth-cancel-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf-8" });
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "30", "-c", parent, `node ${cli} new svc; echo EXIT=$?; sleep 600`);
    try {
      for (let i = 0; i < 300 && !tmux("capture-pane", "-p", "-t", session).includes("Go module path"); i++) await new Promise((r) => setTimeout(r, 100));
      tmux("send-keys", "-t", session, "C-c");
      for (let i = 0; i < 100 && !tmux("capture-pane", "-p", "-t", session).includes("EXIT="); i++) await new Promise((r) => setTimeout(r, 100));
      const text = tmux("capture-pane", "-p", "-t", session);
      expect(text).toContain("EXIT=130");
      expect(text).toContain("nothing was created");
    } finally {
      spawnSync("tmux", ["kill-session", "-t", session]);
    }
    expect(() => readFileSync(join(parent, "svc", "package.json"))).toThrow();
  }, 60_000);
});
