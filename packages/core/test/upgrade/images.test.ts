import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BaseImage, DebianRelease } from "../../src";
import { renderPins, type Pins } from "../../src/config/pins";
import { newestReleaseTag } from "../../src/upgrade/image-pins";
import { describeChanges, planUpgrade, writePins } from "../../src/upgrade/upgrade";
import { options, synth } from "../util";
import { closedPort, tempDir } from "./helpers";
import { fakeRegistry, fakeTag, sha256, type FakeRegistry } from "./oci-fake";

// The images scope of the upgrade plan against a local registry standing in for
// Docker Hub and gcr.io (GOSYNTH_REGISTRY_MIRRORS): every base the project's
// Dockerfiles name gets the digest the registry serves; alpine moves to its
// newest release of the same major; a registry that cannot be read leaves the
// FROM as it was and says so.
const served = {
  "library/golang": { "1.27.4-trixie": fakeTag("golang 1.27.4-trixie"), "1.27.9-trixie": fakeTag("golang 1.27.9-trixie"), "1.27.4-bookworm": fakeTag("golang 1.27.4-bookworm") },
  "distroless/static-debian13": { nonroot: fakeTag("static-debian13") },
  "distroless/base-debian12": { nonroot: fakeTag("base-debian12") },
  "library/alpine": Object.fromEntries(["3.24.0", "3.24.3", "3.25.1", "3.25", "latest", "4.0.0"].map((t) => [t, fakeTag(`alpine ${t}`)])),
};
const digestOf = (repository: keyof typeof served, tag: string) => sha256((served[repository] as Record<string, { index?: string }>)[tag]!.index!);
const GOLANG = "docker.io/library/golang:1.27.4-trixie";
const STATIC = "gcr.io/distroless/static-debian13:nonroot";

function project(pins: Pins = {}): string {
  const { dir } = tempDir("images");
  writeFileSync(join(dir, "go.mod"), "module example.com/acme/hello\n\ngo 1.27\n");
  writeFileSync(join(dir, "gosynth.pins.json"), renderPins({ goToolchain: "1.27.4", tools: {}, actions: {}, npm: {}, ...pins }));
  return dir;
}

/** A file:// Go module proxy listing these Go toolchains. */
function toolchainProxy(releases: string[]): string {
  const { dir } = tempDir("proxy");
  mkdirSync(join(dir, "golang.org/toolchain/@v"), { recursive: true });
  writeFileSync(join(dir, "golang.org/toolchain/@v/list"), releases.map((r) => `v0.0.1-go${r}.linux-amd64\n`).join(""));
  return `file://${dir}`;
}

describe("planUpgrade: images", () => {
  let registry: FakeRegistry;
  let mirrors = "";
  beforeAll(async () => {
    registry = await fakeRegistry({ repositories: served });
    mirrors = `docker.io=${registry.url},gcr.io=${registry.url}`;
  });
  afterAll(() => registry.close());

  it("pins the builder and the runtime of a project with no Dockerfile yet (the default bases)", async () => {
    const plan = await planUpgrade({ dir: project(), only: ["images"], registryMirrors: mirrors });
    expect(plan.pins.images).toEqual({ [GOLANG]: digestOf("library/golang", "1.27.4-trixie"), [STATIC]: digestOf("distroless/static-debian13", "nonroot") });
    expect(plan.notes).toEqual([]);
    expect(describeChanges(plan)).toEqual([
      `${GOLANG} (none) -> ${digestOf("library/golang", "1.27.4-trixie").slice(0, 19)}`,
      `${STATIC} (none) -> ${digestOf("distroless/static-debian13", "nonroot").slice(0, 19)}`,
    ]);
  });

  it("moves alpine to its newest 3.x.y, pins it, and synthesis pins every FROM with what the registry served", async () => {
    const dir = project();
    const plan = await planUpgrade({ dir, only: ["images"], project: options({ baseImage: BaseImage.ALPINE }), env: { GOSYNTH_REGISTRY_MIRRORS: mirrors } });
    expect(plan.changes[0]).toEqual({ what: "alpine", from: "3.24.0", to: "3.25.1" });
    expect(plan.pins.baseImages).toEqual({ alpine: "3.25.1" });
    writePins(dir, plan.pins);
    const { files } = synth({ baseImage: BaseImage.ALPINE }, dir);
    const from = (text: string) => [...text.matchAll(/^FROM (?:--platform=\S+ )?(\S+)/gm)].map((m) => m[1]).filter((f) => f !== "build");
    const alpine = `docker.io/library/alpine:3.25.1@${digestOf("library/alpine", "3.25.1")}`;
    const golang = `${GOLANG}@${digestOf("library/golang", "1.27.4-trixie")}`;
    expect(from(files.Dockerfile!)).toEqual([golang, golang, alpine]);
    expect(from(files["goreleaser.Dockerfile"]!)).toEqual([golang, alpine]);
  });

  it("without the project's options, reads its bases from the Dockerfile synthesis wrote", async () => {
    const dir = project();
    synth({ baseImage: BaseImage.DISTROLESS_BASE, cgo: true, debianRelease: DebianRelease.BOOKWORM }, dir);
    const plan = await planUpgrade({ dir, only: ["images"], registryMirrors: mirrors });
    expect(plan.pins.images).toEqual({
      "docker.io/library/golang:1.27.4-bookworm": digestOf("library/golang", "1.27.4-bookworm"),
      "gcr.io/distroless/base-debian12:nonroot": digestOf("distroless/base-debian12", "nonroot"),
    });
  });

  it("the builder's digest follows the Go toolchain the go scope moved; the old tag's entry goes", async () => {
    const dir = project({ images: { [GOLANG]: digestOf("library/golang", "1.27.4-trixie") } });
    const plan = await planUpgrade({ dir, only: ["go", "images"], goproxy: toolchainProxy(["1.27.4", "1.27.9"]), registryMirrors: mirrors });
    expect(plan.pins.goToolchain).toBe("1.27.9");
    expect(plan.pins.images).toEqual({ "docker.io/library/golang:1.27.9-trixie": digestOf("library/golang", "1.27.9-trixie"), [STATIC]: digestOf("distroless/static-debian13", "nonroot") });
  });

  it("a tag the registry does not serve stays tag-only, and the plan says why", async () => {
    const dir = project({ goToolchain: "1.27.5" });
    const plan = await planUpgrade({ dir, only: ["images"], registryMirrors: mirrors });
    expect(Object.keys(plan.pins.images ?? {})).toEqual([STATIC]);
    expect(plan.notes).toEqual([expect.stringMatching(/^docker\.io\/library\/golang:1\.27\.5-trixie stays tag-only in the Dockerfiles: docker\.io\/library\/golang:1\.27\.5-trixie not found .*MANIFEST_UNKNOWN/)]);
  });

  it("scratch has no digest: only the builder is pinned", async () => {
    const plan = await planUpgrade({ dir: project(), only: ["images"], project: options({ baseImage: BaseImage.SCRATCH }), registryMirrors: mirrors });
    expect(Object.keys(plan.pins.images ?? {})).toEqual([GOLANG]);
  });

  it("pinImageDigests: false reads no digest, and says so", async () => {
    const plan = await planUpgrade({ dir: project(), only: ["images"], project: options({ pinImageDigests: false }), registryMirrors: mirrors });
    expect(plan.pins.images).toBeUndefined();
    expect(plan.notes).toEqual(["pinImageDigests is off: base image digests were not read"]);
  });
});

