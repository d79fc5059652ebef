import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { Project } from "projen/lib/project";
import { YamlFile } from "projen/lib/yaml";
import { BUILD_ARGS } from "../build/build-args";
import { crossCompiler } from "../build/cross-compilers";
import type { GoBuild } from "../build/go-build";
import type { Platform, ResolvedArchive, ResolvedBinaryImage } from "../config/resolved-config";
import { DEFAULT_ARCHIVE_NAME } from "../config/resolve-release";
import { CommentedYamlFile } from "../files/commented-yaml-file";
import { HEALTHPROBE_DIR } from "../healthprobe/healthprobe";
import { RELEASE_DOCKERFILE } from "./release-dockerfile";

/** goreleaser's JSON schema, for editors (yaml-language-server reads the first line). */
const SCHEMA = "https://goreleaser.com/static/schema.json";

/** One binary goreleaser builds, with the platforms of its archives. */
export interface GoreleaserBuild {
  readonly goBuild: GoBuild;
  /** Its platforms. */
  readonly platforms: Platform[];
}

/** Props of .goreleaser.yaml. */
export interface GoreleaserConfigProps {
  /** Path of the file. @default ".goreleaser.yaml" */
  readonly filePath?: string;
  /** How the service binary is built (shared with the Makefile and the Dockerfile); the image runs it. */
  readonly goBuild: GoBuild;
  /** Other binaries to build and archive with it, each with its platforms. @default [] */
  readonly extraBuilds?: GoreleaserBuild[];
  /** Build gosynth's HTTP health probe for the images. @default false */
  readonly healthProbe?: boolean;
  /** Platforms of the service binary and its archives. */
  readonly platforms: Platform[];
  /** Platforms of images. */
  readonly imagePlatforms: Platform[];
  /** Image repository the release pushes to. */
  readonly imageRepository: string;
  /** Repository files the images copy in (goreleaser puts them in the image's build context). @default [] */
  readonly imageFiles?: string[];
  /** Archives. @default - one tar.gz (zip on windows) per platform */
  readonly archive?: ResolvedArchive;
  /** Checksums file name template. @default "checksums.txt" */
  readonly checksumName?: string;
  /** Checksum algorithm. @default "sha256" */
  readonly checksumAlgorithm?: string;
  /** SBOMs of archives (syft) and images (buildx). @default false */
  readonly sbom?: boolean;
  /** cosign keyless signatures of the checksums and the images. @default false */
  readonly sign?: boolean;
  /** The Dockerfile of the release images. @default "goreleaser.Dockerfile" */
  readonly dockerfile?: string;
  /** Images of other binaries (of extraBuilds): each built from its stage of the Dockerfile (--target). @default [] */
  readonly binaryImages?: ResolvedBinaryImage[];
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
const GORELEASER_VALUES = Object.fromEntries(BUILD_ARGS.map((arg) => [arg.name.toLowerCase(), arg.goreleaser])) as { version: string; revision: string; created: string };

/** Where and how a binary is built: its platforms, cgo with its cross compiler. */
function target(b: GoBuild, platforms: Platform[], cgo = b.cgo) {
  const arms = unique(platforms.flatMap((p) => (p.arm ? [p.arm] : [])));
  const ignore = ignoredPairs(platforms);
  return {
    env: [`CGO_ENABLED=${cgo ? "1" : "0"}`],
    goos: unique(platforms.map((p) => p.os)),
    goarch: unique(platforms.map((p) => p.arch)),
    ...(arms.length > 0 ? { goarm: arms } : {}),
    ...(ignore.length > 0 ? { ignore } : {}),
    ...(cgo ? { overrides: platforms.map((p) => ({ goos: p.os, goarch: p.arch, env: [`CC=${crossCompiler(p)}`] })) } : {}),
  };
}

/**
 * .goreleaser.yaml (v2): builds with the shared flags for each binary's
 * platforms, archives, checksums, changelog, snapshot versions and images
 * through dockers_v2. It owns its YamlFile (`file`): edit anything with
 * `file.addOverride`.
 */
export class GoreleaserConfig extends Component {
  public static of(project: Project): GoreleaserConfig | undefined {
    return project.components.find((c): c is GoreleaserConfig => c instanceof GoreleaserConfig);
  }

