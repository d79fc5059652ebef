import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";
import { Component, IResolver, Project } from "projen";
import { resolve } from "projen/lib/_resolve";

/** Where the hashes of what synthesis last wrote are kept (committed, so CI sees hand edits too). */
export const STATE_FILE = ".projen/gosynth-state.json";
/** Set to 1 to overwrite hand edits (the only way they are ever discarded). */
export const FORCE_ENV = "GOSYNTH_FORCE";

interface State {
  readonly version: 1;
  readonly files: Record<string, string>;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function readState(outdir: string): State | undefined {
  const file = join(outdir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf-8")) as State;
  } catch {
    return undefined;
  }
}

/** Thrown when a managed file was edited by hand since the last synthesis. */
export class HandEditError extends Error {
  public readonly files: string[];
  constructor(files: string[], diffs: string) {
    super(
      [
        `gosynth: ${files.join(", ")} ${files.length === 1 ? "was" : "were"} edited by hand since the last synthesis; nothing was written.`,
        "",
        diffs.trimEnd(),
        "",
        "To keep the change, make it in .projenrc.ts, for example:",
        '  project.dockerfile.stage("runtime").insertAfter("runtime.expose", Instruction.raw("STOPSIGNAL", "SIGTERM"));',
        '  project.makefile.addTarget("migrate", { description: "...", recipe: ["..."] });',
        '  project.tryFindObjectFile(".golangci.yml")?.addOverride("linters.settings.gocyclo.min-complexity", 20);',
        `or take the file over (gosynth stops generating it, your text stays): project.unmanageFile("${files[0]}");`,
        `To discard the change: ${FORCE_ENV}=1 npx projen   (or: gosynth synth --force)`,
      ].join("\n"),
    );
    this.name = "HandEditError";
    this.files = files;
  }
}

/**
 * Renders every managed file before anything is written, so a failure stops
 * synthesis with the tree untouched, and refuses to overwrite a managed file
 * whose content differs from what synthesis last wrote. Added as the last
 * component, so it sees every other component's pre-synthesis changes.
 */
export class SynthesisGuard extends Component {
  private rendered = new Map<string, string | undefined>();

  public constructor(project: Project) {
    super(project);
  }

  public preSynthesize(): void {
    const resolver: IResolver = { resolve: (obj: any, options?: any) => resolve(obj, options) };
    this.rendered = new Map(
      this.project.files.map((f) => [f.path, (f as unknown as { synthesizeContent(r: IResolver): string | undefined }).synthesizeContent(resolver)]),
    );
    this.skipUnchangedReadonlyFiles();
    const state = readState(this.project.outdir);
    if (!state || process.env[FORCE_ENV] === "1") return;
    const edited: string[] = [];
    let diffs = "";
    for (const [path, hash] of Object.entries(state.files)) {
      const file = join(this.project.outdir, path);
      if (!existsSync(file)) continue;
      const onDisk = readFileSync(file, "utf-8");
      if (sha256(onDisk) === hash) continue;
      edited.push(path);
      const generated = this.rendered.get(path) ?? "";
      diffs += createTwoFilesPatch(`${path} (generated)`, `${path} (on disk)`, generated, onDisk, "", "", { context: 2 });
    }
    if (edited.length > 0) throw new HandEditError(edited, diffs);
  }

  /**
   * projen tells read-only files by access(W_OK), which root always passes, so
   * as root it rewrites every file on every run. A read-only file whose text
   * and mode are already right is left alone: re-synthesis touches nothing.
   */
  private skipUnchangedReadonlyFiles(): void {
    for (const f of this.project.files) {
      if (!f.readonly || f.executable) continue;
      const path = join(this.project.outdir, f.path);
      if (!existsSync(path) || (statSync(path).mode & 0o222) !== 0) continue;
      if (readFileSync(path, "utf-8") !== this.rendered.get(f.path)) continue;
      Object.defineProperty(f, "synthesize", { value: () => undefined, configurable: true });
    }
  }

  public synthesize(): void {
    // Runs last: hash what is now on disk. Only read-only files are tracked;
    // package.json is writable on purpose (npm edits it).
    const files: Record<string, string> = {};
    for (const f of this.project.files) {
      const path = join(this.project.outdir, f.path);
      if (f.readonly && existsSync(path)) files[f.path] = sha256(readFileSync(path, "utf-8"));
    }
    const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
    const text = `${JSON.stringify({ version: 1, files: sorted }, undefined, 2)}\n`;
    const path = join(this.project.outdir, STATE_FILE);
    if (!existsSync(path) || readFileSync(path, "utf-8") !== text) writeFileSync(path, text);
  }
}

