import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BaseImage, ComposeDependencyCondition, ComposeHealthcheck } from "../../packages/core/src";
import { resolveConfig } from "../../packages/core/src/config/resolve";
import { options, synth } from "../../packages/core/test/util";
import { mustRun, run } from "../helpers/project";
import { buildStandins, configBases } from "../helpers/standins";
import { waitForAnswer } from "../helpers/http";
import { repoRoot, systemTool, tool } from "../helpers/tools";

// The generated compose.yaml, brought up with podman-compose on the offline
// stand-in base images: healthy, /healthz on loopback, hardened, then down.
// podman does not fill $BUILDPLATFORM (BuildKit does), so the tests add it as
// a build arg; podman-compose 1.6 on podman 4.3 starts dependencies first but
// cannot wait for service_healthy (it warns), so the test waits itself.
const podman = systemTool("podman");
const podmanCompose = tool("podman-compose");
const env = {
  CONTAINERS_CONF: join(repoRoot, "scripts/container/containers.conf"),
  CONTAINERS_STORAGE_CONF: join(repoRoot, "scripts/container/storage.conf"),
};
const ALPINE = resolveConfig(options({ baseImage: BaseImage.ALPINE })).image.runtime.tag;


async function healthy(container: string): Promise<string> {
  let status = "";
  for (let i = 0; i < 60; i++) {
    status = run(podman!, ["inspect", "--format", "{{.State.Health.Status}}", container], repoRoot, env).stdout.trim();
    if (status === "healthy") return status;
    run(podman!, ["healthcheck", "run", container], repoRoot, env);
    await new Promise((r) => setTimeout(r, 500));
  }
  return status;
}

describe.skipIf(!podman || !podmanCompose)("compose.yaml comes up healthy (podman-compose, offline stand-ins)", () => {
  const dirs: string[] = [];
  beforeAll(() => buildStandins([...configBases(resolveConfig(options())), ALPINE]));
  afterAll(() => {
    for (const dir of dirs) run(podmanCompose!, ["down"], dir, env);
  });

  it.each([
    ["the service alone", false],
    ["the service and a dependency it waits for", true],
  ])("%s: make up, healthy, /healthz on 127.0.0.1, hardened, make down", async (_name, withDependency) => {
    const hostPort = 21000 + Math.floor(Math.random() * 9000);
    const { dir, project } = synth({}, undefined, (p) => {
      p.compose!.file.addOverride(`services.hello.build.args.BUILDPLATFORM`, "linux/amd64");
      p.compose!.file.addOverride("name", `gosynth-compose-${process.pid}-${withDependency ? "dep" : "solo"}`);
      if (withDependency) {
        p.compose!.addService("cache", {
          image: ALPINE,
          command: ["sh", "-c", "touch /tmp/ready && sleep 600"],
          healthcheck: ComposeHealthcheck.exec(["test", "-f", "/tmp/ready"], { interval: "1s" }),
        });
        p.compose!.addDependency("cache", { condition: ComposeDependencyCondition.SERVICE_HEALTHY });
      }
    });
    dirs.push(dir);
    const compose = parse(readFileSync(join(dir, "compose.yaml"), "utf-8"));
    if (withDependency) expect(compose.services.hello.depends_on).toEqual({ cache: { condition: "service_healthy" } });
    mustRun("make", ["up", `COMPOSE=${podmanCompose}`, "VERSION=9.9.9"], dir, { ...env, PORT: String(hostPort) });

    expect(await waitForAnswer(`http://127.0.0.1:${hostPort}/healthz`)).toEqual({ status: 200, body: "ok\n" });
    const container = mustRun(podman!, ["ps", "-q", "--filter", `label=com.docker.compose.service=hello`, "--filter", `label=com.docker.compose.project=${compose.name}`], dir, env).trim();
    expect(container).toMatch(/^[0-9a-f]+$/);
    expect(await healthy(container)).toBe("healthy");
    const inspect = JSON.parse(mustRun(podman!, ["inspect", container], dir, env))[0];
    const { uid, gid } = project.config.image.runtime.user;
    expect(inspect.Config.User).toBe(`${uid}:${gid}`);
    expect(inspect.HostConfig.ReadonlyRootfs).toBe(true);
    expect(inspect.HostConfig.CapAdd ?? []).toEqual([]);
    expect(inspect.HostConfig.SecurityOpt).toContain("no-new-privileges");
    expect(inspect.HostConfig.PortBindings["8080/tcp"]).toEqual([{ HostIp: "127.0.0.1", HostPort: String(hostPort) }]);
    const labels = JSON.parse(mustRun(podman!, ["image", "inspect", "--format", "{{json .Labels}}", `${project.config.image.repository}:dev`], dir, env));
    expect(labels["org.opencontainers.image.version"]).toBe("9.9.9");
    if (withDependency) {
      const cache = mustRun(podman!, ["ps", "-q", "--filter", `label=com.docker.compose.service=cache`, "--filter", `label=com.docker.compose.project=${compose.name}`], dir, env).trim();
      expect(await healthy(cache)).toBe("healthy");
    }
    mustRun("make", ["down", `COMPOSE=${podmanCompose}`], dir, env);
    expect(mustRun(podman!, ["ps", "-q", "--filter", `label=com.docker.compose.project=${compose.name}`], dir, env).trim()).toBe("");
  });
});
