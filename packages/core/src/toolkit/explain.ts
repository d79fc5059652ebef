import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileBase } from "projen";
import { BaseImage } from "../config/base-image";
import { LintPreset } from "../config/lint-preset";
import type { GoServiceProjectOptions } from "../config/options";
import { Dockerfile } from "../dockerfile/dockerfile";
import { Makefile } from "../makefile/model";
import { GoServiceProject } from "../project";
import { yamlElement, yamlLinePaths } from "./yaml-paths";

/** Where one generated line comes from. */
export interface LineExplanation {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** The class that generates the file. */
  readonly construct: string;
  /** Its source in @gosynth/core (or "projen" for projen's own files). */
  readonly source: string;
  /** The element of the file the line belongs to: an instruction id, a variable or target, a key path. */
  readonly element: string;
  /** Options of .projenrc.ts that change this element, found by changing each one. */
  readonly dependsOn: string[];
}

/** Source files of gosynth's constructs, for a newcomer looking for a line's origin. */
const SOURCES: Readonly<Record<string, string>> = {
  ServiceDockerfile: "packages/core/src/dockerfile/service-dockerfile.ts (stages: service-stages.ts)",
  ReleaseDockerfile: "packages/core/src/goreleaser.ts (runtime stage: dockerfile/service-stages.ts)",
  ServiceMakefile: "packages/core/src/makefile/service-makefile.ts",
  GoreleaserConfig: "packages/core/src/goreleaser.ts",
  GolangciConfig: "packages/core/src/golangci.ts",
  DockerIgnore: "packages/core/src/dockerignore.ts",
  GoWorkflows: "packages/core/src/workflows.ts",
};

/** An other valid value for each option: the options an element depends on are those whose change changes it. */
const PROBES: [option: keyof GoServiceProjectOptions, alternative: (o: GoServiceProjectOptions) => Partial<GoServiceProjectOptions> | undefined][] = [
  ["modulePath", () => ({ modulePath: "example.com/probe/other" })],
  ["goVersion", (o) => ({ goVersion: o.goVersion === "1.25" ? "1.26" : "1.25" })],
  ["port", (o) => ({ port: o.port === 9091 ? 9092 : 9091 })],
  ["binaryName", () => ({ binaryName: "probe-binary" })],
  ["mainPackage", () => ({ mainPackage: "./cmd/probe" })],
  ["baseImage", (o) => (o.cgo ? undefined : { baseImage: o.baseImage === BaseImage.SCRATCH ? BaseImage.ALPINE : BaseImage.SCRATCH })],
  ["cgo", (o) => (o.cgo ? { cgo: false } : { cgo: true, baseImage: BaseImage.DISTROLESS_BASE, platforms: (o.platforms ?? ["linux/amd64", "linux/arm64"]).filter((p) => p.startsWith("linux/")) })],
  ["platforms", (o) => ({ platforms: [...(o.platforms ?? ["linux/amd64", "linux/arm64"]).filter((p) => p !== "linux/ppc64le"), "linux/ppc64le"] })],
  ["buildTags", (o) => ({ buildTags: [...(o.buildTags ?? []), "probe"] })],
  ["versionVariable", () => ({ versionVariable: "main.probeVersion" })],
  ["extraLdflags", (o) => ({ extraLdflags: [...(o.extraLdflags ?? []), "-X main.probe=1"] })],
  ["stripBinary", (o) => ({ stripBinary: !(o.stripBinary ?? true) })],
  ["runtimeUid", (o) => ({ runtimeUid: o.runtimeUid === 20001 ? 20002 : 20001 })],
  ["dockerTestStage", (o) => ({ dockerTestStage: !(o.dockerTestStage ?? true) })],
  ["upx", (o) => ({ upx: !(o.upx ?? false) })],
  ["goPrivate", (o) => ({ goPrivate: [...(o.goPrivate ?? []), "example.com/probe/*"] })],
  ["copySources", (o) => ({ copySources: !(o.copySources ?? false) })],
  ["imageDigests", () => ({ imageDigests: { builder: `sha256:${"1".repeat(64)}`, runtime: `sha256:${"2".repeat(64)}` } })],
  ["binDir", () => ({ binDir: "probe-bin" })],
  ["imageRepository", () => ({ imageRepository: "registry.example.com/probe/probe" })],
  ["pushImages", (o) => ({ pushImages: !(o.pushImages ?? false) })],
  ["defaultBranch", () => ({ defaultBranch: "probe-branch" })],
  ["lintPreset", (o) => ({ lintPreset: o.lintPreset === LintPreset.STRICT ? LintPreset.STANDARD : LintPreset.STRICT })],
  ["actionShas", () => ({ actionShas: { "actions/checkout": "f".repeat(40) } })],
];

