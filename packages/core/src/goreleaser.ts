import { IResolver, Project, YamlFile } from "projen";
import { BUILD_ARGS } from "./build/build-args";
import { crossCompiler } from "./build/cross-compilers";
import type { GoBuild } from "./build/go-build";
import { HealthCheckKind } from "./config/health-check";
import type { Platform, ResolvedHealthCheck, RuntimeImage } from "./config/resolved-config";
import { HEALTHPROBE_DIR } from "./healthprobe/healthprobe";
import { Dockerfile } from "./dockerfile/dockerfile";
import { Instruction } from "./dockerfile/instruction";
import { needsRootfs, rootfsStage, runtimeStage } from "./dockerfile/service-stages";

/** The Dockerfile goreleaser builds images with, by default. */
export const RELEASE_DOCKERFILE = "goreleaser.Dockerfile";
const SCHEMA_MODELINE = "# yaml-language-server: $schema=https://goreleaser.com/static/schema.json";

/** Props of goreleaser's image Dockerfile. */
export interface ReleaseDockerfileProps {
  /** Name of the binary goreleaser puts in the context. */
  readonly binaryName: string;
  readonly runtime: RuntimeImage;
  /** Builder image (source of the files scratch and alpine lack). */
  readonly builderImage: string;
  readonly port: number;
  readonly sourceUrl: string;
  /** How the image checks health. @default - none */
  readonly healthCheck?: ResolvedHealthCheck;
  /** The binary reads PORT: set ENV PORT. @default false */
  readonly portFromEnv?: boolean;
  /** @default true */
  readonly explainComments?: boolean;
}

/**
 * goreleaser's image Dockerfile. dockers_v2 puts each platform's binary at
 * `<os>/<arch>/<binary>` in the build context; the runtime stage is the one
 * definition shared with ./Dockerfile.
 */
export class ReleaseDockerfile extends Dockerfile {
  public static of(project: Project): ReleaseDockerfile | undefined {
    return project.components.find((c): c is ReleaseDockerfile => c instanceof ReleaseDockerfile);
  }

  public constructor(project: Project, filePath: string, props: ReleaseDockerfileProps) {
    super(project, filePath, { explainComments: props.explainComments });
    if (needsRootfs(props.runtime)) this.addStage(rootfsStage(props.runtime, props.builderImage), { last: true });
    this.addStage(
      runtimeStage({
        binaryName: props.binaryName,
        runtime: props.runtime,
        port: props.port,
        sourceUrl: props.sourceUrl,
        source: {
          path: `\${TARGETPLATFORM}/${props.binaryName}`,
          preamble: [Instruction.arg("TARGETPLATFORM", undefined, { id: "runtime.target-platform", comment: "goreleaser puts each platform's binary under its os/arch folder." })],
        },
        healthCheck: props.healthCheck ?? { kind: HealthCheckKind.NONE },
        portFromEnv: props.portFromEnv ?? false,
        probeSource: { path: "${TARGETPLATFORM}/healthprobe" },
      }),
      { last: true },
    );
  }
}

/** Props of .goreleaser.yaml. */
export interface GoreleaserConfigProps {
  /** How the service binary is built (shared with the Makefile and the Dockerfile); the image runs it. */
  readonly goBuild: GoBuild;
  /** Other binaries to build and archive with it. @default [] */
  readonly extraBuilds?: GoBuild[];
  /** Build gosynth's HTTP health probe for the images. @default false */
  readonly healthProbe?: boolean;
  /** Platforms of binaries and archives. */
  readonly platforms: Platform[];
  /** Platforms of images. */
  readonly imagePlatforms: Platform[];
  /** Image repository the release pushes to. */
  readonly imageRepository: string;
  /** SBOMs of archives (syft) and images (buildx). @default false */
  readonly sbom?: boolean;
  /** cosign keyless signatures of the checksums and the images. @default false */
  readonly sign?: boolean;
  /** The Dockerfile of the release images. @default "goreleaser.Dockerfile" */
  readonly dockerfile?: string;
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

/** goreleaser's spelling of each build fact. */
const GORELEASER_VALUES = Object.fromEntries(
  BUILD_ARGS.map((arg) => [arg.name.toLowerCase(), arg.goreleaser]),
) as { version: string; revision: string; created: string };

/**
 * .goreleaser.yaml (v2): builds with the shared flags for every configured
 * platform, archives, checksums, changelog, snapshot versions and images
 * through dockers_v2. Edit anything with `addOverride`.
 */
export class GoreleaserConfig extends YamlFile {
  public static of(project: Project): GoreleaserConfig | undefined {
    return project.components.find((c): c is GoreleaserConfig => c instanceof GoreleaserConfig);
  }

