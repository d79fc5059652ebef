import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { BaseImage, type GoServiceProjectOptions } from "../../packages/core/src";
import type { ResolvedGoServiceConfig } from "../../packages/core/src/config/resolved-config";
import { synth } from "../../packages/core/test/util";
import { mustRun } from "./project";
import { PODMAN_ENV } from "./standins";

/** Every base-image variant of a generated service, built by the container tier. */
export const VARIANTS: [string, Partial<GoServiceProjectOptions>][] = [
  ["distroless-static", {}],
  ["distroless-base-cgo", { baseImage: BaseImage.DISTROLESS_BASE, cgo: true }],
  ["alpine", { baseImage: BaseImage.ALPINE }],
  ["scratch", { baseImage: BaseImage.SCRATCH }],
];

export interface BuiltImage {
  readonly tag: string;
  readonly dir: string;
  readonly config: ResolvedGoServiceConfig;
}

export function pod(args: string[], cwd: string): string {
  return mustRun("podman", args, cwd, PODMAN_ENV);
}

/**
 * Synthesizes a variant and builds its Dockerfile on the local stand-ins (podman does not fill
 * $BUILDPLATFORM in FROM, so it is passed). The same variant built again by another test file is
 * the same context: podman's layer cache makes it seconds.
 */
export function buildVariant(name: string, overrides: Partial<GoServiceProjectOptions>): BuiltImage {
  const { dir, project } = synth({ ...overrides, port: 8080 });
  const tag = `localhost/gosynth-test/hello:${name}`;
  pod(["build", "--format", "docker", "--pull=never", "--build-arg", "BUILDPLATFORM=linux/amd64", "--build-arg", "VERSION=9.9.9", "-t", tag, "."], dir);
  return { tag, dir, config: project.config };
}

/** goreleaser.Dockerfile around a binary built by `make build`, in the context goreleaser lays out (linux/amd64/<binary>). */
export function buildReleaseImage(): BuiltImage {
  const { dir, project } = synth();
  mustRun("make", ["build", "VERSION=7.7.7"], dir);
  const context = join(dir, "release-context");
  mkdirSync(join(context, "linux/amd64"), { recursive: true });
  cpSync(join(dir, "bin/hello"), join(context, "linux/amd64/hello"));
  const tag = "localhost/gosynth-test/hello:release";
  pod(["build", "--format", "docker", "--pull=never", "--build-arg", "TARGETPLATFORM=linux/amd64", "-f", join(dir, "goreleaser.Dockerfile"), "-t", tag, context], dir);
  return { tag, dir, config: project.config };
}
