import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { resolveConfig } from "../../packages/core/src/config/resolve";
import { options } from "../../packages/core/test/util";
import { type BuiltImage, buildReleaseImage, buildVariant, pod, VARIANTS } from "../helpers/images";
import { run } from "../helpers/project";
import { buildStandins, configBases, PODMAN_ENV } from "../helpers/standins";
import { imageFile } from "../helpers/tar";
import { repoRoot, systemTool, tool } from "../helpers/tools";

// What the built images are, judged from outside gosynth: container-structure-test
// (through podman's Docker API) on every base-image variant and on the goreleaser
// image, and the image's own layer read as a tar, for the binary's owner and mode.
// Each image is built once (images.test.ts builds the same contexts: podman's
// layer cache makes the second build seconds).
const podman = systemTool("podman");
const cst = tool("container-structure-test");

/** What each image must be: its user, and whether a shell is expected in it. */
const EXPECTED: Record<string, { user: string; shell: boolean }> = {
  "distroless-static": { user: "65532:65532", shell: false },
  "distroless-base-cgo": { user: "65532:65532", shell: false },
  alpine: { user: "10001:10001", shell: true },
  scratch: { user: "10001:10001", shell: false },
  release: { user: "65532:65532", shell: false },
};

/** A container-structure-test config (schema 2.0.0) for one image. */
function structureTests(expected: { user: string; shell: boolean }) {
  const shells = ["/bin/sh", "/bin/bash", "/bin/ash", "/bin/busybox"];
  return {
    schemaVersion: "2.0.0",
    metadataTest: { user: expected.user, entrypoint: ["/usr/local/bin/hello"], exposedPorts: ["8080"] },
    fileExistenceTests: [
      // r-x for all: the runtime user can run the binary, never rewrite it. Its owner is judged
      // from the layer below: podman 4.3's Docker-API archive (what this driver reads) gives
      // every file the container user's numeric uid/gid (under the names "root"), so a uid
      // check here would report the runtime user for a root-owned file.
      { name: "binary", path: "/usr/local/bin/hello", shouldExist: true, permissions: "-r-xr-xr-x", isExecutableBy: "any" },
      { name: "CA bundle", path: "/etc/ssl/certs/ca-certificates.crt", shouldExist: true },
      ...(expected.shell ? [{ name: "shell", path: "/bin/sh", shouldExist: true }] : shells.map((path) => ({ name: `no ${path}`, path, shouldExist: false }))),
    ],
  };
}

describe.skipIf(!podman)("built images: structure and the binary's layer (podman, offline stand-ins)", () => {
  const built: Record<string, BuiltImage> = {};
  const work = mkdtempSync(join(tmpdir(), "gosynth-structure-"));
  const socket = join(work, "podman.sock");
  let service: ChildProcess | undefined;

  beforeAll(async () => {
    buildStandins(VARIANTS.flatMap(([, overrides]) => configBases(resolveConfig(options(overrides)))));
    for (const [name, overrides] of VARIANTS) built[name] = buildVariant(name, overrides);
    built.release = buildReleaseImage();
    // container-structure-test speaks the Docker API: podman serves it on a socket of our own.
    service = spawn("podman", ["system", "service", "--time=0", `unix://${socket}`], { env: { ...process.env, ...PODMAN_ENV }, stdio: "ignore" });
    for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(() => {
    service?.kill();
    rmSync(work, { recursive: true, force: true });
  });

  const images = Object.keys(EXPECTED);

  it.skipIf(!cst).each(images)("%s: container-structure-test: non-root user, entrypoint, port, shell or none, CA bundle, read-only binary", (name) => {
    const uid = Number(EXPECTED[name]!.user.split(":")[0]);
    expect([0, 1000]).not.toContain(uid);
    expect(built[name]!.config.image.runtime.user.uid).toBe(uid);
    const config = join(work, `${name}.yaml`);
    writeFileSync(config, stringify(structureTests(EXPECTED[name]!)));
    const r = run(cst!, ["test", "--driver", "docker", "--image", built[name]!.tag, "--config", config, "--output", "json"], repoRoot, { DOCKER_HOST: `unix://${socket}` });
    const report = JSON.parse(r.stdout) as { Pass: number; Fail: number; Results: { Name: string; Pass: boolean; Errors?: string[] }[] };
    expect(report.Results.filter((t) => !t.Pass).map((t) => `${t.Name}: ${(t.Errors ?? []).join("; ")}`)).toEqual([]);
    expect(report.Pass).toBe(structureTests(EXPECTED[name]!).fileExistenceTests.length + 1);
  });

  it.each(images)("%s: the layer that ships /usr/local/bin/hello has it owned 0:0 with mode 0555", (name) => {
    const saved = join(work, `${name}.tar`);
    pod(["image", "save", "--format", "docker-archive", "-o", saved, built[name]!.tag], repoRoot);
    const binary = imageFile(readFileSync(saved), "/usr/local/bin/hello");
    rmSync(saved);
    expect(binary && { type: binary.type, uid: binary.uid, gid: binary.gid, mode: binary.mode.toString(8) }).toEqual({ type: "0", uid: 0, gid: 0, mode: "555" });
    // The layer holds the real binary: an ELF executable.
    expect(binary!.data.subarray(0, 4).toString("latin1")).toBe("\x7fELF");
  });
});
