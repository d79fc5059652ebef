import { join } from "node:path";
import { projectToolkit } from "../core.js";
import { removeCopy, synthesizeCopy } from "../synthesize.js";
import { bold, dim, EXIT, UserError } from "../ui.js";

/** "Dockerfile:12" -> file and line. */
export function parseLocation(location: string): { file: string; line: number } {
  const m = /^(.+):(\d+)$/.exec(location);
  if (!m) throw new UserError(`"${location}" is not <file>:<line>, e.g. gosynth explain Dockerfile:12`);
  return { file: m[1].replace(/^\.\//, ""), line: Number(m[2]) };
}

/**
 * gosynth explain <file>:<line>: where a generated line comes from. Synthesizes
 * a copy of the project, then asks the project's own @gosynth/core.
 */
export async function explain(dir: string, location: string): Promise<number> {
  const { file, line } = parseLocation(location);
  let project: unknown;
  const copy = await synthesizeCopy(dir, false, (p) => (project ??= p));
  try {
    if (!project) throw new UserError("explain needs the project's .projenrc.ts to load in-process (it did not); see GOSYNTH_DEBUG=1 gosynth synth", EXIT.failure);
    const toolkit = projectToolkit(join(copy));
    let e;
    try {
      e = toolkit.explainLine(project as Parameters<typeof toolkit.explainLine>[0], file, line);
    } catch (error) {
      throw new UserError((error as Error).message);
    }
    console.log(`${bold(`${e.file}:${e.line}`)}  ${e.text}`);
    console.log(`  element     ${e.element}`);
    console.log(`  made by     ${e.construct}  ${dim(e.source)}`);
    console.log(`  depends on  ${e.dependsOn.length > 0 ? e.dependsOn.join(", ") : dim("no option (fixed practice)")}`);
    return EXIT.ok;
  } finally {
    removeCopy(copy);
  }
}
