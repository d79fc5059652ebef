import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readGoBuildStage, stageGoCommands, type GoBuildStage } from "./dockerfile-go-build";
import { parseDockerfile, type DockerfileAst } from "./dockerfile-parser";
import { readRuntimeStage, type RuntimeStage } from "./dockerfile-runtime";
import { stageChain } from "./dockerfile-vars";
import type { Found } from "./location";

export type { ImageFamily, ImageRef } from "./docker-image";
export type { GoBuildStage } from "./dockerfile-go-build";
export { lineAt, parseDockerfile } from "./dockerfile-parser";
export type { DockerfileAst, DockerfileDirective, Heredoc, Instruction, InstructionFlag, KeyValue, Stage } from "./dockerfile-parser";
export type {
  BinaryEvidence, BinaryFile, EnvSetting, ExposedPort, Healthcheck, ImageCommand, ImageLabel, RuntimeFile, RuntimeStage,
} from "./dockerfile-runtime";
export { substitute, substituteAt, variablesAt } from "./dockerfile-vars";
export type { Substituted, Variable, Variables } from "./dockerfile-vars";

export interface ImportedDockerfile {
  readonly file: string;
  readonly ast: DockerfileAst;
  /** The image that runs: the `target` stage when given, else the last stage. Absent with no FROM. */
  readonly runtime?: RuntimeStage;
  /** Every stage built FROM a golang image (directly or through earlier stages). */
  readonly buildStages: GoBuildStage[];
  /** What could not be understood, with where. */
  readonly notes: Found<string>[];
}

export interface ImportDockerfileOptions {
  /** The stage `docker build --target` builds, when a Makefile or workflow says so. */
  readonly target?: string;
}

export function importDockerfile(text: string, file: string, options: ImportDockerfileOptions = {}): ImportedDockerfile {
  const ast = parseDockerfile(text, file);
  const notes: Found<string>[] = [];
  if (ast.stages.length === 0) {
    notes.push({ value: "no FROM: not a Dockerfile that builds an image", at: { file, line: 1 } });
    return { file, ast, buildStages: [], notes };
  }
  const buildStages = ast.stages.flatMap((stage) => readGoBuildStage(ast, stage, notes) ?? []);
  // A file built in a stage is there in every stage built FROM it.
  const outputs = new Map(
    ast.stages.map((stage) => [
      stage.index,
      stageChain(ast, stage).flatMap((s) => stageGoCommands(ast, s).outputs.map((o) => o.value)),
    ]),
  );
  let runtimeStage = ast.stages[ast.stages.length - 1];
  if (options.target !== undefined) {
    const target = ast.stages.find((s) => s.name?.toLowerCase() === options.target!.toLowerCase());
    if (target) runtimeStage = target;
    else notes.push({ value: `no stage named ${options.target}: the last stage is taken`, at: { file, line: runtimeStage.from.line } });
  }
  const runtime = readRuntimeStage(ast, runtimeStage, outputs, notes);
  return { file, ast, runtime, buildStages, notes: notes.sort((a, b) => a.at.line - b.at.line) };
}

const NESTED_ROOTS = new Set(["packaging", "build", "docker", "deploy", "zarf", "contrib", ".docker", "scripts"]);
const SKIPPED_DIRS = new Set(["node_modules", "vendor", "testdata"]);

/** `Dockerfile`, `Dockerfile.*`, `*.Dockerfile` (any case), `Containerfile`; not BuildKit's `*.dockerignore`. */
function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith(".dockerignore")) return false;
  return lower === "dockerfile" || lower.startsWith("dockerfile.") || lower.endsWith(".dockerfile") || lower === "containerfile";
}

/**
 * The Dockerfiles of a repository, relative with "/": at the root, and anywhere under packaging/, build/,
 * docker/, deploy/, zarf/, contrib/, .docker/, scripts/. The root `Dockerfile` comes first.
 */
export function findDockerfiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        const skipped = SKIPPED_DIRS.has(entry.name) || (entry.name.startsWith(".") && entry.name !== ".docker");
        if (!skipped && (relative !== "" || NESTED_ROOTS.has(entry.name))) walk(path);
      } else if (entry.isFile() && isDockerfileName(entry.name)) {
        found.push(path);
      }
    }
  };
  walk("");
  const rank = (path: string) => (path === "Dockerfile" ? 0 : path.includes("/") ? 2 : 1);
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
