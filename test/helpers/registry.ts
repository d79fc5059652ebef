import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseImageReference } from "../../packages/core/src/upgrade/sources/oci-registry";
import { mustRun } from "./project";
import { PODMAN_ENV } from "./standins";
import { repoRoot } from "./tools";

/** The registries a generated Dockerfile pulls from, all mirrored to the local one. */
const MIRRORED = ["docker.io", "gcr.io"];

/** A real OCI registry (`crane registry serve`) on a free loopback port, mirroring Docker Hub and gcr.io. */
export interface LocalRegistry {
  /** "127.0.0.1:PORT". */
  readonly host: string;
  /** The GOSYNTH_REGISTRY_MIRRORS value that sends docker.io and gcr.io here. */
  readonly mirrors: string;
  /** podman's environment: its settings and a registries.conf whose mirrors (insecure) are this registry. */
  readonly podmanEnv: Record<string, string>;
  /** Every request the registry logged ("GET /v2/library/golang/manifests/...") so far. */
  requests(): string[];
  /**
   * Pushes the local image `reference` (a stand-in in podman's storage) to where the mirror
   * serves that name. multiPlatform: an index of linux/amd64 (the image) and linux/arm64 (its
   * config relabelled), as the real golang and distroless tags are. labels: added on the way,
   * for "the tag moved". Returns the digest the registry now serves for the tag (crane's word).
   */
  push(reference: string, options?: { multiPlatform?: boolean; labels?: Record<string, string> }): string;
  /** The digest the registry serves for a docker.io or gcr.io name:tag, as crane reads it. */
  digest(reference: string): string;
  stop(): void;
}

/** Starts `crane registry serve` (blobs on disk: the golang stand-in is ~600 MB) and waits for its port. */
export async function startRegistry(crane: string): Promise<LocalRegistry> {
  const work = mkdtempSync(join(tmpdir(), "gosynth-registry-"));
  // crane stores blobs in --disk but does not create it.
  mkdirSync(join(work, "blobs"));
  // Its log goes to a file, not a pipe: the tests run podman synchronously, and a pipe nobody
  // reads meanwhile would hold lines back (or stall the registry once full).
  const logFile = join(work, "registry.log");
  const fd = openSync(logFile, "a");
  const child: ChildProcess = spawn(crane, ["registry", "serve", "--address", "127.0.0.1:0", "--disk", join(work, "blobs")], { stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const log = () => readFileSync(logFile, "utf-8");
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code));
  let port: number | undefined;
  for (let i = 0; i < 200 && port === undefined; i++) {
    if (exited !== undefined) throw new Error(`crane registry serve exited (${exited}):\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
    const m = /serving on port (\d+)/.exec(log());
    if (m) port = Number(m[1]);
  }
  if (port === undefined) {
    child.kill();
    throw new Error(`crane registry serve did not start within 20 s:\n${log()}`);
  }
  const host = `127.0.0.1:${port}`;
  const conf = join(work, "registries.conf");
  writeFileSync(
    conf,
    [
      "unqualified-search-registries = []",
      ...MIRRORED.map((prefix) => `\n[[registry]]\nprefix = "${prefix}"\nlocation = "${prefix}"\n[[registry.mirror]]\nlocation = "${host}"\ninsecure = true`),
      `\n[[registry]]\nlocation = "${host}"\ninsecure = true\n`,
    ].join("\n"),
  );
  const podmanEnv = { ...PODMAN_ENV, CONTAINERS_REGISTRIES_CONF: conf };
  const craneRun = (...args: string[]) => mustRun(crane, ["--insecure", ...args], repoRoot).trim();
  /** Where the mirror serves a name: the registry's host replaced by ours, as registries.conf maps it. */
  const here = (reference: string) => {
    const name = parseImageReference(reference);
    if (!MIRRORED.includes(name.registry)) throw new Error(`${reference}: only ${MIRRORED.join(", ")} are mirrored here`);
    return `${host}/${name.repository}:${name.tag}`;
  };
  return {
    host,
    mirrors: MIRRORED.map((prefix) => `${prefix}=http://${host}`).join(","),
    podmanEnv,
    requests: () => log().split("\n").filter((l) => /\b(GET|HEAD|PUT|POST|PATCH) \/v2\//.test(l)),
    push(reference, options = {}) {
      const target = here(reference);
      const amd64 = options.multiPlatform ? `${target}-linux-amd64` : target;
      mustRun("podman", ["push", "--quiet", "--tls-verify=false", reference.replace(/@sha256:.*$/, ""), amd64], repoRoot, podmanEnv);
      const labels = Object.entries(options.labels ?? {});
      if (labels.length > 0) craneRun("mutate", ...labels.flatMap(([k, v]) => ["--label", `${k}=${v}`]), amd64, "-t", amd64);
      if (options.multiPlatform) {
        const arm64 = `${target}-linux-arm64`;
        craneRun("mutate", "--set-platform", "linux/arm64", amd64, "-t", arm64);
        craneRun("index", "append", "-m", amd64, "-m", arm64, "-t", target);
      }
      return craneRun("digest", target);
    },
    digest: (reference) => craneRun("digest", here(reference)),
    stop() {
      child.kill();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
