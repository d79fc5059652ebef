import { IResolver, Project, YamlFile } from "projen";
import type { Platform, ResolvedGoServiceConfig } from "./config/resolved-config";
import { Dockerfile } from "./dockerfile/dockerfile";
import { Instruction } from "./dockerfile/instruction";
import { needsRootfs, rootfsStage, runtimeStage } from "./dockerfile/service-stages";
import { cgoEnabled, goBuildFlags, goLdflags } from "./go-build";

/** The Dockerfile goreleaser builds images with: the prebuilt binary into the same runtime stage as ./Dockerfile. */
export const RELEASE_DOCKERFILE = "goreleaser.Dockerfile";
const SCHEMA_MODELINE = "# yaml-language-server: $schema=https://goreleaser.com/static/schema.json";
const CROSS_CC: Readonly<Record<string, string>> = { amd64: "x86_64-linux-gnu-gcc", arm64: "aarch64-linux-gnu-gcc", arm: "arm-linux-gnueabihf-gcc" };

/**
 * goreleaser's image Dockerfile. dockers_v2 puts each platform's binary at
 * `<os>/<arch>/<binary>` in the build context; the runtime stage is the one
 * definition shared with ./Dockerfile.
 */
export class ReleaseDockerfile extends Dockerfile {
  public constructor(project: Project, config: ResolvedGoServiceConfig) {
    super(project, RELEASE_DOCKERFILE, { explainComments: config.explainComments });
    if (needsRootfs(config)) this.addStage(rootfsStage(config), { last: true });
    this.addStage(
      runtimeStage(config, {
        path: `\${TARGETPLATFORM}/${config.binaryName}`,
        preamble: [Instruction.arg("TARGETPLATFORM", undefined, { id: "runtime.target-platform", comment: "goreleaser puts each platform's binary under its os/arch folder." })],
      }),
      { last: true },
    );
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** goos x goarch pairs goreleaser would build that are not configured platforms. */
function ignoredPairs(platforms: Platform[]): { goos: string; goarch: string }[] {
  const goos = unique(platforms.map((p) => p.os));
  const goarch = unique(platforms.map((p) => p.arch));
  const wanted = new Set(platforms.map((p) => `${p.os}/${p.arch}`));
  return goos.flatMap((os) => goarch.filter((arch) => !wanted.has(`${os}/${arch}`)).map((arch) => ({ goos: os, goarch: arch })));
}

/**
 * .goreleaser.yaml (v2): builds with the shared flags for every configured
 * platform, archives, checksums, changelog, snapshot versions and images
 * through dockers_v2. Edit anything with `addOverride`.
 */
export class GoreleaserConfig extends YamlFile {
  public constructor(project: Project, config: ResolvedGoServiceConfig) {
    const arms = unique(config.platforms.flatMap((p) => (p.arm ? [p.arm] : [])));
    const ignore = ignoredPairs(config.platforms);
    super(project, ".goreleaser.yaml", {
      readonly: true,
      marker: true,
      obj: {
        version: 2,
        project_name: config.binaryName,
        builds: [
          {
            id: config.binaryName,
            main: config.mainPackage,
            binary: config.binaryName,
            env: [`CGO_ENABLED=${cgoEnabled(config)}`],
            flags: goBuildFlags(config),
            ldflags: [goLdflags(config, "{{ .Version }}")],
            goos: unique(config.platforms.map((p) => p.os)),
            goarch: unique(config.platforms.map((p) => p.arch)),
            ...(arms.length > 0 ? { goarm: arms } : {}),
            ...(ignore.length > 0 ? { ignore } : {}),
            ...(config.cgo
              ? { overrides: config.platforms.map((p) => ({ goos: p.os, goarch: p.arch, env: [`CC=${CROSS_CC[p.arch] ?? "gcc"}`] })) }
              : {}),
          },
        ],
        archives: [
          {
            id: config.binaryName,
            ids: [config.binaryName],
            formats: ["tar.gz"],
            format_overrides: [{ goos: "windows", formats: ["zip"] }],
            name_template: "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}",
          },
        ],
        checksum: { name_template: "checksums.txt", algorithm: "sha256" },
        changelog: { sort: "asc", filters: { exclude: ["^docs:", "^test:", "^chore:"] } },
        snapshot: { version_template: "{{ incpatch .Version }}-snapshot" },
        dockers_v2: [
          {
            id: config.binaryName,
            ids: [config.binaryName],
            dockerfile: RELEASE_DOCKERFILE,
            images: [config.imageRepository],
            tags: ["{{ .Version }}", "latest"],
            platforms: config.imagePlatforms.map((p) => p.id),
            build_args: { VERSION: "{{ .Version }}", REVISION: "{{ .FullCommit }}", CREATED: "{{ .Date }}" },
          },
        ],
      },
    });
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    const content = super.synthesizeContent(resolver);
    return content === undefined ? undefined : `${SCHEMA_MODELINE}\n${content}`;
  }
}
