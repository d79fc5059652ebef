import { renderGroup, TemplateData } from "@gosynth/templates";
import { Component, Project, SampleFile } from "projen";
import type { ResolvedGoServiceConfig } from "./config/resolved-config";

/** The data every starter template gets, from the resolved config. */
export function templateData(config: ResolvedGoServiceConfig): TemplateData {
  return {
    modulePath: config.modulePath,
    goVersion: config.goVersion,
    binaryName: config.binaryName,
    mainPackage: config.mainPackage,
    port: config.port,
    versionVariable: config.versionVariable,
    projectName: config.projectName,
    baseImage: config.runtime.kind,
  };
}

/**
 * Starter Go code (go.mod, main, an internal package with tests) and a README,
 * written once as sample files: the user owns them, synthesis never overwrites them.
 */
export class StarterCode extends Component {
  /** Paths of the sample files. */
  public readonly paths: string[];

  public constructor(project: Project, config: ResolvedGoServiceConfig) {
    super(project);
    const data = templateData(config);
    const files = config.starterCode ? [...renderGroup("starter", data), ...renderGroup("docs", data)] : [];
    for (const file of files) new SampleFile(project, file.path, { contents: file.content });
    this.paths = files.map((f) => f.path);
  }
}
