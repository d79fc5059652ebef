import { BaseImage, GoServiceProjectOptions, LintPreset } from "../src";

type Overrides = Partial<GoServiceProjectOptions>;

/** The canonical configs (also snapshotted in snapshots.test.ts). */
export const CANONICAL: [string, Overrides][] = [
  ["default", {}],
  ["scratch, three platforms, tags", { baseImage: BaseImage.SCRATCH, platforms: ["linux/amd64", "linux/arm64", "darwin/arm64"], buildTags: ["netgo"] }],
  ["cgo + distroless base, four platforms", { baseImage: BaseImage.DISTROLESS_BASE, cgo: true, goVersion: "1.25.3", platforms: ["linux/amd64", "linux/arm64", "linux/386", "linux/ppc64le"] }],
  ["alpine, arm/v7, goreleaser off", { baseImage: BaseImage.ALPINE, platforms: ["linux/arm/v7", "linux/amd64"], goreleaser: false }],
  ["ci off", { ci: false }],
  ["custom names, windows, strict lint", { binaryName: "api", mainPackage: "./cmd/server", port: 3000, platforms: ["linux/amd64", "windows/amd64"], lintPreset: LintPreset.STRICT, stripBinary: false }],
];
