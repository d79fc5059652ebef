import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gosynth } from "../../packages/cli/test/helpers";
import { fixtureRepo } from "../helpers/fixtures";
import { mustRun, run } from "../helpers/project";
import { buildStandins, dockerfileBases } from "../helpers/standins";
import { repoRoot, systemTool } from "../helpers/tools";
import { waitForAnswer } from "../helpers/http";

// Services adopted by `gosynth init --backup` (fixtures shaped like real ones)
// build into images whose `go mod download` reaches the Go module proxy, serve,
// run as non-root, and are healthy — or have no HEALTHCHECK they cannot answer.
const podman = systemTool("podman");
const env = {
  CONTAINERS_CONF: join(repoRoot, "scripts/container/containers.conf"),
  CONTAINERS_STORAGE_CONF: join(repoRoot, "scripts/container/storage.conf"),
};

describe.skipIf(!podman)("adopted services: images build, serve, run non-root (podman, offline stand-ins)", () => {
  beforeAll(() => ensureBuilt());

  it.each([
    ["three-mains", "/healthz", true],
    ["sqlite-cgo", "/", false],
    ["v2-module", "/", true],
    ["go116", "/", false],
  ] as const)("%s", async (name, path, healthcheck) => {
    const dir = fixtureRepo(name);
    const r = gosynth(["init", "--backup"], dir);
    expect(r.code, r.out + r.err).toBe(0);
    const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
    buildStandins(dockerfileBases(dockerfile));
    const tag = `localhost/gosynth-adopted/${name}:test`;
    // --format docker keeps HEALTHCHECK in podman's image; BUILDPLATFORM: podman does not fill it.
    mustRun(podman!, ["build", "--format", "docker", "--pull=never", "--build-arg", "BUILDPLATFORM=linux/amd64", "-t", tag, "."], dir, env);
    const check = JSON.parse(mustRun(podman!, ["image", "inspect", "--format", "{{json .HealthCheck}}", tag], dir, env)) as { Test?: string[] } | null;
    expect(Boolean(check?.Test?.length), JSON.stringify(check)).toBe(healthcheck);
    const hostPort = 21000 + Math.floor(Math.random() * 9000);
    const container = mustRun(podman!, ["run", "-d", "-p", `127.0.0.1:${hostPort}:8080`, tag], dir, env).trim();
    try {
      expect((await waitForAnswer(`http://127.0.0.1:${hostPort}${path}`, 150)).status).toBeLessThan(500);
      const pid = mustRun(podman!, ["inspect", "--format", "{{.State.Pid}}", container], dir, env).trim();
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf-8"))![1]);
      expect([0, 1000]).not.toContain(uid);
      if (healthcheck) expect(run(podman!, ["healthcheck", "run", container], dir, env).status).toBe(0);
    } finally {
      run(podman!, ["rm", "-f", container], dir, env);
    }
  }, 900_000);
});
