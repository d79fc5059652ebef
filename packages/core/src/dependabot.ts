import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { Project } from "projen/lib/project";
import { YamlFile } from "projen/lib/yaml";

/** Props of .github/dependabot.yml. */
export interface GoDependabotProps {
  /** Path of the file. @default ".github/dependabot.yml" */
  readonly filePath?: string;
  /** Days a new release waits before Dependabot proposes it. @default 7 */
  readonly cooldownDays?: number;
}

/**
 * .github/dependabot.yml for Go modules only, with a cooldown. What gosynth
 * pins (actions, base images, tools, projen) is left to the upgrade workflow:
 * a Dependabot edit of a generated file would fail the drift check.
 */
export class GoDependabot extends Component {
  public static of(project: Project): GoDependabot | undefined {
    return project.components.find((c): c is GoDependabot => c instanceof GoDependabot);
  }

  /** The file it writes. */
  public readonly file: YamlFile;

  public constructor(scope: IConstruct, id: string, props: GoDependabotProps = {}) {
    super(scope, id);
    this.file = new YamlFile(this, props.filePath ?? ".github/dependabot.yml", {
      readonly: true,
      marker: true,
      obj: {
        version: 2,
        updates: [
          {
            "package-ecosystem": "gomod",
            directory: "/",
            schedule: { interval: "weekly" },
            // New releases wait a while: most bad releases are yanked or patched within days.
            cooldown: { "default-days": props.cooldownDays ?? 7 },
            groups: { "go-modules": { patterns: ["*"] } },
          },
        ],
      },
    });
  }
}
