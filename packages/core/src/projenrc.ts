import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InitProject, Project, ProjenrcFile } from "projen";
// projen exposes its options renderer only through this path; it is what its own ProjenrcTs uses.
// eslint-disable-next-line import/no-extraneous-dependencies
import { renderJavaScriptOptions } from "projen/lib/javascript/render-options";

/** Options of the projenrc component. */
export interface GoProjenrcOptions {
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

  public constructor(project: Project, options: GoProjenrcOptions = {}) {
    super(project);
    this.fixedArgs = options.fixedArgs ?? {};
    // One Node process with tsx (a devDependency) compiling only the projenrc; see run-projenrc.ts.
    project.defaultTask?.exec(`node node_modules/@gosynth/core/lib/run-projenrc.js ${this.filePath}`);
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
