import type { IConstruct } from "constructs";
import type { Project } from "projen/lib/project";
import type { GoBuild } from "../build/go-build";
import { HealthCheckKind } from "../config/health-check";
import type { Platform, ResolvedHealthCheck, RuntimeImage } from "../config/resolved-config";
import { Dockerfile } from "./dockerfile";
import { OUTPUT_DIR, binaryImageStage, buildStage, compressStage, rootfsStage, runtimeStage, testStage } from "./service-stages";
import type { RuntimeSettings } from "./runtime-settings";
import type { DockerfileStage } from "./stage";

/** Props of a service Dockerfile: the facts of one binary's image. */
export interface ServiceDockerfileProps extends RuntimeSettings {
  /** Path of the file. @default "Dockerfile" */
  readonly filePath?: string;
  /** How the binary is built (shared with the Makefile and goreleaser). */
  readonly goBuild: GoBuild;
  /** Builder image reference with exact tag (and digest). */
  readonly builderImage: string;
  /** The image that runs the binary. */
  readonly runtime: RuntimeImage;
  /** Platforms the image is built for. */
  readonly platforms: Platform[];
  /** The port the service listens on. */
  readonly port: number;
  /** OCI source label, e.g. "https://github.com/acme/hello". */
  readonly sourceUrl: string;
  /** How the image checks health. @default - none */
  readonly healthCheck?: ResolvedHealthCheck;
  /** The binary reads PORT: set ENV PORT. @default false */
  readonly portFromEnv?: boolean;
  /** Add a `test` stage (`--target test`). @default true */
  readonly testStage?: boolean;
  /** Compress the binary with upx. @default false */
  readonly upx?: boolean;
  /** COPY the sources instead of bind-mounting them. @default false */
  readonly copySources?: boolean;
  /** Render each instruction's "why" comment. @default true */
  readonly explainComments?: boolean;
  /**
   * Other server binaries with an image of their own: each is compiled in the
   * build stage and gets a stage named after it (`--target <name>`) before the
   * runtime stage, which stays the default target. @default []
   */
  readonly binaryImages?: GoBuild[];
}

/**
 * A service's Dockerfile: build (+ test, compress, rootfs as configured), the
 * images of other server binaries (`binaryImages`, one stage each) and the
 * runtime stage, last, from its props alone. Extend it through `stage(name)`,
 * `instruction(id)` and `addStage()`.
 */
export class ServiceDockerfile extends Dockerfile {
  /** The first ServiceDockerfile of a project (the service's own "Dockerfile"). */
  public static of(project: Project): ServiceDockerfile | undefined {
    return project.components.find((c): c is ServiceDockerfile => c instanceof ServiceDockerfile);
  }

  public constructor(scope: IConstruct, id: string, props: ServiceDockerfileProps) {
    super(scope, id, { filePath: props.filePath ?? "Dockerfile", explainComments: props.explainComments });
    const copySources = props.copySources ?? false;
    const healthCheck = props.healthCheck ?? { kind: HealthCheckKind.NONE };
    const healthProbe = healthCheck.kind === HealthCheckKind.HTTP;
    const binaryImages = props.binaryImages ?? [];
    const binarySource = (binaryName: string) => ({ stage: props.upx ? "compress" : "build", path: `${OUTPUT_DIR}/${binaryName}` });
    this.addStage(buildStage({ goBuild: props.goBuild, builderImage: props.builderImage, platforms: props.platforms, copySources, healthProbe, binaryImages }), { last: true });
    if (props.testStage ?? true) this.addStage(testStage(copySources, props.goBuild), { last: true });
    if (props.upx) this.addStage(compressStage(props.goBuild.binaryName, props.builderImage, binaryImages.map((b) => b.binaryName)), { last: true });
    if (props.runtime.needsRootfs) this.addStage(rootfsStage(props.runtime, props.builderImage), { last: true });
    for (const b of binaryImages) {
      this.addStage(binaryImageStage({ ...props, binaryName: b.binaryName, source: binarySource(b.binaryName), healthCheck, portFromEnv: props.portFromEnv ?? false }), { last: true });
    }
    this.addStage(
      runtimeStage({
        ...props,
        binaryName: props.goBuild.binaryName,
        source: binarySource(props.goBuild.binaryName),
        healthCheck,
        portFromEnv: props.portFromEnv ?? false,
        ...(healthProbe ? { probeSource: { stage: "build", path: `${OUTPUT_DIR}/healthprobe` } } : {}),
      }),
      { last: true },
    );
  }

  /** The build stage (modules, compile). */
  public get buildStage(): DockerfileStage {
    return this.stage("build");
  }

  /** The final stage: the image that runs. */
  public get runtimeStage(): DockerfileStage {
    return this.stage("runtime");
  }
}
