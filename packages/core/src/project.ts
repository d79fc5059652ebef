import { existsSync, readFileSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { Project } from "projen";
import { NodePackage, NodePackageManager } from "projen/lib/javascript";
import type { GoServiceProjectOptions } from "./config/options";
import type { ResolvedGoServiceConfig } from "./config/resolved-config";
import { HealthCheckKind } from "./config/health-check";
import { readPinsFile } from "./config/pins";
import { resolveConfig, type ResolveContext } from "./config/resolve";
import { HealthProbeSources } from "./healthprobe/healthprobe";
import { GoTasks } from "./go-tasks";
import { GoDependabot } from "./dependabot";
import type { ComposeFile } from "./compose/compose-file";
import { composeFile, kubernetesManifests } from "./deploy";
import type { KubernetesManifests } from "./kubernetes/manifests";
import { PinsFile, pinsForCreation, pinsOf } from "./pins-file";
import { devDependencySpecs } from "./dev-dependencies";
import { DockerIgnore } from "./dockerignore";
import { ServiceDockerfile } from "./dockerfile/service-dockerfile";
import { GoBuild } from "./build/go-build";
import { GoModSync } from "./go-mod-sync";
import { GolangciConfig } from "./golangci";
import { GoreleaserConfig, RELEASE_DOCKERFILE, ReleaseDockerfile } from "./goreleaser";
import { ServiceMakefile } from "./makefile/service-makefile";
import { GoWorkflows } from "./workflows";
import { GoProjenrc } from "./projenrc";
import { StarterCode, templateData } from "./starter-code";
import { GoSynthConfigError } from "./config/errors";
import { HandEditError, STATE_FILE, SynthesisGuard } from "./synthesis/hand-edits";
import { reportUserError } from "./synthesis/user-error";
import { GitignoreGuard } from "./synthesis/gitignore-guard";
import { LOCK_FILE, withLock } from "./synthesis/lock";
import { releaseFile } from "./synthesis/unmanage";
import { notifySynthesisStart } from "./toolkit/synthesis-events";

/**
 * A Go service whose packaging files are synthesized from `.projenrc.ts`:
 * Dockerfile, .dockerignore, Makefile, .goreleaser.yaml, .golangci.yml and
 * GitHub workflows, all from one resolved config.
 *
 * @pjid go-service
 */
export class GoServiceProject extends Project {
  /** The options the project was created with, as given (the config is what they resolve to). */
  public readonly options: GoServiceProjectOptions;
  /** The one resolved, validated configuration every file is derived from. */
  public readonly config: ResolvedGoServiceConfig;
  /** How the service binary is built: one definition rendered by the Makefile, the Dockerfile and goreleaser. */
  public readonly goBuild: GoBuild;
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
  /** compose.yaml, when compose is on. */
  public readonly compose?: ComposeFile;
  /** Kubernetes manifests, when kubernetes is on. */
  public readonly kubernetes?: KubernetesManifests;
  /** The generated project's own package.json (pinned devDependencies). */
  public readonly nodePackage: NodePackage;

  private readonly unmanaged = new Set<string>();
  private guard?: SynthesisGuard;

  public constructor(options: GoServiceProjectOptions) {
    // Validate everything before projen creates a single file object.
    const outdir = resolvePath(options.parent?.outdir ?? process.cwd(), options.outdir ?? ".");
    const pins = readPinsFile(outdir) ?? pinsForCreation();
    const config = GoServiceProject.resolveOrReport(options, { goMod: readIfExists(join(outdir, "go.mod")), pins });
    super({ ...options, projenrcJson: false, commitGenerated: true });
    this.config = config;
    this.options = Object.freeze({ ...options });

    new GoProjenrc(this, { fixedArgs: config.go.syncGoMod ? { goVersion: config.go.version } : {} });
    this.nodePackage = new NodePackage(this, {
      packageName: config.projectName,
      packageManager: NodePackageManager.NPM,
      devDeps: devDependencySpecs(options.devDeps ?? [], pins?.npm),
      entrypoint: "",
      licensed: false,
      // bin/ holds the Go binary, not npm executables.
      autoDetectBin: false,
    });
    // projen installs with `npm ci` when CI is set, which fails before a lock file
    // exists (`projen new` in a pipeline): fall back to npm install then.
    // (projen's task shell has no `if`, hence node for the test.)
    this.tasks
      .tryFind("install:ci")
      ?.reset(`node -e "process.exit(require('fs').existsSync('package-lock.json') ? 0 : 1)" && npm ci || npm install`);
    // The package.json only carries the tools that run .projenrc.ts; never publish it.
    this.nodePackage.addField("private", true);
    this.gitignore.exclude(`/${LOCK_FILE}`);
    this.gitignore.include(`/${STATE_FILE}`);
    this.gitignore.exclude("/node_modules/", `/${config.goBuild.binDir}/`, "/dist/", "/.tools/", "/coverage.*", "*.test", ".env", ".env.*");

    // The one place that maps the resolved config to each construct's props.
    const { goBuild: build, image, go } = config;
    this.goBuild = new GoBuild({
      binaryName: build.binaryName,
      mainPackage: build.mainPackage,
      cgo: build.cgo,
      tags: build.tags,
      versionVariable: build.versionVariable,
      stampVariables: build.stampVariables,
      strip: build.strip,
      extraLdflags: build.extraLdflags,
      goPrivate: build.goPrivate,
    });
    const extraBuilds = build.binaries.slice(1).map((b) => this.goBuild.withBinary(b.name, b.mainPackage, { versionVariable: b.versionVariable, stampVariables: b.stampVariables }));
    const healthProbe = image.healthCheck.kind === HealthCheckKind.HTTP;
    if (healthProbe) new HealthProbeSources(this);
    this.dockerfile = new ServiceDockerfile(this, "Dockerfile", {
      goBuild: this.goBuild,
      builderImage: image.builder,
      runtime: image.runtime,
      platforms: image.platforms,
      port: image.port,
      sourceUrl: image.sourceUrl,
      healthCheck: image.healthCheck,
      portFromEnv: image.portFromEnv,
      testStage: image.testStage,
      upx: image.upx,
      copySources: image.copySources,
      explainComments: config.explainComments,
    });
    this.dockerignore = new DockerIgnore(this, ".dockerignore", { binDir: build.binDir });
    this.makefile = new ServiceMakefile(this, "Makefile", {
      goBuild: this.goBuild,
      extraBuilds,
      goToolchain: go.patch,
      compose: config.deploy.compose,
      govulncheckVersion: config.release.vulnCheck ? config.tools.govulncheck : undefined,
      syftVersion: config.release.sbom ? config.tools.syft : undefined,
      binDir: build.binDir,
      platforms: build.platforms,
      imagePlatforms: image.platforms,
      imageRepository: image.repository,
      golangciLintVersion: config.tools.golangciLint,
      goreleaserVersion: config.release.enabled ? config.tools.goreleaser : undefined,
    });
    this.golangci = new GolangciConfig(this, ".golangci.yml", {
      goVersion: go.version,
      modulePath: config.modulePath,
      preset: config.lint.preset,
      buildTags: build.tags,
    });
    if (config.release.enabled) {
      this.goreleaser = new GoreleaserConfig(this, ".goreleaser.yaml", {
        goBuild: this.goBuild,
        extraBuilds,
        healthProbe,
        sbom: config.release.sbom,
        sign: config.release.sign,
        platforms: build.platforms,
        imagePlatforms: image.platforms,
        imageRepository: image.repository,
        dockerfile: RELEASE_DOCKERFILE,
      });
      this.releaseDockerfile = new ReleaseDockerfile(this, RELEASE_DOCKERFILE, {
        binaryName: build.binaryName,
        runtime: image.runtime,
        builderImage: image.builder,
        port: image.port,
        sourceUrl: image.sourceUrl,
        healthCheck: image.healthCheck,
        portFromEnv: image.portFromEnv,
        explainComments: config.explainComments,
      });
    }
    if (config.ci.enabled) {
      this.workflows = new GoWorkflows(this, "workflows", {
        defaultBranch: config.ci.defaultBranch,
        imageRepository: image.repository,
        imagePlatforms: image.platforms,
        pushImages: config.ci.pushImages,
        release: config.release.enabled,
        goToolchain: go.patch,
        golangciLintVersion: config.tools.golangciLint,
        goreleaserVersion: config.tools.goreleaser,
        actions: config.tools.actions,
        actionShas: config.ci.actionShas,
        upgradeWorkflow: config.ci.upgradeWorkflow,
        vulnCheck: config.release.vulnCheck,
        sign: config.release.sign,
        provenance: config.release.provenance,
        cosignVersion: config.tools.cosign,
        syftVersion: config.release.sbom ? config.tools.syft : undefined,
        govulncheckVersion: config.tools.govulncheck,
      });
    }
    if (config.ci.dependabot) new GoDependabot(this, ".github/dependabot.yml");
    if (config.starterCode) new StarterCode(this, templateData(config));
    if (config.deploy.compose) this.compose = composeFile(this, config);
    if (config.deploy.kubernetes) {
      try {
        this.kubernetes = kubernetesManifests(this, config);
      } catch (e) {
        if (e instanceof GoSynthConfigError) reportUserError(e);
        throw e;
      }
    }
    if (go.syncGoMod) new GoModSync(this, { goVersion: go.version });
    new PinsFile(this, pinsOf(config));
    new GoTasks(this);
    new GitignoreGuard(this);
  }

  private static resolveOrReport(options: GoServiceProjectOptions, context: ResolveContext): ResolvedGoServiceConfig {
    try {
      return resolveConfig(options, context);
    } catch (e) {
      if (e instanceof GoSynthConfigError) reportUserError(e);
      throw e;
    }
  }

  /**
   * Stop generating a file and hand it to the user as it is on disk (marker
   * removed, writable). The way to keep a hand edit that .projenrc.ts cannot express.
   */
  public unmanageFile(filePath: string): void {
    if (!this.tryRemoveFile(filePath)) {
      throw new Error(`unmanageFile: "${filePath}" is not a file gosynth generates (it generates: ${this.files.map((f) => f.path).join(", ")})`);
    }
    this.unmanaged.add(filePath);
  }

  /**
   * Synthesizes under a lock (concurrent runs wait for each other), after
   * rendering every file and checking for hand edits, so a failure leaves the
   * tree as it was.
   */
  public synth(): void {
    withLock(join(this.outdir, LOCK_FILE), 120_000, () => {
      for (const path of this.unmanaged) releaseFile(this.outdir, path);
      notifySynthesisStart(this);
      // Created here so it is the last component: it sees everyone's pre-synthesis changes.
      this.guard ??= new SynthesisGuard(this);
      try {
        super.synth();
      } catch (e) {
        if (e instanceof HandEditError) reportUserError(e);
        throw e;
      }
    });
  }

  /** Marks generated files linguist-generated, so reviews and language stats skip them. */
  public annotateGenerated(glob: string): void {
    this.gitattributes.addAttributes(glob, "linguist-generated");
  }
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf-8") : undefined;
}
