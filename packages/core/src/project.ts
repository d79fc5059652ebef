import { existsSync, readFileSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { Project } from "projen/lib/project";
import { NodePackage, NodePackageManager } from "projen/lib/javascript/node-package";
import { BUILD_ARGS } from "./build/build-args";
import { BaseImage } from "./config/base-image";
import { GoBuild } from "./build/go-build";
import { ComposeFile } from "./compose/compose-file";
import { ComposeHealthcheck } from "./compose/healthcheck";
import type { GoServiceProjectOptions } from "./config/options";
import { readPinsFile } from "./config/pins";
import { resolveConfig, type ResolveContext } from "./config/resolve";
import type { ResolvedGoServiceConfig, ResolvedProbe } from "./config/resolved-config";
import { GoDependabot } from "./dependabot";
import { devDependencySpecs } from "./dev-dependencies";
import { DockerIgnore } from "./dockerignore";
import { ServiceDockerfile } from "./dockerfile/service-dockerfile";
import { GolangciConfig } from "./golangci";
import { GoreleaserConfig } from "./goreleaser/goreleaser-config";
import { RELEASE_DOCKERFILE, ReleaseDockerfile } from "./goreleaser/release-dockerfile";
import { GoTasks } from "./go-tasks";
import { HealthProbeSources } from "./healthprobe/healthprobe";
import { KubernetesManifests } from "./kubernetes/manifests";
import { KubernetesProbe } from "./kubernetes/probe";
import { ServiceMakefile } from "./makefile/service-makefile";
import { PinsFile, pinsForCreation, pinsFrom } from "./pins-file";
import { GoProjenrc } from "./projenrc";
import { SecurityPolicy } from "./security-policy";
import { StarterCode } from "./starter-code";
import { GitignoreGuard } from "./synthesis/gitignore-guard";
import { HandEditError, STATE_FILE, SynthesisGuard } from "./synthesis/hand-edits";
import { LOCK_FILE, withLock } from "./synthesis/lock";
import { notifySynthesisStart } from "./synthesis/synthesis-events";
import { ReleasedFiles } from "./synthesis/unmanage";
import { reportUserError } from "./synthesis/user-error";
import { GoSynthConfigError } from "./util/problems";
import { GoWorkflows } from "./workflows";

/** A resolved probe as the Kubernetes construct takes it. */
function kubernetesProbe(p: ResolvedProbe): KubernetesProbe {
  return p.kind === "httpGet" ? KubernetesProbe.httpGet(p.path!, p.port !== undefined ? { port: p.port } : {}) : p.kind === "exec" ? KubernetesProbe.exec([...p.command!]) : KubernetesProbe.none();
}

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
  /** SECURITY.md, when securityPolicy is on. */
  public readonly securityPolicy?: SecurityPolicy;
  /** The generated project's own package.json (pinned devDependencies). */
  public readonly nodePackage: NodePackage;

  private readonly released: ReleasedFiles;
  private guard?: SynthesisGuard;

  public constructor(options: GoServiceProjectOptions) {
    // Validate everything before projen creates a single file object.
    const outdir = resolvePath(options.parent?.outdir ?? process.cwd(), options.outdir ?? ".");
    const pins = readPinsFile(outdir) ?? pinsForCreation();
    const readFile = (path: string) => readIfExists(join(outdir, path));
    const config = GoServiceProject.resolveOrReport(options, { goMod: readFile("go.mod"), pins, readFile });
    super({ ...options, projenrcJson: false, commitGenerated: true });
    this.config = config;
    this.options = Object.freeze({ ...options });

    // The one place that maps the resolved config to each construct's props.
    const { goBuild: build, image, go, release, ci, deploy } = config;
    new GoProjenrc(this, "projenrc", { fixedArgs: config.starterCode ? { goVersion: go.minor } : {} });
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
    this.gitignore.exclude("/node_modules/", `/${build.binDir}/`, "/dist/", "/.tools/", "/coverage.*", "*.test", ".env", ".env.*");

    this.goBuild = new GoBuild({
      binaryName: build.binaryName,
      mainPackage: build.mainPackage,
      cgo: build.cgo,
      tags: build.tags,
      versionVariable: build.versionVariable,
      stampVariables: build.stampVariables,
      strip: build.strip,
      extraLdflags: build.extraLdflags,
      extraFlags: build.extraFlags,
      vendor: build.vendor,
      goPrivate: build.goPrivate,
    });
    const extraBinaries = build.binaries.slice(1).map((b) => ({
      goBuild: this.goBuild.withBinary(b.name, b.mainPackage, { versionVariable: b.versionVariable, stampVariables: b.stampVariables }),
      platforms: b.platforms,
    }));
    const imageNames = image.binaryImages.map((i) => i.binaryName);
    const binaryImagePorts = Object.fromEntries(image.binaryImages.filter((i) => i.ports).map((i) => [i.binaryName, [...i.ports!]]));
    const runtimeSettings = { env: image.env, files: image.files, args: image.args, volumes: image.volumes, labels: image.labels, extraPorts: image.extraPorts, binaryImagePorts };
    if (image.healthProbe) new HealthProbeSources(this, "healthprobe", { goVersion: go.minor });
    this.dockerfile = new ServiceDockerfile(this, "dockerfile", {
      ...runtimeSettings,
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
      binaryImages: extraBinaries.map((b) => b.goBuild).filter((b) => imageNames.includes(b.binaryName)),
    });
    this.dockerignore = new DockerIgnore(this, "dockerignore", { binDir: build.binDir, keep: image.files.map((f) => `/${f.source}`) });
    if (deploy.kubernetes) {
      const k = deploy.kubernetes;
      this.kubernetes = new KubernetesManifests(this, "kubernetes", {
        name: k.name,
        imageRepository: image.repository,
        containerPort: image.port,
        user: { uid: image.runtime.user.uid, gid: image.runtime.user.gid },
        liveness: kubernetesProbe(k.liveness),
        readiness: kubernetesProbe(k.readiness),
        replicas: k.replicas,
        resources: { requests: { ...k.requests }, limits: { ...k.limits } },
        // podman kube play runs exec probes through /bin/sh: only an image with a shell (alpine) keeps its own check locally.
        ...(image.runtime.kind === BaseImage.ALPINE && image.healthCheck.command ? { play: { healthCheck: [...image.healthCheck.command] } } : {}),
      });
    }
    const makeTools: Record<string, string> = {
      golangciLint: config.tools.golangciLint,
      ...(release.enabled ? { goreleaser: config.tools.goreleaser } : {}),
      ...(release.vulnCheck ? { govulncheck: config.tools.govulncheck } : {}),
      ...(release.sbom ? { syft: config.tools.syft } : {}),
    };
    this.makefile = new ServiceMakefile(this, "makefile", {
      goBuild: this.goBuild,
      extraBuilds: extraBinaries.map((b) => b.goBuild),
      goToolchain: go.patch,
      toolsToolchain: go.toolsPatch,
      compose: deploy.compose !== undefined,
      tools: makeTools,
      binDir: build.binDir,
      platforms: build.platforms,
      imagePlatforms: image.platforms,
      imageRepository: image.repository,
      binaryImages: imageNames,
      ...(this.kubernetes ? { kubePlay: { file: this.kubernetes.play.path, imageTag: this.kubernetes.playImageTag } } : {}),
      ...(config.make.projectMakefile
        ? { projectMakefile: config.make.projectMakefile, projectTargets: config.make.projectTargets, projectDefaultGoal: config.make.projectDefaultGoal }
        : {}),
    });
    this.golangci = new GolangciConfig(this, "golangci", {
      goVersion: go.languageVersion,
      modulePath: config.modulePath,
      preset: config.lint.preset,
      ...(config.lint.config ? { config: config.lint.config } : {}),
      buildTags: build.tags,
    });
    if (release.enabled) {
      this.goreleaser = new GoreleaserConfig(this, "goreleaser", {
        goBuild: this.goBuild,
        extraBuilds: extraBinaries,
        healthProbe: image.healthProbe,
        sbom: release.sbom,
        sign: release.sign,
        platforms: build.platforms,
        imagePlatforms: image.platforms,
        imageRepository: image.repository,
        imageFiles: image.files.map((f) => f.source),
        archive: release.archive,
        checksumName: release.checksumName,
        checksumAlgorithm: release.checksumAlgorithm,
        dockerfile: RELEASE_DOCKERFILE,
        binaryImages: image.binaryImages,
      });
      this.releaseDockerfile = new ReleaseDockerfile(this, "release-dockerfile", {
        ...runtimeSettings,
        filePath: RELEASE_DOCKERFILE,
        binaryName: build.binaryName,
        runtime: image.runtime,
        builderImage: image.builder,
        port: image.port,
        sourceUrl: image.sourceUrl,
        healthCheck: image.healthCheck,
        portFromEnv: image.portFromEnv,
        explainComments: config.explainComments,
        binaryImages: imageNames,
      });
    }
    if (ci.enabled) {
      this.workflows = new GoWorkflows(this, "workflows", {
        defaultBranch: ci.defaultBranch,
        imageRepository: image.repository,
        imagePlatforms: image.platforms,
        pushImages: ci.pushImages,
        release: release.workflow,
        goToolchain: go.patch,
        golangciLintVersion: config.tools.golangciLint,
        goreleaserVersion: config.tools.goreleaser,
        actions: config.tools.actions,
        actionShas: ci.actionShas,
        upgradeWorkflow: ci.upgradeWorkflow,
        codeql: ci.codeql,
        vulnCheck: release.vulnCheck,
        sign: release.sign,
        provenance: release.provenance,
        checksumFile: release.checksumName,
        cosignVersion: config.tools.cosign,
        syftVersion: release.sbom ? config.tools.syft : undefined,
        govulncheckVersion: config.tools.govulncheck,
        vendor: build.vendor,
        ...(deploy.kubernetes ? { kubernetesManifests: this.kubernetes!.outdir } : {}),
      });
    }
    if (ci.dependabot) new GoDependabot(this, "dependabot");
    if (config.security.policy) this.securityPolicy = new SecurityPolicy(this, "security-policy", { projectName: config.projectName, contact: config.security.contact });
    if (config.starterCode) {
      new StarterCode(this, "starter-code", {
        modulePath: config.modulePath,
        goVersion: go.languageVersion,
        binaryName: build.binaryName,
        mainPackage: build.mainPackage,
        port: image.port,
        versionVariable: build.versionVariable ?? "main.version",
        projectName: config.projectName,
        baseImage: image.runtime.kind,
      });
    }
    if (deploy.compose) {
      const command = image.healthCheck.command;
      this.compose = new ComposeFile(this, "compose", {
        serviceName: deploy.compose.serviceName,
        imageRepository: image.repository,
        containerPort: image.port,
        user: { uid: image.runtime.user.uid, gid: image.runtime.user.gid },
        healthcheck: command ? ComposeHealthcheck.exec([...command]) : ComposeHealthcheck.none(),
        imageHasHealthcheck: command !== undefined,
        buildArgs: Object.fromEntries(BUILD_ARGS.map((arg) => [arg.name, arg.fallback])),
      });
    }
    new PinsFile(this, "pins", { pins: pinsFrom(go.patch, config.tools as unknown as Record<string, string>, config.tools.actions, ci.actionShas, pins?.images ?? {}) });
    new GoTasks(this, "tasks");
    new GitignoreGuard(this, "gitignore-guard");
    this.released = new ReleasedFiles(this, "released-files");
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
    const file = this.tryFindFile(filePath);
    if (!file) {
      throw new Error(`unmanageFile: "${filePath}" is not a file gosynth generates (it generates: ${this.files.map((f) => f.path).join(", ")})`);
    }
    this.released.release(file.path, file.marker);
    this.tryRemoveFile(filePath);
  }

  /**
   * Synthesizes under a lock (concurrent runs wait for each other), after
   * checking for hand edits, so a failure leaves the tree as it was.
   */
  public synth(): void {
    withLock(join(this.outdir, LOCK_FILE), 120_000, () => {
      notifySynthesisStart(this);
      // Created here so it is the last component: it sees every file.
      this.guard ??= new SynthesisGuard(this, "synthesis-guard", { handedOver: (path) => this.released.has(path) });
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
