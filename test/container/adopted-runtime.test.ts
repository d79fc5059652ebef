import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gosynth } from "../../packages/cli/test/helpers";
import { fixtureRepo } from "../helpers/fixtures";
import { mustRun, run } from "../helpers/project";
import { buildStandins, dockerfileBases, PODMAN_ENV } from "../helpers/standins";
import { systemTool, toolsBin } from "../helpers/tools";
import { waitForAnswer } from "../helpers/http";

// Services adopted by `gosynth init --backup` run as their own images did: on the port
// their Dockerfile exposed (not 8080 by default), with their config file at the path their
// arguments name (each refuses to start without it), as the user they stated, healthy,
// stamped with the version through the package their variables live in.
const podman = systemTool("podman");
const env = PODMAN_ENV;
const withTools = { PATH: `${toolsBin}:${process.env.PATH}`, GOTOOLCHAIN: "local", NO_COLOR: "1" };
const VERSION = "4.5.6";

interface Case {
  readonly name: string;
  /** The user the repository's Dockerfile stated (USER nobody, nonroot, the :nonroot base). */
  readonly uid: number;
  /** The config file the arguments name, and the repository file it is a copy of. */
  readonly config?: { readonly inImage: string; readonly source: string };
  /** A request only the service configured by that file (or stamped with VERSION) answers so. */
  readonly probe: { readonly path: string; readonly body: RegExp };
}

const CASES: Case[] = [
  {
    name: "version-in-dependency",
    uid: 65534,
    config: { inImage: "/etc/queue_exporter/config.yml", source: "queue_exporter.yml" },
    // Its orders queue comes from the config file; its version through github.com/prometheus/common/version.
    probe: { path: "/metrics", body: new RegExp(`queue_exporter_build_info\\{version="${VERSION}"\\} 1[\\s\\S]*queue_configured\\{queue="orders"`) },
  },
  {
    name: "config-and-args",
    uid: 65532,
    config: { inImage: "/etc/relay/relay.json", source: "configs/relay.json" },
    probe: { path: "/hooks/ping", body: /^pong\n$/ },
  },
  {
    name: "loopback-unless-env",
    uid: 65532,
    probe: { path: "/version", body: new RegExp(`^${VERSION.replace(/\./g, "\\.")}\\n$`) },
  },
];

describe.skipIf(!podman)("adopted services run as their own images did (podman, offline stand-ins)", () => {
  beforeAll(() => ensureBuilt());

  it.each(CASES)("$name", async (c) => {
    const dir = fixtureRepo(c.name);
    const r = gosynth(["init", "--backup"], dir, withTools);
    expect(r.code, r.out + r.err).toBe(0);
    const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
    const runtime = dockerfile.slice(dockerfile.search(/^FROM .* AS runtime$/m));
    const port = Number(/^EXPOSE (\d+)$/m.exec(runtime)![1]);
    buildStandins(dockerfileBases(dockerfile));
    const tag = `localhost/gosynth-adopted-runtime/${c.name}:test`;
    // --format docker keeps HEALTHCHECK in podman's image; BUILDPLATFORM: podman does not fill it.
    mustRun(podman!, ["build", "--format", "docker", "--pull=never", "--build-arg", "BUILDPLATFORM=linux/amd64", "--build-arg", `VERSION=${VERSION}`, "-t", tag, "."], dir, env);
    const check = JSON.parse(mustRun(podman!, ["image", "inspect", "--format", "{{json .HealthCheck}}", tag], dir, env)) as { Test?: string[] } | null;
    expect(check?.Test?.join(" ")).toContain(`http://127.0.0.1:${port}/`);

    const hostPort = 21000 + Math.floor(Math.random() * 9000);
    const container = mustRun(podman!, ["run", "-d", "-p", `127.0.0.1:${hostPort}:${port}`, tag], dir, env).trim();
    try {
      const answer = await waitForAnswer(`http://127.0.0.1:${hostPort}${c.probe.path}`, 150);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(c.probe.body);
      const pid = mustRun(podman!, ["inspect", "--format", "{{.State.Pid}}", container], dir, env).trim();
      expect(Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf-8"))![1])).toBe(c.uid);
      const health = run(podman!, ["healthcheck", "run", container], dir, env);
      expect(health.status, health.stdout + health.stderr).toBe(0);
      if (c.config) {
        // The file is where the arguments say, as the repository has it.
        const copy = join(mkdtempSync(join(tmpdir(), "gosynth-config-")), "config");
        mustRun(podman!, ["cp", `${container}:${c.config.inImage}`, copy], dir, env);
        expect(readFileSync(copy, "utf-8")).toBe(readFileSync(join(dir, c.config.source), "utf-8"));
      }
    } finally {
      run(podman!, ["rm", "-f", container], dir, env);
    }

    if (c.config) {
      // Without the arguments that name the config file, the service refuses to start: the arguments are what runs it.
      const bare = run(podman!, ["run", "--rm", tag, "-version=false"], dir, env);
      expect(bare.status, bare.stdout + bare.stderr).not.toBe(0);
    } else {
      // Without the carried ENV LISTEN_ADDR the service binds loopback, which the published port cannot reach.
      const closed = mustRun(podman!, ["run", "-d", "-e", "LISTEN_ADDR=", "-p", `127.0.0.1:${hostPort + 1}:${port}`, tag], dir, env).trim();
      try {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        expect(mustRun(podman!, ["inspect", "--format", "{{.State.Running}}", closed], dir, env).trim()).toBe("true");
        await expect(waitForAnswer(`http://127.0.0.1:${hostPort + 1}${c.probe.path}`, 10)).rejects.toThrow(/no answer/);
      } finally {
        run(podman!, ["rm", "-f", closed], dir, env);
      }
    }
  }, 1_800_000);
});
