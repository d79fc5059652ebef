import type { ResolvedGoServiceConfig } from "./config/resolved-config";

/**
 * The one definition of how the service binary is built. The Makefile, the
 * Dockerfile and .goreleaser.yaml all render these, each with its own syntax
 * for the version value, so the three builds cannot drift apart.
 */

/** CGO_ENABLED value: off gives a static binary that runs on distroless static and scratch. */
export function cgoEnabled(config: ResolvedGoServiceConfig): string {
  return config.cgo ? "1" : "0";
}

/** -ldflags value; `versionExpression` is how the file spells the version ("$(VERSION)", "${VERSION}", "{{.Version}}"). */
export function goLdflags(config: ResolvedGoServiceConfig, versionExpression: string): string {
  return [...(config.stripBinary ? ["-s", "-w"] : []), `-X ${config.versionVariable}=${versionExpression}`, ...config.extraLdflags].join(" ");
}

/** Flags other than -ldflags and -o: -trimpath for reproducible paths, build tags. */
export function goBuildFlags(config: ResolvedGoServiceConfig): string[] {
  return ["-trimpath", ...(config.buildTags.length > 0 ? [`-tags=${config.buildTags.join(",")}`] : [])];
}

/** The `go build` command line for shells (Makefile, Dockerfile). */
export function goBuildCommand(config: ResolvedGoServiceConfig, versionExpression: string, output: string): string {
  return ["go build", ...goBuildFlags(config), `-ldflags="${goLdflags(config, versionExpression)}"`, `-o ${output}`, config.mainPackage].join(" ");
}