  public constructor(project: Project, filePath: string, props: GoreleaserConfigProps) {
    const { goBuild: build, platforms } = props;
    const arms = unique(platforms.flatMap((p) => (p.arm ? [p.arm] : [])));
    const ignore = ignoredPairs(platforms);
    // Where and how each binary is built: every platform, cgo with its cross compiler (the probe never needs cgo).
    const target = (b: GoBuild, cgo = b.cgo) => ({
      env: [`CGO_ENABLED=${cgo ? "1" : "0"}`],
      goos: unique(platforms.map((p) => p.os)),
      goarch: unique(platforms.map((p) => p.arch)),
      ...(arms.length > 0 ? { goarm: arms } : {}),
      ...(ignore.length > 0 ? { ignore } : {}),
      ...(cgo ? { overrides: platforms.map((p) => ({ goos: p.os, goarch: p.arch, env: [`CC=${crossCompiler(p)}`] })) } : {}),
    });
    super(project, filePath, {
      readonly: true,
      marker: true,
      obj: {
        version: 2,
        project_name: build.binaryName,
        builds: [
          ...[build, ...(props.extraBuilds ?? [])].map((b) => ({
            id: b.binaryName,
            main: b.mainPackage,
            binary: b.binaryName,
            ...target(b),
            // File times from the commit: the same commit gives byte-identical archives.
            mod_timestamp: "{{ .CommitTimestamp }}",
            flags: b.flags,
            ldflags: [b.ldflags(GORELEASER_VALUES)],
          })),
          ...(props.healthProbe
            ? [
                {
                  id: "healthprobe",
                  dir: HEALTHPROBE_DIR,
                  main: ".",
                  binary: "healthprobe",
                  ...target(build.withBinary("healthprobe", "."), false),
                  mod_timestamp: "{{ .CommitTimestamp }}",
                  flags: ["-trimpath"],
                  ldflags: ["-s -w"],
                },
              ]
            : []),
        ],
        archives: [
          {
            id: build.binaryName,
            ids: [build, ...(props.extraBuilds ?? [])].map((b) => b.binaryName),
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
            id: build.binaryName,
            ids: [build.binaryName, ...(props.healthProbe ? ["healthprobe"] : [])],
            dockerfile: props.dockerfile ?? RELEASE_DOCKERFILE,
            images: [props.imageRepository],
            tags: ["{{ .Version }}", "latest"],
            platforms: props.imagePlatforms.map((p) => p.id),
            build_args: { ...Object.fromEntries(BUILD_ARGS.map((arg) => [arg.name, arg.goreleaser])), SOURCE_DATE_EPOCH: "{{ .CommitTimestamp }}" },
            ...(props.sbom ? { sbom: true } : {}),
          },
        ],
        ...(props.sbom ? { sboms: [{ id: "archives", artifacts: "archive" }] } : {}),
        ...(props.sign
          ? {
              // Keyless: the release job's OIDC token; one Sigstore bundle beside checksums.txt (docs/verifying.md).
              signs: [
                {
                  cmd: "cosign",
                  artifacts: "checksum",
                  signature: "${artifact}.sigstore.json",
                  args: ["sign-blob", "--new-bundle-format", "--bundle=${signature}", "--yes", "${artifact}"],
                },
              ],
              docker_signs: [{ cmd: "cosign", args: ["sign", "${artifact}@${digest}", "--yes"] }],
            }
          : {}),
      },
    });
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    const content = super.synthesizeContent(resolver);
    return content === undefined ? undefined : `${SCHEMA_MODELINE}\n${content}`;
  }
}
