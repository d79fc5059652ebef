import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { detectService, type DetectedService, type DetectOptions } from "../adopt/detect";
import { withPackageCache } from "../adopt/go-source";
import { findDockerfiles, importDockerfile, type ImportedDockerfile } from "../adopt/import/dockerfile";
import { findGolangciConfig, importGolangci, type ImportedGolangci } from "../adopt/import/golangci";
import { findGoreleaserConfig, importGoreleaser, type ImportedGoreleaser } from "../adopt/import/goreleaser";
import { findMakefile, importMakefile, type ImportedMakefile } from "../adopt/import/makefile";
import { importPromu, type ImportedPromu } from "../adopt/import/promu";
import { importWorkflows, type ImportedWorkflows } from "../adopt/import/workflows";

/** Everything a repository states about its packaging, read (never changed) before init decides. */
export interface RepositoryFacts {
  readonly dir: string;
  /** What the Go code shows: mains, cgo, port, health, version variables, vendoring. */
  readonly code: DetectedService;
  /** The Dockerfile the service's image is built from (the root one first), and the others. */
  readonly dockerfile?: ImportedDockerfile;
  readonly otherDockerfiles: string[];
  readonly goreleaser?: ImportedGoreleaser;
  readonly promu?: ImportedPromu;
  readonly makefile?: { readonly file: string; readonly imported: ImportedMakefile };
  readonly golangci?: { readonly file: string; readonly imported: ImportedGolangci };
  readonly workflows: ImportedWorkflows;
  /** "owner/repo" of the repository's GitHub remote (origin), else of a github.com module path. */
  readonly githubRepository?: string;
  /** Whether the repository has this file. */
  readonly has: (path: string) => boolean;
  /** The text of a file of the repository. */
  readonly text: (path: string) => string;
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), "utf-8");
}

/**
 * The Dockerfile of the service: the root Dockerfile, else the first one found
 * whose runtime stage copies a Go binary (packaging/docker/.../Dockerfile).
 */
function serviceDockerfile(dir: string, files: string[]): ImportedDockerfile | undefined {
  const imported = files.flatMap((f) => {
    try {
      return [importDockerfile(read(dir, f), f)];
    } catch {
      return [];
    }
  });
  return imported.find((d) => d.file === "Dockerfile" && d.runtime) ?? imported.find((d) => d.runtime?.binary) ?? imported.find((d) => d.runtime);
}

/** owner/repo from the origin remote in .git/config (read as a file: no git process), else from a github.com module path. */
function githubRepository(dir: string, modulePath: string): string | undefined {
  const config = existsSync(join(dir, ".git", "config")) ? read(dir, ".git/config") : "";
  const origin = /\[remote "origin"\][^[]*?url\s*=\s*(\S+)/.exec(config)?.[1];
  const fromRemote = origin ? /github\.com[:/]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(origin) : undefined;
  if (fromRemote) return `${fromRemote[1]}/${fromRemote[2]}`;
  const [host, owner, repo] = modulePath.split("/");
  return host === "github.com" && owner && repo ? `${owner}/${repo}` : undefined;
}

/** Reads the repository in dir: its code, Dockerfiles, goreleaser, promu, Makefile, golangci and workflows. */
export function readRepository(dir: string, options: DetectOptions = {}): RepositoryFacts {
  return withPackageCache(() => readRepositoryFacts(dir, options));
}

function readRepositoryFacts(dir: string, options: DetectOptions): RepositoryFacts {
  const code = detectService(dir, options);
  const dockerfiles = findDockerfiles(dir);
  const dockerfile = serviceDockerfile(dir, dockerfiles);
  const goreleaserFile = findGoreleaserConfig(dir);
  const makefileFile = findMakefile(dir);
  const golangciFile = findGolangciConfig(dir);
  return {
    dir,
    code,
    ...(dockerfile ? { dockerfile } : {}),
    otherDockerfiles: dockerfiles.filter((f) => f !== dockerfile?.file),
    ...(goreleaserFile ? { goreleaser: importGoreleaser(read(dir, goreleaserFile), goreleaserFile) } : {}),
    ...(existsSync(join(dir, ".promu.yml")) ? { promu: importPromu(read(dir, ".promu.yml"), ".promu.yml") } : {}),
    ...(makefileFile ? { makefile: { file: makefileFile, imported: importMakefile(read(dir, makefileFile), makefileFile) } } : {}),
    ...(golangciFile ? { golangci: { file: golangciFile, imported: importGolangci(read(dir, golangciFile), golangciFile) } } : {}),
    workflows: importWorkflows(dir),
    ...(githubRepository(dir, code.module) ? { githubRepository: githubRepository(dir, code.module) } : {}),
    has: (path) => existsSync(join(dir, path)),
    text: (path) => read(dir, path),
  };
}
