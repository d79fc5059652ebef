import { Project } from "projen";
import { NodePackage, NodePackageManager } from "projen/lib/javascript";
import type { GoServiceProjectOptions } from "./config/options";
import type { ResolvedGoServiceConfig } from "./config/resolved-config";
import { resolveConfig } from "./config/resolve";
import { devDependencySpecs } from "./dev-dependencies";
import { DockerIgnore } from "./dockerignore";
import { ServiceDockerfile } from "./dockerfile/service-dockerfile";
import { GoModSync } from "./go-mod-sync";
import { GolangciConfig } from "./golangci";
import { GoreleaserConfig, ReleaseDockerfile } from "./goreleaser";
import { ServiceMakefile } from "./makefile/service-makefile";
import { GoWorkflows } from "./workflows";
import { GoProjenrc } from "./projenrc";
import { StarterCode } from "./starter-code";

/**
 * A Go service whose packaging files are synthesized from `.projenrc.ts`:
 * Dockerfile, .dockerignore, Makefile, .goreleaser.yaml, .golangci.yml and
 * GitHub workflows, all from one resolved config.
 *
 * @pjid go-service
 */
export class GoServiceProject extends Project {
  /** The one resolved, validated configuration every file is derived from. */
  public readonly config: ResolvedGoServiceConfig;
  /** The service Dockerfile (build, test, runtime stages). */
  public readonly dockerfile: ServiceDockerfile;
  /** .dockerignore patterns. */
  public readonly dockerignore: DockerIgnore;
  /** The Makefile (build, test, lint, images, releases). */
  public readonly makefile: ServiceMakefile;
  /** .golangci.yml (golangci-lint v2). */
  public readonly golangci: GolangciConfig;
  /** .goreleaser.yaml, when goreleaser is on. */
  public readonly goreleaser?: GoreleaserConfig;
  /** goreleaser's image Dockerfile, when goreleaser is on. */
  public readonly releaseDockerfile?: ReleaseDockerfile;
  /** GitHub workflows, when ci is on. */
  public readonly workflows?: GoWorkflows;
  /** The generated project's own package.json (pinned devDependencies). */
  public readonly nodePackage: NodePackage;

  public constructor(options: GoServiceProjectOptions) {
    // Validate everything before projen creates a single file object.
    const config = resolveConfig(options);
    super({ ...options, projenrcJson: false, commitGenerated: true });
    this.config = config;

    new GoProjenrc(this, { fixedArgs: { goVersion: config.goVersion } });
    this.nodePackage = new NodePackage(this, {
      packageName: config.projectName,
      packageManager: NodePackageManager.NPM,
      devDeps: devDependencySpecs(options.devDeps ?? []),
      entrypoint: "",
      licensed: false,
    });
    // The package.json only carries the tools that run .projenrc.ts; never publish it.
    this.nodePackage.addField("private", true);
    this.gitignore.exclude("/node_modules/", `/${config.binDir}/`, "/dist/", "/.tools/", "/coverage.*", "*.test", ".env", ".env.*");

    this.dockerfile = new ServiceDockerfile(this, config);
    this.dockerignore = new DockerIgnore(this, config);
    this.makefile = new ServiceMakefile(this, config);
    this.golangci = new GolangciConfig(this, config);
    if (config.goreleaser) {
      this.goreleaser = new GoreleaserConfig(this, config);
      this.releaseDockerfile = new ReleaseDockerfile(this, config);
    }
    if (config.ci) this.workflows = new GoWorkflows(this, config);
    new StarterCode(this, config);
    new GoModSync(this, config.goVersion);
  }

  /** Marks generated files linguist-generated, so reviews and language stats skip them. */
  public annotateGenerated(glob: string): void {
    this.gitattributes.addAttributes(glob, "linguist-generated");
  }
}
