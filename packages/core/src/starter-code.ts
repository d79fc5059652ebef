import { renderGroup, TemplateData } from "@gosynth/templates";
import { Component, Project, SampleFile } from "projen";
import type { ResolvedGoServiceConfig } from "./config/resolved-config";

/** The data every starter template gets, from the resolved config. */
export function templateData(config: ResolvedGoServiceConfig): TemplateData {
  return {
    modulePath: config.modulePath,
    goVersion: config.go.version,
    binaryName: config.goBuild.binaryName,
    mainPackage: config.goBuild.mainPackage,
    port: config.image.port,
    versionVariable: config.goBuild.versionVariable ?? "main.version",
    projectName: config.projectName,
    baseImage: config.image.runtime.kind,
  };
}

/** Props of the starter code. */
export interface StarterCodeProps {
  /** Module path of go.mod and the imports. */
  readonly modulePath: string;
  /** go.mod's go line. */
  readonly goVersion: string;
  readonly binaryName: string;
  readonly mainPackage: string;
  readonly port: number;
  /** The -X symbol the main package declares. */
  readonly versionVariable: string;
  readonly projectName: string;
  /** Runtime base image (the README mentions it). */
  readonly baseImage: string;
}

/**
 * Starter Go code (go.mod, main, an internal package with tests) and a README,
 * written once as sample files: the user owns them, synthesis never overwrites them.
 */
export class StarterCode extends Component {
  public static of(project: Project): StarterCode | undefined {
    return project.components.find((c): c is StarterCode => c instanceof StarterCode);
  }

  /** Paths of the sample files. */
  public readonly paths: string[];

  public constructor(project: Project, props: StarterCodeProps) {
    super(project);
    const files = [...renderGroup("starter", { ...props }), ...renderGroup("docs", { ...props })];
    for (const file of files) new SampleFile(project, file.path, { contents: file.content });
    this.paths = files.map((f) => f.path);
  }
}
