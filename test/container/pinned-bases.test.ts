import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../packages/core/src/config/resolve";
import { planUpgrade, writePins } from "../../packages/core/src/upgrade/upgrade";
import { options, synth } from "../../packages/core/test/util";
import { ensureBuilt, gosynth } from "../../packages/cli/test/helpers";
import { mustRun, run } from "../helpers/project";
import { type LocalRegistry, startRegistry } from "../helpers/registry";
import { buildStandins, configBases, dockerfileBases } from "../helpers/standins";
import { repoRoot, systemTool, tool } from "../helpers/tools";

// Base images pinned by digest, end to end against a real OCI registry on the
// loopback (go-containerregistry's `crane registry serve`) that mirrors
// docker.io and gcr.io: the stand-ins pushed there (golang and distroless as
// two-platform indexes, as the real tags are), the images scope of the upgrade
// reads their digests through GOSYNTH_REGISTRY_MIRRORS, synthesis pins every
// FROM, and podman pulls the pinned bases through the same mirror
// (registries.conf) to build and run the service.
const podman = systemTool("podman");
const crane = tool("crane");
const bases = configBases(resolveConfig(options()));
const [GOLANG, STATIC] = bases as [string, string];

/** Every FROM image of a project's Dockerfiles, split into reference and digest. */
function pinnedFroms(dir: string): [string, string | undefined][] {
  return ["Dockerfile", "goreleaser.Dockerfile"].flatMap((file) => dockerfileBases(readFileSync(join(dir, file), "utf-8"))).map((from) => from.split("@") as [string, string | undefined]);
}

describe.skipIf(!podman || !crane)("pinned bases: digests read from a registry on the loopback, builds pull them", () => {
  let registry: LocalRegistry;
  beforeAll(async () => {
    buildStandins(bases);
    registry = await startRegistry(crane!);
    for (const base of bases) registry.push(base, { multiPlatform: true });
  });
  afterAll(() => registry?.stop());

  it("upgrade pins each base to the index digest the registry serves; podman pulls them through the mirror, builds, runs", async () => {
    const { dir } = synth();
    const plan = await planUpgrade({ dir, only: ["images"], registryMirrors: registry.mirrors });
    expect(plan.notes).toEqual([]);
    writePins(dir, plan.pins);
    synth({}, dir);

    const served = Object.fromEntries(bases.map((base) => [base, registry.digest(base)]));
    const froms = pinnedFroms(dir);
    expect(new Set(froms.map(([reference]) => reference))).toEqual(new Set(bases));
    for (const [reference, digest] of froms) expect(digest, reference).toBe(served[reference]);
    // The index's digest (every platform resolves from it), not the amd64 manifest's.
    for (const base of bases) {
      const manifest = JSON.parse(mustRun(crane!, ["--insecure", "manifest", `${registry.host}/${base.replace(/^[^/]+\//, "")}`], repoRoot));
      expect(manifest.mediaType).toBe("application/vnd.oci.image.index.v1+json");
      expect(manifest.manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture)).toEqual(["amd64", "arm64"]);
    }

    // An empty image store of its own: the shared one has the stand-ins (with these very digests,
    // once pushed), so podman would not need the registry; this one must pull every base.
    const store = mkdtempSync(join(tmpdir(), "gosynth-store-"));
    const pod = (...args: string[]) => mustRun(podman!, ["--root", join(store, "graph"), "--runroot", join(store, "run"), ...args], dir, registry.podmanEnv);
    const before = registry.requests().length;
    try {
      pod("build", "--format", "docker", "--build-arg", "BUILDPLATFORM=linux/amd64", "--build-arg", "VERSION=9.9.9", "-t", "localhost/gosynth-test/hello:pinned", ".");
      const pulled = registry.requests().slice(before);
      expect(pulled).toContainEqual(expect.stringContaining(`GET /v2/library/golang/manifests/${served[GOLANG]}`));
      expect(pulled).toContainEqual(expect.stringContaining(`GET /v2/distroless/static-debian13/manifests/${served[STATIC]}`));
      expect(pod("run", "--rm", "localhost/gosynth-test/hello:pinned", "-version").trim()).toBe("hello 9.9.9");
    } finally {
      run(podman!, ["--root", join(store, "graph"), "--runroot", join(store, "run"), "rmi", "-a", "-f"], dir, registry.podmanEnv);
      rmSync(store, { recursive: true, force: true });
    }
  });

  it("gosynth upgrade moves a digest when the registry's tag moves, and only that one", () => {
    ensureBuilt();
    const dir = join(mkdtempSync(join(tmpdir(), "gosynth-pinned-")), "hello");
    mkdirSync(dir);
    writeFileSync(join(dir, ".projenrc.ts"), 'import { GoServiceProject } from "@gosynth/core";\n\nnew GoServiceProject({ name: "hello", modulePath: "example.com/acme/hello" }).synth();\n');
    // The repository's node_modules (with this @gosynth/core) stands in for the project's.
    symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
    mustRun("node", ["--import", "tsx", ".projenrc.ts"], dir, { PROJEN_DISABLE_POST: "true" });
    const env = { GOSYNTH_REGISTRY_MIRRORS: registry.mirrors, PROJEN_DISABLE_POST: "true" };
    const first = gosynth(["upgrade", "--only", "images"], dir, env);
    expect(first.code, first.out + first.err).toBe(0);
    const pinned = new Map(pinnedFroms(dir));
    expect(pinned.get(STATIC)).toBe(registry.digest(STATIC));

    const moved = registry.push(STATIC, { multiPlatform: true, labels: { "gosynth.test.moved": "1" } });
    expect(moved).not.toBe(pinned.get(STATIC));
    const second = gosynth(["upgrade", "--only", "images"], dir, env);
    expect(second.code, second.out + second.err).toBe(0);
    expect(second.out).toContain(`${STATIC} ${pinned.get(STATIC)!.slice(0, 19)} -> ${moved.slice(0, 19)}`);
    expect(second.out).not.toContain(GOLANG);
    expect(JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8")).images).toEqual({ [GOLANG]: pinned.get(GOLANG), [STATIC]: moved });
    expect(new Map(pinnedFroms(dir))).toEqual(new Map([[GOLANG, pinned.get(GOLANG)], [STATIC, moved]]));
  });
});
