import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Component, Project } from "projen";

const GO_DIRECTIVE = /^go\s+(\S+)\s*$/m;

/**
 * go.mod belongs to the user (and to `go mod tidy`), but its `go` line is a
 * fact of the config: keep that one line equal to goVersion, touch nothing else.
 */
/** Props of GoModSync. */
export interface GoModSyncProps {
  /** The go line go.mod must carry. */
  readonly goVersion: string;
}

export class GoModSync extends Component {
  public static of(project: Project): GoModSync | undefined {
    return project.components.find((c): c is GoModSync => c instanceof GoModSync);
  }

  private readonly goVersion: string;

  public constructor(project: Project, props: GoModSyncProps) {
    super(project);
    this.goVersion = props.goVersion;
  }

  /** The go version of an existing go.mod, if any. */
  public static readGoDirective(goModPath: string): string | undefined {
    if (!existsSync(goModPath)) return undefined;
    return GO_DIRECTIVE.exec(readFileSync(goModPath, "utf-8"))?.[1];
  }

  public synthesize(): void {
    const file = join(this.project.outdir, "go.mod");
    if (!existsSync(file)) return; // the sample file writes it
    const text = readFileSync(file, "utf-8");
    const match = GO_DIRECTIVE.exec(text);
    if (match?.[1] === this.goVersion) return;
    const updated = match ? text.replace(GO_DIRECTIVE, `go ${this.goVersion}`) : `${text.trimEnd()}\n\ngo ${this.goVersion}\n`;
    writeFileSync(file, updated);
    this.project.logger.info(`go.mod: go directive set to ${this.goVersion}`);
  }
}
