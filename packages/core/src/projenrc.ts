import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { IConstruct } from "constructs";
import { InitProject } from "projen/lib/project";
import { ProjenrcFile } from "projen/lib/projenrc";
// projen exposes its options renderer only through this path; it is what its own ProjenrcTs uses.
// eslint-disable-next-line import/no-extraneous-dependencies
import { renderJavaScriptOptions } from "projen/lib/javascript/render-options";

/** Props of the projenrc component. */
export interface GoProjenrcProps {
  /** Values that replace what `projen new` passed (e.g. a goVersion recovered from a numeric flag). */
  readonly fixedArgs?: { [key: string]: any };
}

/**
 * `.projenrc.ts`, run by tsx in-process (fast, no type-check, works with every TypeScript).
 * projen's default ts-node runner crashes with TypeScript 7.
 */
export class GoProjenrc extends ProjenrcFile {
  public readonly filePath = ".projenrc.ts";
  private readonly fixedArgs: { [key: string]: any };

  public constructor(scope: IConstruct, id: string, props: GoProjenrcProps = {}) {
    super(scope, id);
    this.fixedArgs = props.fixedArgs ?? {};
    // One Node process with tsx (a devDependency) compiling only the projenrc; see run-projenrc.ts.
    this.project.defaultTask?.exec(`node node_modules/@gosynth/core/lib/run-projenrc.js ${this.filePath}`);
  }

  public projectCreation(initProject: InitProject): void {
    const file = join(this.project.outdir, this.filePath);
    if (existsSync(file)) return;
    const args = { ...initProject.args, ...this.fixedArgs };
    const { renderedOptions, imports } = renderJavaScriptOptions({
      args,
      type: initProject.type as any,
      comments: initProject.comments,
    });
    imports.add("@gosynth/core", "GoServiceProject");
    const lines = [...imports.asEsmImports(), "", `const project = new GoServiceProject(${renderedOptions});`, "", "project.synth();", ""];
    writeFileSync(file, lines.join("\n"));
    this.project.logger.info(`Project definition file was created at ${file}`);
  }
}
