import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";

/**
 * Files handed over to the user (`project.unmanageFile`): their text is read
 * when handed over, projen stops owning them (and so cleans them up as old
 * output), and synthesis writes them back as the user left them, without the
 * generated-file marker and writable.
 */
export class ReleasedFiles extends Component {
  private readonly texts = new Map<string, { readonly text: string; readonly marker?: string }>();

  public constructor(scope: IConstruct, id: string) {
    super(scope, id);
  }

  /** Keeps the text the file has now; marker: the file's generated-file marker text, to drop. */
  public release(path: string, marker?: string): void {
    const file = join(this.project.outdir, path);
    if (existsSync(file)) this.texts.set(path, { text: readFileSync(file, "utf-8"), ...(marker ? { marker } : {}) });
  }

  /** Whether the file was handed over: the user's from now on, hand edits included. */
  public has(path: string): boolean {
    return this.texts.has(path);
  }

  // synthesize, not postSynthesize: the latter does not run with --no-post, and projen's cleanup
  // (before any synthesize) has removed the file as old output by then.
  public synthesize(): void {
    for (const [path, { text, marker }] of this.texts) {
      const file = join(this.project.outdir, path);
      const kept = marker
        ? text
            .split("\n")
            .filter((line) => !line.includes(marker))
            .join("\n")
        : text;
      if (existsSync(file) && readFileSync(file, "utf-8") === kept) continue;
      rmSync(file, { force: true });
      writeFileSync(file, kept);
      chmodSync(file, 0o644);
    }
  }
}
