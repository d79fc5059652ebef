import { join } from "node:path";
import type { ResolvedGoServiceConfig } from "../../packages/core/src/config/resolved-config";
import { mustRun } from "./project";
import { repoRoot } from "./tools";

/** podman's settings for the container tier (scripts/container/env.sh says the same). */
export const PODMAN_ENV = {
  CONTAINERS_CONF: join(repoRoot, "scripts/container/containers.conf"),
  CONTAINERS_STORAGE_CONF: join(repoRoot, "scripts/container/storage.conf"),
};

/** The images a Dockerfile's FROM lines name: earlier stages and scratch left out, digests kept. */
export function dockerfileBases(dockerfile: string): string[] {
  const stages = new Set<string>();
  const bases: string[] = [];
  for (const m of dockerfile.matchAll(/^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$/gim)) {
    const image = m[1]!;
    if (!stages.has(image) && image !== "scratch" && !bases.includes(image)) bases.push(image);
    if (m[2]) stages.add(m[2]);
  }
  return bases;
}

/** The bases a project's Dockerfiles name, tag only: its builder and (but scratch) its runtime. */
export function configBases(config: ResolvedGoServiceConfig): string[] {
  return [config.image.builderTag, config.image.runtime.tag].filter((ref) => ref !== "scratch");
}

/** Local stand-ins for these base images (scripts/container/standins.sh; cheap when they exist). */
export function buildStandins(references: string[]): void {
  mustRun("bash", [join(repoRoot, "scripts/container/standins.sh"), ...new Set(references)], repoRoot);
}