/** The element a line belongs to in a file, as a key that finds it in another rendering of the same file. */
function elementAt(file: FileBase, text: string, line: number): string {
  if (file instanceof Dockerfile) {
    const at = file.locate(line);
    if (!at) return "(header)";
    const i = at.instruction;
    const index = at.stage ? file.stage(at.stage).instructions.indexOf(i) : -1;
    return i.id ? `instruction ${i.id}` : at.stage && index < 0 ? `stage ${at.stage} (FROM)` : `stage ${at.stage ?? "(global)"} #${index + 1} (${i.keyword})`;
  }
  if (file instanceof Makefile) {
    const at = file.locate(line);
    return at?.variable ? `variable ${at.variable}` : at?.target ? `target ${at.target}` : "(header)";
  }
  if (/\.ya?ml$/.test(file.path)) return `key ${yamlLinePaths(text)[line - 1] || "(header)"}`;
  return "(whole file)";
}

/** The rendered text of an element (from elementAt) in a file's text, or undefined when it is not there. */
function elementText(file: FileBase | undefined, text: string | undefined, element: string): string | undefined {
  if (!file || text === undefined) return undefined;
  if (file instanceof Dockerfile) {
    const instruction = /^instruction (\S+)$/.exec(element);
    if (instruction) {
      try {
        return file.instruction(instruction[1]).render(true);
      } catch {
        return undefined;
      }
    }
    const from = /^stage (\S+) \(FROM\)$/.exec(element);
    if (from) return file.tryFindStage(from[1])?.from.render(true);
    const nth = /^stage (\S+) #(\d+)/.exec(element);
    if (nth) return file.tryFindStage(nth[1])?.instructions[Number(nth[2]) - 1]?.render(true);
  }
  if (file instanceof Makefile) {
    const variable = /^variable (\S+)$/.exec(element);
    if (variable) return file.variable(variable[1]);
    const target = /^target (.+)$/.exec(element);
    if (target) return target[1] === "help" ? text : file.tryFindTarget(target[1])?.render();
  }
  const key = /^key (.+)$/.exec(element);
  if (key) return yamlElement(text, key[1]);
  return text;
}

/** Synthesizes the project's options (with overrides) into a temporary directory; returns the files' texts. */
function synthesizeVariant(options: GoServiceProjectOptions, overrides: Partial<GoServiceProjectOptions>): { project: GoServiceProject; read(path: string): string | undefined; dispose(): void } {
  const outdir = mkdtempSync(join(tmpdir(), "gosynth-explain-"));
  const project = new GoServiceProject({ ...options, ...overrides, parent: undefined, outdir, starterCode: false });
  // Files only: no npm install of a scratch copy.
  const post = process.env.PROJEN_DISABLE_POST;
  process.env.PROJEN_DISABLE_POST = "true";
  try {
    project.synth();
  } finally {
    if (post === undefined) delete process.env.PROJEN_DISABLE_POST;
    else process.env.PROJEN_DISABLE_POST = post;
  }
  return {
    project,
    read: (path) => {
      try {
        return readFileSync(join(outdir, path), "utf-8");
      } catch {
        return undefined;
      }
    },
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/**
 * Explains one line of a synthesized file: the construct that generates it,
 * its source, the element (instruction id, variable, target, key path) and
 * the options it depends on. The project must have been synthesized.
 */
export function explainLine(project: GoServiceProject, path: string, line: number): LineExplanation {
  const file = project.tryFindFile(path);
  if (!file) {
    const known = project.files.map((f) => f.path).sort().join(", ");
    throw new Error(`${path} is not a file gosynth generates (it generates: ${known})`);
  }
  const text = readFileSync(join(project.outdir, path), "utf-8");
  const lines = text.split("\n");
  if (!Number.isInteger(line) || line < 1 || line > lines.length - (text.endsWith("\n") ? 1 : 0)) {
    throw new Error(`${path} has ${lines.length - (text.endsWith("\n") ? 1 : 0)} lines; line ${line} is not one of them`);
  }
  const element = elementAt(file, text, line);
  // Workflows are projen YamlFiles made by gosynth's GoWorkflows.
  const construct = path.startsWith(".github/workflows/") ? "GoWorkflows" : file.constructor.name;
  const base = synthesizeVariant(project.options, {});
  const original = elementText(base.project.tryFindFile(path), base.read(path), element);
  base.dispose();
  const dependsOn: string[] = [];
  for (const [option, alternative] of PROBES) {
    const overrides = alternative(project.options);
    if (!overrides) continue;
    let variant;
    try {
      variant = synthesizeVariant(project.options, overrides);
    } catch {
      continue; // an invalid combination for this project: no probe
    }
    try {
      if (elementText(variant.project.tryFindFile(path), variant.read(path), element) !== original) dependsOn.push(option);
    } finally {
      variant.dispose();
    }
  }
  return {
    file: path,
    line,
    text: lines[line - 1],
    construct,
    source: SOURCES[construct] ?? "projen (a file projen itself manages)",
    element,
    dependsOn,
  };
}