describe("planUpgrade: images, registries out of reach", () => {
  it("unreachable: FROMs stay tag-only, a digest read before is kept, each said in the notes; nothing throws", async () => {
    const port = await closedPort();
    const before = "sha256:" + "1".repeat(64);
    const dir = project({ images: { [STATIC]: before } });
    const plan = await planUpgrade({ dir, only: ["images"], project: options({ baseImage: BaseImage.ALPINE }), registryMirrors: `docker.io=http://127.0.0.1:${port},gcr.io=http://127.0.0.1:${port}` });
    expect(plan.changes).toEqual([]);
    // alpine is the runtime now: the old distroless entry is not one of its bases.
    expect(plan.pins.images).toBeUndefined();
    expect(plan.notes).toEqual([
      expect.stringMatching(new RegExp(`^alpine stays at 3\\.24\\.0: could not reach the container registry at http://127\\.0\\.0\\.1:${port} \\(mirror of docker\\.io\\): connect ECONNREFUSED`)),
      expect.stringMatching(/^docker\.io\/library\/golang:1\.27\.4-trixie stays tag-only in the Dockerfiles: could not reach/),
      expect.stringMatching(/^docker\.io\/library\/alpine:3\.24\.0 stays tag-only in the Dockerfiles: could not reach/),
    ]);
    const kept = await planUpgrade({ dir, only: ["images"], registryMirrors: `gcr.io=http://127.0.0.1:${port},docker.io=http://127.0.0.1:${port}` });
    expect(kept.pins.images).toEqual({ [STATIC]: before });
    expect(kept.notes[1]).toMatch(/^gcr\.io\/distroless\/static-debian13:nonroot keeps the digest read before \(sha256:111111111111\): could not reach/);
  });

  it("a malformed GOSYNTH_REGISTRY_MIRRORS stops the upgrade instead of unpinning", async () => {
    await expect(planUpgrade({ dir: project(), only: ["images"], env: { GOSYNTH_REGISTRY_MIRRORS: "docker.io" } })).rejects.toThrow(/GOSYNTH_REGISTRY_MIRRORS=docker\.io/);
  });

  it("another scope keeps the image pins as they are", async () => {
    const pins = { images: { [STATIC]: "sha256:" + "2".repeat(64) }, baseImages: { alpine: "3.25.1" } };
    const dir = project(pins);
    const plan = await planUpgrade({ dir, only: ["go"], goproxy: toolchainProxy(["1.27.4", "1.27.9"]) });
    expect(plan.changes).toEqual([{ what: "Go toolchain", from: "1.27.4", to: "1.27.9" }]);
    writePins(dir, plan.pins);
    expect(JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8"))).toMatchObject(pins);
  });
});

describe("newestReleaseTag", () => {
  it("the newest x.y.z of the same major, never older than the pin", () => {
    expect(newestReleaseTag(["3.23.4", "3.24.0", "3.24.10", "3.24.9", "3.25", "latest", "edge", "4.0.0", "20250108"], "3.24.0")).toBe("3.24.10");
    expect(newestReleaseTag(["3.23.4", "latest"], "3.24.0")).toBe("3.24.0");
  });
});
