import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BaseImage } from "../../packages/core/src";
import { synth } from "../../packages/core/test/util";
import { mustRun, run } from "../helpers/project";
import { buildStandins, configBases, PODMAN_ENV } from "../helpers/standins";
import { waitForAnswer } from "../helpers/http";
import { repoRoot, systemTool } from "../helpers/tools";

// `make kube-play` of a generated project with the Kubernetes manifests, on the
// offline stand-in base images: podman builds the image, tags it as the
// rendering names it and `podman kube play`s deploy/kubernetes/kube-play.yaml;
// the pod answers on the published port with the limits of the Deployment, then
// `make kube-down` removes it. The project's own Makefile and play pod; only the
// host port is overridden (addOverride), so parallel runs do not collide.
// podman 4.3 runs health checks only when asked (no systemd here), so the test asks.
const podman = systemTool("podman");
const make = systemTool("make");

function pod(args: string[], cwd = repoRoot): string {
  return mustRun(podman!, args, cwd, PODMAN_ENV);
}


/** Memory limit (bytes) and CPUs of a process's cgroup, v1 (per controller) or v2 (unified). */
function cgroupLimits(pid: string): { memory: number; cpus: number } {
  const lines = readFileSync(`/proc/${pid}/cgroup`, "utf-8").trim().split("\n");
  const v1 = (controller: string) => lines.find((l) => l.split(":")[1]?.split(",").includes(controller))?.split(":")[2];
  const read = (path: string) => readFileSync(path, "utf-8").trim();
  const memory = v1("memory");
  if (memory !== undefined) {
    const cpu = `/sys/fs/cgroup/cpu${v1("cpu")}`;
    return { memory: Number(read(`/sys/fs/cgroup/memory${memory}/memory.limit_in_bytes`)), cpus: Number(read(`${cpu}/cpu.cfs_quota_us`)) / Number(read(`${cpu}/cpu.cfs_period_us`)) };
  }
  const unified = `/sys/fs/cgroup${lines.find((l) => l.startsWith("0::"))!.slice(3)}`;
  const [quota, period] = read(`${unified}/cpu.max`).split(/\s+/).map(Number);
  return { memory: Number(read(`${unified}/memory.max`)), cpus: quota / period };
}

const hostPort = () => 21000 + Math.floor(Math.random() * 9000);

describe.skipIf(!podman || !make)("make kube-play: podman kube play of the Kubernetes manifests (offline stand-ins)", () => {
  let down: (() => void) | undefined;
  afterEach(() => down?.());

  it("distroless (the default): the pod serves /healthz and /readyz on 127.0.0.1, with the Deployment's limits and runtime settings", async () => {
    const port = hostPort();
    const { dir, project } = synth({ kubernetes: true, pinImageDigests: false }, undefined, (p) => {
      p.kubernetes!.play.addOverride("spec.containers.0.ports.0.hostPort", port);
    });
    buildStandins(configBases(project.config));
    const deployment = parse(readFileSync(`${dir}/deploy/kubernetes/deployment.yaml`, "utf-8")).spec.template.spec.containers[0];
    down = () => run("make", ["kube-down"], dir, PODMAN_ENV);
    mustRun("make", ["kube-play", "VERSION=9.9.9", "DOCKER_BUILD_FLAGS=--pull=never"], dir, PODMAN_ENV);

    expect(await waitForAnswer(`http://127.0.0.1:${port}/healthz`)).toEqual({ status: 200, body: "ok\n" });
    expect(await waitForAnswer(`http://127.0.0.1:${port}/readyz`)).toEqual({ status: 200, body: "ready\n" });
    const container = "hello-hello";
    const inspect = JSON.parse(pod(["inspect", container]))[0];
    expect(pod(["pod", "inspect", "--format", "{{.State}}", "hello"]).trim()).toBe("Running");
    expect(inspect.ImageName).toBe(`${project.config.image.repository}:dev`);
    expect(JSON.parse(pod(["image", "inspect", "--format", "{{json .Labels}}", inspect.ImageName]))["org.opencontainers.image.version"]).toBe("9.9.9");
    // A pod's ports are its infra container's: published on loopback only.
    expect(JSON.parse(pod(["pod", "inspect", "--format", "{{json .InfraConfig.PortBindings}}", "hello"]))).toEqual({ "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: String(port) }] });

    // The limits hold: the cgroup of the container has the Deployment's (128Mi, 1 CPU).
    expect(cgroupLimits(String(inspect.State.Pid))).toEqual({ memory: 128 * 2 ** 20, cpus: 1 });
    // The Go runtime took GOMEMLIMIT and GOMAXPROCS as the Deployment states them (a malformed GOMEMLIMIT kills it at start).
    expect(inspect.Config.Env).toEqual(expect.arrayContaining(["GOMAXPROCS=1", `GOMEMLIMIT=${deployment.env.find((e: { name: string }) => e.name === "GOMEMLIMIT").value}`]));
    expect(inspect.Config.User).toBe("65532:65532");
    expect(inspect.HostConfig.ReadonlyRootfs).toBe(true);
    expect(inspect.HostConfig.SecurityOpt).toContain("no-new-privileges");

    // No probe podman would run through /bin/sh, which distroless lacks: nothing restarts the pod.
    expect(inspect.Config.Healthcheck ?? null).toBeNull();
    await new Promise((r) => setTimeout(r, 3000));
    expect(pod(["inspect", "--format", "{{.State.Status}} {{.RestartCount}}", container]).trim()).toBe("running 0");

    mustRun("make", ["kube-down"], dir, PODMAN_ENV);
    down = undefined;
    expect(run(podman!, ["pod", "exists", "hello"], dir, PODMAN_ENV).status).toBe(1);
  });

  it("alpine (a shell): the image's own health check is the liveness probe, and it passes", async () => {
    const port = hostPort();
    const { dir, project } = synth({ kubernetes: true, pinImageDigests: false, baseImage: BaseImage.ALPINE }, undefined, (p) => {
      p.kubernetes!.play.addOverride("spec.containers.0.ports.0.hostPort", port);
    });
    buildStandins(configBases(project.config));
    down = () => run("make", ["kube-down"], dir, PODMAN_ENV);
    mustRun("make", ["kube-play", "VERSION=9.9.9", "DOCKER_BUILD_FLAGS=--pull=never"], dir, PODMAN_ENV);

    expect(await waitForAnswer(`http://127.0.0.1:${port}/healthz`)).toEqual({ status: 200, body: "ok\n" });
    const container = "hello-hello";
    const healthcheck = JSON.parse(pod(["inspect", "--format", "{{json .Config.Healthcheck}}", container]));
    expect(healthcheck.Test.join(" ")).toContain("/usr/local/bin/hello healthcheck");
    // The check runs as often as the Deployment's liveness probe.
    const liveness = parse(readFileSync(`${dir}/deploy/kubernetes/deployment.yaml`, "utf-8")).spec.template.spec.containers[0].livenessProbe;
    expect(healthcheck.Interval).toBe(liveness.periodSeconds * 1e9);
    expect(run(podman!, ["healthcheck", "run", container], dir, PODMAN_ENV).status).toBe(0);
    expect(pod(["inspect", "--format", "{{.State.Health.Status}} {{.RestartCount}}", container]).trim()).toBe("healthy 0");
  });
});
