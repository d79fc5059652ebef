import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";

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

/** The hand edit as git sees it (working tree against HEAD), when the file is tracked; else nothing. */
function gitDiff(outdir: string, path: string): string {
  const r = spawnSync("git", ["--no-pager", "diff", "--no-color", "HEAD", "--", path], { cwd: outdir, encoding: "utf-8" });
  return r.status === 0 ? r.stdout : "";
}

/** Thrown when a managed file was edited by hand since the last synthesis. */
export class HandEditError extends Error {
  public readonly files: string[];
  constructor(files: string[], diffs: string) {
    super(
      [
        `gosynth: ${files.join(", ")} ${files.length === 1 ? "was" : "were"} edited by hand since the last synthesis; nothing was written.`,
        "",
        diffs.trimEnd() || "(gosynth diff shows what synthesis would change)",
        "",
        "To keep the change, make it in .projenrc.ts, for example:",
        '  project.dockerfile.stage("runtime").insertAfter("runtime.expose", Instruction.raw("STOPSIGNAL", "SIGTERM"));',
        '  project.makefile.addTarget("migrate", { description: "...", recipe: ["..."] });',
        '  project.golangci.file.addOverride("linters.settings.gocyclo.min-complexity", 20);',
        `or take the file over (gosynth stops generating it, your text stays): project.unmanageFile("${files[0]}");`,
        `To discard the change: ${FORCE_ENV}=1 npx projen   (or: gosynth synth --force)`,
      ].join("\n"),
    );
    this.name = "HandEditError";
    this.files = files;
  }
}

/**
 * Refuses to overwrite a managed file whose content differs from what
 * synthesis last wrote (by hash, before anything is written), and records the
 * hashes of what it writes. Added as the last component, so its synthesize()
 * runs after every file is written.
 */
/** Props of the synthesis guard. */
export interface SynthesisGuardProps {
  /** Files handed over to the user (unmanageFile): their edits are theirs, not hand edits. */
  readonly handedOver?: (path: string) => boolean;
}

export class SynthesisGuard extends Component {
  private readonly handedOver: (path: string) => boolean;

  public constructor(scope: IConstruct, id: string, props: SynthesisGuardProps = {}) {
    super(scope, id);
    this.handedOver = props.handedOver ?? (() => false);
  }

  // Unchanged files: projen leaves a file alone when its bytes and write access match. As root
  // every file is writable, so projen rewrites read-only ones with the same bytes and mode (a new
  // mtime); gosynth does not patch projen's synthesize to hide that.
  public preSynthesize(): void {
    const state = readState(this.project.outdir);
    if (!state || process.env[FORCE_ENV] === "1") return;
    const edited = Object.entries(state.files)
      .filter(([path, hash]) => {
        if (this.handedOver(path)) return false;
        const file = join(this.project.outdir, path);
        return existsSync(file) && sha256(readFileSync(file, "utf-8")) !== hash;
      })
      .map(([path]) => path);
    if (edited.length > 0) throw new HandEditError(edited, edited.map((path) => gitDiff(this.project.outdir, path)).join(""));
  }

  public synthesize(): void {
    // Only read-only files are tracked; package.json is writable on purpose (npm edits it).
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
