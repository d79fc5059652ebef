import type { Platform } from "../config/resolved-config";

/**
 * The C compiler a cgo build uses per target architecture: Debian's cross
 * compilers (package gcc-<triplet>, e.g. gcc-aarch64-linux-gnu). The one table
 * the Makefile (build-all) and .goreleaser.yaml (overrides) read; config
 * validation refuses cgo for an architecture missing here.
 */
export const CROSS_COMPILERS: Readonly<Record<string, string>> = Object.freeze({
  amd64: "x86_64-linux-gnu-gcc",
  arm64: "aarch64-linux-gnu-gcc",
  arm: "arm-linux-gnueabihf-gcc",
  "386": "i686-linux-gnu-gcc",
  ppc64le: "powerpc64le-linux-gnu-gcc",
  s390x: "s390x-linux-gnu-gcc",
  riscv64: "riscv64-linux-gnu-gcc",
});

/** The cross compiler for a linux platform; throws for one config validation refuses. */
export function crossCompiler(platform: Platform): string {
  const cc = CROSS_COMPILERS[platform.arch];
  if (platform.os !== "linux" || cc === undefined) {
    throw new Error(`no C cross compiler for ${platform.id} (cgo targets: ${Object.keys(CROSS_COMPILERS).map((a) => `linux/${a}`).join(", ")})`);
  }
  return cc;
}
