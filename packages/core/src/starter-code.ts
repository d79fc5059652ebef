import { renderGroup } from "@gosynth/templates";
import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { Project } from "projen/lib/project";
import { SampleFile } from "projen/lib/sample-file";

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

  public constructor(scope: IConstruct, id: string, props: StarterCodeProps) {
    super(scope, id);
    const files = [...renderGroup("starter", { ...props }), ...renderGroup("docs", { ...props })];
    for (const file of files) new SampleFile(this.project, file.path, { contents: file.content });
    this.paths = files.map((f) => f.path);
  }
}
