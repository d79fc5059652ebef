/**
 * The runtime image of the service container.
 */
export enum BaseImage {
  /** gcr.io/distroless/static: no shell, no libc, CA certificates and tzdata. The smallest safe default for static Go binaries. */
  DISTROLESS_STATIC = "distroless-static",
  /** gcr.io/distroless/base: distroless plus glibc. Required when cgo is on. */
  DISTROLESS_BASE = "distroless-base",
  /** Alpine: a shell and busybox for debugging, at the cost of size and attack surface. */
  ALPINE = "alpine",
  /** scratch: nothing but the binary and the files we copy in. The smallest image. */
  SCRATCH = "scratch",
}

/** The Debian release of the distroless runtime images and the golang builder image. */
export enum DebianRelease {
  /** Debian 12 "bookworm" (distroless *-debian12, golang:*-bookworm). */
  BOOKWORM = "debian12",
  /** Debian 13 "trixie", the current stable (distroless *-debian13, golang:*-trixie). */
  TRIXIE = "debian13",
}
