import type { IConstruct } from "constructs";
import type { Project } from "projen/lib/project";
import { HealthCheckKind } from "../config/health-check";
import type { ResolvedHealthCheck, RuntimeImage } from "../config/resolved-config";
import { Dockerfile } from "../dockerfile/dockerfile";
import { Instruction } from "../dockerfile/instruction";
import { binaryImageStage, rootfsStage, runtimeStage, type BinarySource } from "../dockerfile/service-stages";
import type { RuntimeSettings } from "../dockerfile/runtime-settings";

/** The Dockerfile goreleaser builds images with, by default. */
export const RELEASE_DOCKERFILE = "goreleaser.Dockerfile";

/** Props of goreleaser's image Dockerfile. */
export interface ReleaseDockerfileProps extends RuntimeSettings {
  /** Path of the file. @default "goreleaser.Dockerfile" */
  readonly filePath?: string;
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
  /** Other binaries with an image of their own: a stage each, before the runtime stage (dockers_v2 builds it with --target). @default [] */
  readonly binaryImages?: string[];
}

/** A binary in goreleaser's context: `<os>/<arch>/<binary>`. */
function contextBinary(binaryName: string, stageName: string): BinarySource {
  return {
    path: `\${TARGETPLATFORM}/${binaryName}`,
    preamble: [Instruction.arg("TARGETPLATFORM", undefined, { id: `${stageName}.target-platform`, comment: "goreleaser puts each platform's binary under its os/arch folder." })],
  };
}

/**
 * goreleaser's image Dockerfile. dockers_v2 puts each platform's binary at
 * `<os>/<arch>/<binary>` in the build context (and the runtime files at their
 * paths); the runtime stage is the one definition shared with ./Dockerfile.
 */
export class ReleaseDockerfile extends Dockerfile {
  public static of(project: Project): ReleaseDockerfile | undefined {
    return project.components.find((c): c is ReleaseDockerfile => c instanceof ReleaseDockerfile);
  }

  public constructor(scope: IConstruct, id: string, props: ReleaseDockerfileProps) {
    super(scope, id, { filePath: props.filePath ?? RELEASE_DOCKERFILE, explainComments: props.explainComments });
    if (props.runtime.needsRootfs) this.addStage(rootfsStage(props.runtime, props.builderImage), { last: true });
    for (const name of props.binaryImages ?? []) {
      this.addStage(binaryImageStage({ ...props, binaryName: name, source: contextBinary(name, name), healthCheck: { kind: HealthCheckKind.NONE }, portFromEnv: props.portFromEnv ?? false }), { last: true });
    }
    this.addStage(
      runtimeStage({
        ...props,
        source: contextBinary(props.binaryName, "runtime"),
        healthCheck: props.healthCheck ?? { kind: HealthCheckKind.NONE },
        portFromEnv: props.portFromEnv ?? false,
        probeSource: { path: "${TARGETPLATFORM}/healthprobe" },
      }),
      { last: true },
    );
  }
}
