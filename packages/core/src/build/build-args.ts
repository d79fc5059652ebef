/**
 * The build arguments every image build passes (Makefile, CI, goreleaser) and
 * the Dockerfile declares, with one meaning each:
 * - VERSION: the release version without a leading "v" (goreleaser's .Version);
 *   elsewhere `git describe`, so an untagged commit is "<tag>-<n>-g<sha>".
 * - REVISION: the full commit SHA.
 * - CREATED: the commit's time in UTC (RFC 3339), never the clock: rebuilding
 *   the same commit gives the same labels, hence the same image.
 */
export interface BuildArgDefinition {
  /** ARG / --build-arg name. */
  readonly name: string;
  /** Value when the builder passes none. */
  readonly fallback: string;
  /** Shell command that prints the value in a git checkout (Makefile, CI). */
  readonly shell: string;
  /** goreleaser template of the same value. */
  readonly goreleaser: string;
  /** OCI label the runtime image carries it in. */
  readonly label: string;
}

export const VERSION_ARG: BuildArgDefinition = Object.freeze({
  name: "VERSION",
  fallback: "dev",
  shell: "git describe --tags --always --dirty 2>/dev/null | sed 's/^v//' | grep . || echo dev",
  goreleaser: "{{ .Version }}",
  label: "org.opencontainers.image.version",
});

export const REVISION_ARG: BuildArgDefinition = Object.freeze({
  name: "REVISION",
  fallback: "unknown",
  // --verify --quiet: nothing on stdout in a repository without commits (plain rev-parse prints "HEAD").
  shell: "git rev-parse --verify --quiet HEAD 2>/dev/null || echo unknown",
  goreleaser: "{{ .FullCommit }}",
  label: "org.opencontainers.image.revision",
});

export const CREATED_ARG: BuildArgDefinition = Object.freeze({
  name: "CREATED",
  fallback: "unknown",
  shell: "TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null || echo unknown",
  goreleaser: "{{ .CommitDate }}",
  label: "org.opencontainers.image.created",
});

/** In the order builders pass them. */
export const BUILD_ARGS: readonly BuildArgDefinition[] = Object.freeze([VERSION_ARG, REVISION_ARG, CREATED_ARG]);

/**
 * The commit time in seconds, for SOURCE_DATE_EPOCH: image builders stamp
 * config and layer times with it, so rebuilding a commit gives the same image.
 */
export const SOURCE_DATE_EPOCH_SHELL = "git log -1 --format=%ct 2>/dev/null || echo 0";
