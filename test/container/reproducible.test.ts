import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BaseImage } from "../../packages/core/src";
import { resolveConfig } from "../../packages/core/src/config/resolve";
import { options, synth } from "../../packages/core/test/util";
import { mustRun, run } from "../helpers/project";
import { buildStandins, configBases } from "../helpers/standins";
import { repoRoot, systemTool } from "../helpers/tools";

// `make docker-build DOCKER=podman` twice from empty caches gives the same image
// ID: -trimpath, version facts from the commit, and SOURCE_DATE_EPOCH (buildah's
// --timestamp) from the commit time instead of the clock.
const podman = systemTool("podman");
const env = {
  CONTAINERS_CONF: join(repoRoot, "scripts/container/containers.conf"),
  CONTAINERS_STORAGE_CONF: join(repoRoot, "scripts/container/storage.conf"),
};
const GIT = ["-c", "user.name=test", "-c", "user.email=test@example.com"];

describe.skipIf(!podman)("reproducible images (podman, offline stand-ins)", () => {
  beforeAll(() => buildStandins(configBases(resolveConfig(options()))));

  it.each([
    ["distroless static", {}],
    ["scratch", { baseImage: BaseImage.SCRATCH }],
  ])("%s: two no-cache builds of one commit, one image ID", (_name, overrides) => {
    const { dir } = synth(overrides);
    mustRun("git", ["init", "-q", "-b", "main"], dir);
    mustRun("git", ["add", "-A"], dir);
    mustRun("git", [...GIT, "commit", "-qm", "init"], dir);
    const version = mustRun("git", ["describe", "--tags", "--always", "--dirty"], dir).trim();
    const ids = [1, 2].map((i) => {
      const image = `localhost/gosynth-repro-${process.pid}-${i}`;
      // The build cache mounts of the first build must not feed the second: --no-cache and a fresh image name.
      mustRun("make", ["docker-build", "DOCKER=podman", `IMAGE=${image}`, "DOCKER_BUILD_FLAGS=--no-cache --pull=never --build-arg BUILDPLATFORM=linux/amd64"], dir, env);
      const id = mustRun(podman!, ["image", "inspect", "--format", "{{.Id}}", `${image}:${version}`], dir, env).trim();
      run(podman!, ["rmi", "-f", `${image}:${version}`], dir, env);
      return id;
    });
    expect(ids[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(ids[1]).toBe(ids[0]);
  }, 900_000);
});
