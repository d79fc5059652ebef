import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../packages/core/src/config/resolve";
import { options, synth } from "../../packages/core/test/util";
import { buildReleaseImage, buildVariant, VARIANTS as variants } from "../helpers/images";
import { mustRun, run } from "../helpers/project";
import { buildStandins, configBases } from "../helpers/standins";
import { repoRoot, systemTool } from "../helpers/tools";

// Builds every base-image variant of a generated project with podman, offline,
// on local stand-in base images (scripts/container/standins.sh: a Debian
// minbase + real Go toolchain for golang, minimal distroless/alpine images).
// What a stand-in cannot serve: `apk add` (no Alpine mirror) — our Dockerfiles
// never use it (zoneinfo and CA certificates come from the builder image).
// podman does not fill $BUILDPLATFORM in FROM, so we pass it.
const podman = systemTool("podman");
const env = {
  CONTAINERS_CONF: join(repoRoot, "scripts/container/containers.conf"),
  CONTAINERS_STORAGE_CONF: join(repoRoot, "scripts/container/storage.conf"),
};
const sizes: Record<string, number> = {};

function pod(args: string[], cwd = repoRoot): string {
  return mustRun(podman!, args, cwd, env);
}

async function waitForHealthz(port: number): Promise<number> {
  for (let i = 0; i < 100; i++) {
    try {
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("no answer on /healthz");
}

/** UID of the container's main process, read on the host (the image has no ps). */
function processUid(container: string): number {
  const pid = pod(["inspect", "--format", "{{.State.Pid}}", container]).trim();
  const status = readFileSync(`/proc/${pid}/status`, "utf-8");
  return Number(/^Uid:\s+(\d+)/m.exec(status)![1]);
}

describe.skipIf(!podman)("images build and run (podman, offline stand-ins)", () => {
  beforeAll(() => buildStandins(variants.flatMap(([, overrides]) => configBases(resolveConfig(options(overrides))))));
  afterAll(() => {
    mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
    writeFileSync(join(repoRoot, ".tmp/image-sizes.json"), JSON.stringify(sizes, undefined, 2));
    console.log("image sizes (bytes):", sizes);
  });

  it.each(variants)("%s: builds, serves /healthz as a non-root UID, passes its HEALTHCHECK", async (name, overrides) => {
    const { tag, config } = buildVariant(name, overrides);
    sizes[name] = Number(pod(["image", "inspect", "--format", "{{.Size}}", tag]).trim());
    expect(pod(["run", "--rm", tag, "-version"]).trim()).toBe("hello 9.9.9");
    const hostPort = 21000 + Math.floor(Math.random() * 9000);
    const container = pod(["run", "-d", "-p", `127.0.0.1:${hostPort}:8080`, tag]).trim();
    try {
      expect(await waitForHealthz(hostPort)).toBe(200);
      const uid = processUid(container);
      expect(uid).toBe(config.image.runtime.user.uid);
      expect([0, 1000]).not.toContain(uid);
      expect(run(podman!, ["healthcheck", "run", container], repoRoot, env).status).toBe(0);
      expect(pod(["image", "inspect", "--format", "{{.Config.User}}", tag]).trim()).toBe(`${uid}:${uid}`);
    } finally {
      run(podman!, ["rm", "-f", container], repoRoot, env);
    }
  });

  it("cross-builds linux/arm64 from the same Dockerfile", () => {
    const { dir } = synth();
    pod(["build", "--format", "docker", "--pull=never", "--platform", "linux/arm64", "--build-arg", "BUILDPLATFORM=linux/amd64", "-t", "localhost/gosynth-test/hello:arm64", "."], dir);
    expect(pod(["image", "inspect", "--format", "{{.Architecture}}", "localhost/gosynth-test/hello:arm64"]).trim()).toBe("arm64");
    // The binary itself, not only the image's label: an ELF for AArch64 (e_machine 183).
    const container = pod(["create", "--platform", "linux/arm64", "localhost/gosynth-test/hello:arm64"]).trim();
    try {
      pod(["cp", `${container}:/usr/local/bin/hello`, join(dir, "hello-arm64")]);
    } finally {
      run(podman!, ["rm", "-f", container], repoRoot, env);
    }
    const elf = readFileSync(join(dir, "hello-arm64"));
    expect(elf.subarray(0, 4).toString("latin1")).toBe("\x7fELF");
    expect(elf.readUInt16LE(18)).toBe(183);
  });

  it("runs the tests inside the build with --target test", () => {
    const { dir } = synth();
    pod(["build", "--format", "docker", "--pull=never", "--build-arg", "BUILDPLATFORM=linux/amd64", "--target", "test", "."], dir);
  });

  it("goreleaser.Dockerfile puts a prebuilt binary into the same runtime image", async () => {
    const { tag } = buildReleaseImage();
    expect(pod(["run", "--rm", tag, "-version"]).trim()).toBe("hello 7.7.7");
    expect(pod(["image", "inspect", "--format", "{{.Config.User}} {{.Config.Entrypoint}}", tag]).trim()).toBe("65532:65532 [/usr/local/bin/hello]");
  });

  it("private modules: a --secret netrc is mounted for the download and never lands in a layer", () => {
    const { dir } = synth({ goPrivate: ["example.com/private/*"] });
    writeFileSync(join(dir, "netrc"), "machine example.com login x password s3cr3t-token\n");
    const tag = "localhost/gosynth-test/hello:private";
    pod(["build", "--format", "docker", "--pull=never", "--build-arg", "BUILDPLATFORM=linux/amd64", "--secret", `id=netrc,src=${join(dir, "netrc")}`, "-t", tag, "."], dir);
    const saved = join(dir, "image.tar");
    pod(["save", "-o", saved, tag]);
    expect(readFileSync(saved).includes("s3cr3t-token")).toBe(false);
    expect(pod(["history", "--no-trunc", tag])).not.toContain("s3cr3t-token");
  });
});
