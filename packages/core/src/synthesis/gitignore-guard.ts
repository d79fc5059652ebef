import { existsSync } from "node:fs";
import { join } from "node:path";
import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { PINS_FILE } from "../config/pins";
import { BACKUP_DIR } from "./backups";
import { STATE_FILE } from "./hand-edits";
import { LOCK_FILE } from "./lock";

/**
 * Nothing gosynth writes may be git-ignored: a repository's own patterns
 * (often `.*`, where dotfiles are force-added) would otherwise hide
 * .golangci.yml, the workflows or .projen/ from `git add -A`. Before
 * synthesis, after every pattern the user added, each generated file and its
 * parent directories are re-included (directories without a trailing slash:
 * projen would drop the user's patterns under a "dir/" include). The files
 * `gosynth init --backup` kept are re-included too, while they are there.
 */
export class GitignoreGuard extends Component {
  public constructor(scope: IConstruct, id: string) {
    super(scope, id);
  }

  public preSynthesize(): void {
    const ignored = new Set(["/node_modules", `/${LOCK_FILE}`]);
    const paths = new Set<string>([".projenrc.ts", PINS_FILE, STATE_FILE, ...this.project.files.map((f) => f.path)]);
    const patterns = new Set<string>();
    // The directory and, below it, every file (a kept .golangci.yml matches `.*` again).
    if (existsSync(join(this.project.outdir, BACKUP_DIR))) patterns.add(`!/${BACKUP_DIR}`).add(`!/${BACKUP_DIR}/**`);
    for (const path of [...paths].sort()) {
      const parts = path.split("/");
      for (let i = 1; i < parts.length; i++) patterns.add(`!/${parts.slice(0, i).join("/")}`);
      patterns.add(`!/${path}`);
    }
    for (const pattern of patterns) if (!ignored.has(pattern.slice(1))) this.project.gitignore.addPatterns(pattern);
  }
}
