import type { Project } from "projen";
import type { ResolvedGoServiceConfig } from "../config/resolved-config";
import { Dockerfile } from "./dockerfile";
import { OUTPUT_DIR, buildStage, compressStage, needsRootfs, rootfsStage, runtimeStage, testStage } from "./service-stages";
import type { DockerfileStage } from "./stage";

/**
 * The service's Dockerfile: build (+ test, compress, rootfs as configured) and
 * runtime stages, all derived from the resolved config. Extend it through
 * `stage(name)`, `addStage()` and the instruction ids of each stage.
 */
export class ServiceDockerfile extends Dockerfile {
  public constructor(project: Project, config: ResolvedGoServiceConfig) {
    super(project, "Dockerfile", { explainComments: config.explainComments });
    this.addStage(buildStage(config), { last: true });
    if (config.dockerTestStage) this.addStage(testStage(config), { last: true });
    if (config.upx) this.addStage(compressStage(config), { last: true });
    if (needsRootfs(config)) this.addStage(rootfsStage(config), { last: true });
    const binaryStage = config.upx ? "compress" : "build";
    this.addStage(runtimeStage(config, { stage: binaryStage, path: `${OUTPUT_DIR}/${config.binaryName}` }), { last: true });
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
