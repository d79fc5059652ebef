import { BaseImage, GoServiceProjectOptions, HealthCheck, LintPreset } from "../src";

type Overrides = Partial<GoServiceProjectOptions>;

/** The canonical configs (also snapshotted in snapshots.test.ts). */
export const CANONICAL: [string, Overrides][] = [
  ["default", {}],
  ["scratch, three platforms, tags", { baseImage: BaseImage.SCRATCH, platforms: ["linux/amd64", "linux/arm64", "darwin/arm64"], buildTags: ["netgo"] }],
  ["cgo + distroless base, four platforms", { baseImage: BaseImage.DISTROLESS_BASE, cgo: true, goVersion: "1.25.3", platforms: ["linux/amd64", "linux/arm64", "linux/386", "linux/ppc64le"] }],
  ["alpine, arm/v7, goreleaser off", { baseImage: BaseImage.ALPINE, platforms: ["linux/arm/v7", "linux/amd64"], goreleaser: false }],
  ["ci off", { ci: false }],
  ["custom names, windows, strict lint", { binaryName: "api", mainPackage: "./cmd/server", port: 3000, platforms: ["linux/amd64", "windows/amd64"], lintPreset: LintPreset.STRICT, stripBinary: false }],
  ["kubernetes, three replicas", { kubernetes: true, kubernetesReplicas: 3 }],
  [
    "adopted: vendored, own files, env, args, HTTP health, own lint config and release names",
    {
      starterCode: false,
      modulePath: "example.app/v2",
      binaryName: "Exporter.v2",
      mainPackage: "./cmd/exporter",
      port: 9115,
      extraPorts: [9116],
      healthCheck: HealthCheck.http("/-/healthy"),
      versionVariable: "example.app/v2/internal/version.Version",
      revisionVariable: "example.app/v2/internal/version.Commit",
      vendor: true,
      buildFlags: ["-buildmode=pie"],
      runtimeFiles: [{ source: "exporter.yml", target: "/etc/exporter/config.yml" }],
      runtimeEnv: { LISTEN_ADDR: "0.0.0.0:9115" },
      runtimeArgs: ["--config.file=/etc/exporter/config.yml"],
      runtimeVolumes: ["/data"],
      golangciConfig: { linters: { default: "none", enable: ["misspell", "staticcheck"] } },
      releaseArchive: { nameTemplate: "{{ .ProjectName }}-{{ .Version }}.{{ .Os }}-{{ .Arch }}", wrapInDirectory: "true" },
      releaseChecksum: { nameTemplate: "SHA256SUMS" },
      platforms: ["linux/amd64", "linux/arm64", "darwin/arm64", "windows/amd64"],
    },
  ],
];
