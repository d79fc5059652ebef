// gosynth init's plan: what a repository states (its Dockerfile, goreleaser,
// promu, Makefile, golangci config, workflows and code) turned into the typed
// options of .projenrc.ts, with what was carried over from which file and
// line, what changes on purpose and why, and what could not be carried over.
// Imported by the CLI as @gosynth/core/lib/adoption; not part of the jsii API.
import { basename } from "node:path";
import type { DetectOptions } from "../adopt/detect";
import { decideBuild } from "./build";
import { decideGoMinor } from "./go-minor";
import { decideImage, type ImageFlags } from "./image";
import { PlanBuilder, type AdoptionPlan } from "./plan";
import { decideProjectFiles } from "./project-files";
import { decideRelease, type ReleaseFlags } from "./release";
import { readRepository, type RepositoryFacts } from "./repository";

export type { AdoptionPlan, FileMove, PlanItem, Statement } from "./plan";
export { BACKUP_DIR, backupPath, isBackup } from "../synthesis/backups";
export { PROJECT_MAKEFILE } from "./project-files";
export { renderPlan, renderProjenrc } from "./render";
export { Code, optionValues } from "./source";
export type { OptionTree } from "./source";
export { readRepository } from "./repository";
export type { RepositoryFacts } from "./repository";

/** What the user passed to gosynth init. */
export interface AdoptionFlags extends DetectOptions, ImageFlags, ReleaseFlags {
  readonly ci?: boolean;
  readonly goreleaser?: boolean;
}

/** An npm package name from a directory name (package.json needs one). */
function packageName(dir: string): string {
  return (
    basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[._-]+/, "") || "service"
  );
}

/**
 * The plan for adopting the repository in dir: reads everything it states
 * (never writes), decides every option, and says where each came from.
 */
export function planAdoption(dir: string, flags: AdoptionFlags = {}): { plan: AdoptionPlan; facts: RepositoryFacts } {
  const facts = readRepository(dir, flags);
  const plan = new PlanBuilder();
  plan.options.name = packageName(dir);
  plan.carry("modulePath", facts.code.module, `module ${facts.code.module}`, { file: "go.mod", line: 1 });
  decideGoMinor(facts, plan);
  const build = decideBuild(facts, plan);
  decideImage(facts, build.binaryName, build.cgo, flags, plan);
  if (flags.goreleaser !== false) decideRelease(facts, build, flags, plan);
  else plan.options.goreleaser = false;
  if (flags.ci === false) plan.options.ci = false;
  decideProjectFiles(facts, plan);
  // An existing repository keeps its own code.
  plan.options.starterCode = false;
  return { plan: plan.build(), facts };
}