  /** The file it writes. */
  public readonly file: YamlFile;
  private readonly props: GoreleaserConfigProps;

  public constructor(scope: IConstruct, id: string, props: GoreleaserConfigProps) {
    super(scope, id);
    this.props = props;
    // Editors validate it against goreleaser's schema: the modeline comment goes first.
    this.file = new CommentedYamlFile(this, props.filePath ?? ".goreleaser.yaml", { readonly: true, marker: true, obj: () => this.render(), header: [`yaml-language-server: $schema=${SCHEMA}`] });
  }

  private render(): Record<string, unknown> {
    const props = this.props;
    const { goBuild: build } = props;
    const builds: GoreleaserBuild[] = [{ goBuild: build, platforms: props.platforms }, ...(props.extraBuilds ?? [])];
    const archive = props.archive ?? { nameTemplate: DEFAULT_ARCHIVE_NAME, formats: ["tar.gz"] };
    const wrap = archive.wrapInDirectory === "true" ? true : archive.wrapInDirectory;
    return {
      version: 2,
      project_name: build.binaryName,
      builds: [
        ...builds.map(({ goBuild: b, platforms }) => ({
          id: b.binaryName,
          main: b.mainPackage,
          binary: b.binaryName,
          ...target(b, platforms),
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
                ...target(build, props.imagePlatforms, false),
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
          ids: builds.map((b) => b.goBuild.binaryName),
          formats: archive.formats,
          ...(archive.formats.includes("zip") ? {} : { format_overrides: [{ goos: "windows", formats: ["zip"] }] }),
          name_template: archive.nameTemplate,
          ...(wrap !== undefined ? { wrap_in_directory: wrap } : {}),
          ...(archive.files ? { files: archive.files } : {}),
        },
      ],
      checksum: { name_template: props.checksumName ?? "checksums.txt", algorithm: props.checksumAlgorithm ?? "sha256" },
      changelog: { sort: "asc", filters: { exclude: ["^docs:", "^test:", "^chore:"] } },
      snapshot: { version_template: "{{ incpatch .Version }}-snapshot" },
      dockers_v2: [
        this.image(build.binaryName, [build.binaryName, ...(props.healthProbe ? ["healthprobe"] : [])], props.imageRepository),
        // Another binary's image: its stage of the same Dockerfile, with only its binary in the context.
        ...(props.binaryImages ?? []).map((i) => this.image(i.binaryName, [i.binaryName], i.repository, [`--target=${i.binaryName}`])),
      ],
      ...(props.sbom ? { sboms: [{ id: "archives", artifacts: "archive" }] } : {}),
      ...(props.sign
        ? {
            // Keyless: the release job's OIDC token; one Sigstore bundle beside the checksums (docs/verifying.md).
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
    };
  }

  /** One dockers_v2 image: the builds whose binaries its context gets, where it is pushed, the docker build flags. */
  private image(id: string, ids: string[], repository: string, flags: string[] = []): Record<string, unknown> {
    const props = this.props;
    return {
      id,
      ids,
      dockerfile: props.dockerfile ?? RELEASE_DOCKERFILE,
      images: [repository],
      tags: ["{{ .Version }}", "latest"],
      platforms: props.imagePlatforms.map((p) => p.id),
      ...((props.imageFiles ?? []).length > 0 ? { extra_files: props.imageFiles } : {}),
      build_args: { ...Object.fromEntries(BUILD_ARGS.map((arg) => [arg.name, arg.goreleaser])), SOURCE_DATE_EPOCH: "{{ .CommitTimestamp }}" },
      ...(flags.length > 0 ? { flags } : {}),
      ...(props.sbom ? { sbom: true } : {}),
    };
  }
}
