import type { Project } from "projen";
import type { GoBuild } from "../build/go-build";
import { HealthCheckKind } from "../config/health-check";
import type { Platform, ResolvedHealthCheck, RuntimeImage } from "../config/resolved-config";
import { Dockerfile } from "./dockerfile";
import { OUTPUT_DIR, buildStage, compressStage, needsRootfs, rootfsStage, runtimeStage, testStage } from "./service-stages";
import type { DockerfileStage } from "./stage";

/** Props of a service Dockerfile: the facts of one binary's image. */
export interface ServiceDockerfileProps {
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
}

/**
 * A service's Dockerfile: build (+ test, compress, rootfs as configured) and
 * runtime stages, from its props alone. A second image (another binary) is a
 * second ServiceDockerfile with other props and another file path. Extend it
 * through `stage(name)`, `instruction(id)` and `addStage()`.
 */
export class ServiceDockerfile extends Dockerfile {
  /** The first ServiceDockerfile of a project (the service's own "Dockerfile"). */
  public static of(project: Project): ServiceDockerfile | undefined {
    return project.components.find((c): c is ServiceDockerfile => c instanceof ServiceDockerfile);
  }

  public constructor(project: Project, filePath: string, props: ServiceDockerfileProps) {
    super(project, filePath, { explainComments: props.explainComments });
    const copySources = props.copySources ?? false;
    const healthCheck = props.healthCheck ?? { kind: HealthCheckKind.NONE };
    const healthProbe = healthCheck.kind === HealthCheckKind.HTTP;
    this.addStage(buildStage({ goBuild: props.goBuild, builderImage: props.builderImage, platforms: props.platforms, copySources, healthProbe }), { last: true });
    if (props.testStage ?? true) this.addStage(testStage(copySources), { last: true });
    if (props.upx) this.addStage(compressStage(props.goBuild.binaryName), { last: true });
    if (needsRootfs(props.runtime)) this.addStage(rootfsStage(props.runtime, props.builderImage), { last: true });
    this.addStage(
      runtimeStage({
        binaryName: props.goBuild.binaryName,
        runtime: props.runtime,
        port: props.port,
        sourceUrl: props.sourceUrl,
        source: { stage: props.upx ? "compress" : "build", path: `${OUTPUT_DIR}/${props.goBuild.binaryName}` },
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
