import type { IConstruct } from "constructs";
import type { Project } from "projen/lib/project";
import { BUILD_ARGS, SOURCE_DATE_EPOCH_SHELL } from "../build/build-args";
import { crossCompiler } from "../build/cross-compilers";
import type { GoBuild } from "../build/go-build";
import { binaryImageRepository } from "../config/resolve-image";
import type { Platform } from "../config/resolved-config";
import { Tools } from "../tool-versions";
import { Makefile } from "./model";

/** What `make kube-play` runs: the podman kube play rendering of the Kubernetes manifests. */
export interface KubePlayTarget {
  /** Path of the rendering, e.g. "deploy/kubernetes/kube-play.yaml". */
  readonly file: string;
  /** Tag of the local image it runs, e.g. "dev". */
  readonly imageTag: string;
}

/** Props of the service Makefile. */
export interface ServiceMakefileProps {
  /** Path of the file. @default "Makefile" */
  readonly filePath?: string;
  /** How the service binary is built (shared with the Dockerfile and goreleaser). */
  readonly goBuild: GoBuild;
  /** Other binaries `make build` puts into the bin directory. @default [] */
  readonly extraBuilds?: GoBuild[];
  /** The exact Go release every go command of the Makefile runs (GOTOOLCHAIN), as the image and CI do. */
  readonly goToolchain: string;
  /** The exact Go release the pinned tools are built with (at least the one they need). @default - goToolchain */
  readonly toolsToolchain?: string;
  /** Directory of local build outputs. */
  readonly binDir: string;
  /** Every target platform (build-all). */
  readonly platforms: Platform[];
  /** Platforms images are built for (docker-buildx). */
  readonly imagePlatforms: Platform[];
  /** Image repository of docker-build. */
  readonly imageRepository: string;
  /** Other binaries with an image of their own (a Dockerfile stage each): `make docker-build-<name>`, `make docker-buildx-<name>`. @default [] */
  readonly binaryImages?: string[];
  /**
   * The pinned tools the targets run, by key of gosynth's tools table ("golangciLint": "v2.15.0"):
   * golangciLint (lint, fmt), goreleaser (release-snapshot), govulncheck (vuln), syft (SBOMs of snapshots).
   */
  readonly tools: { [tool: string]: string };
  /** Add `make up` / `make down` for compose.yaml. @default false */
  readonly compose?: boolean;
  /** Add `make kube-play` / `make kube-down` for the Kubernetes manifests. @default - none */
  readonly kubePlay?: KubePlayTarget;
  /** A hand-written Makefile whose targets this one runs (theirs win on a clash). @default - none */
  readonly projectMakefile?: string;
  /** Its targets. @default [] */
  readonly projectTargets?: string[];
  /** The goal `make` alone ran with it. @default - its first target */
  readonly projectDefaultGoal?: string;
}

function platformSuffix(p: Platform): string {
  return `${p.os}-${p.arch}${p.arm ? `v${p.arm}` : ""}`;
}

/** The make spelling of each build fact. */
const MAKE_VALUES = { version: "$(VERSION)", revision: "$(REVISION)", created: "$(CREATED)" };

/** "golangci-lint" -> "GOLANGCI_LINT": a tool's variable, from its command. */
function toolVariable(key: string): string {
  return Tools.tool(key).command.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

/**
 * The service Makefile: build, test, lint, images and releases with the same
 * flags as the Dockerfile and .goreleaser.yaml (one GoBuild), the same build
 * args as CI and goreleaser (build-args.ts), the same cross compilers as
 * goreleaser (cross-compilers.ts) and the tools of gosynth's tools table.
 */
export class ServiceMakefile extends Makefile {
  /** The project's ServiceMakefile. */
  public static of(project: Project): ServiceMakefile | undefined {
    return project.components.find((c): c is ServiceMakefile => c instanceof ServiceMakefile);
  }

  public constructor(scope: IConstruct, id: string, props: ServiceMakefileProps) {
    super(scope, id, { filePath: props.filePath });
    const { goBuild: build } = props;
    const uses = (tool: string) => props.tools[tool] !== undefined;
    this.addVariable("BINARY", build.binaryName);
    this.addVariable("MAIN_PACKAGE", build.mainPackage);
    this.addVariable("BIN_DIR", props.binDir);
    this.addVariable("GO", "go");
    this.addVariable("GO_TOOLCHAIN", props.goToolchain, {
      operator: ":=",
      comment: "The Go release the image and CI build with; every go command here runs it (go downloads it when this machine has another).",
    });
    // go switches toolchains only to Go 1.21 and newer: an older release must be the one on PATH.
    this.addVariable("GOTOOLCHAIN", Number(props.goToolchain.split(".")[1]) >= 21 ? "go$(GO_TOOLCHAIN)" : "local", { export: true });
    for (const [i, arg] of BUILD_ARGS.entries()) {
      this.addVariable(arg.name, `$(shell ${arg.shell})`, {
        comment: i === 0 ? "Build facts with the same meaning in CI and goreleaser: version (no leading v), commit, commit time (not the clock: reproducible)." : undefined,
      });
    }
    this.addVariable("CGO_ENABLED", build.cgoEnabled, {
      comment: build.cgo ? "cgo on: links libc (run on distroless base)." : "Static binary: runs on distroless static or scratch.",
    });
    this.addVariable("GO_BUILD_FLAGS", build.flags.join(" "), { operator: ":=" });
    this.addVariable("GO_CHECK_FLAGS", build.checkFlags.join(" "), { operator: ":=", comment: "What go test and go vet share with the build (vendor/, build tags)." });
    this.addVariable("LDFLAGS", build.ldflags(MAKE_VALUES), { operator: ":=" });
    this.addVariable("PLATFORMS", props.imagePlatforms.map((p) => p.id).join(","), {
      operator: ":=",
      comment: "Container image platforms (docker-buildx).",
    });
    if (build.cgo) {
      for (const [i, p] of props.platforms.entries()) {
        this.addVariable(`CC_${p.os}_${p.arch}`, crossCompiler(p), { comment: i === 0 ? "C cross compilers for cgo (Debian: gcc-<arch>-linux-gnu)." : undefined });
      }
    }
    this.addVariable("IMAGE", props.imageRepository);
    this.addVariable("DOCKER", "docker", { comment: "Set DOCKER=podman to build with podman." });
    this.addVariable("SOURCE_DATE_EPOCH", `$(shell ${SOURCE_DATE_EPOCH_SHELL})`, {
      comment: "Image times from the commit, not the clock: the same commit builds the same image.",
    });
    this.addVariable(
      "REPRODUCIBLE",
      "$(if $(filter podman,$(notdir $(DOCKER))),--timestamp $(SOURCE_DATE_EPOCH),--build-arg SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) --output type=docker$(COMMA)rewrite-timestamp=true)",
      { operator: "=", comment: "podman (buildah) takes --timestamp; BuildKit reads SOURCE_DATE_EPOCH and rewrites layer times." },
    );
    this.addVariable("COMMA", ",", { operator: ":=" });
    this.addVariable("DOCKER_BUILD_FLAGS", "", { comment: "More flags for docker-build, e.g. --no-cache." });
    this.addVariable("TOOLS_GOTOOLCHAIN", `go${props.toolsToolchain ?? props.goToolchain}`, {
      operator: ":=",
      comment: "Pinned tools are installed per version under .tools/ (or point their variables at your own), built with the newest Go gosynth knows, never older than the project's: golangci-lint must be as new as the code it lints.",
    });
    const toolKeys = Object.keys(props.tools);
    for (const key of toolKeys) {
      const variable = toolVariable(key);
      const { command } = Tools.tool(key);
      this.addVariable(`${variable}_VERSION`, props.tools[key], { operator: ":=" });
      // golangci-lint refuses code of a newer Go than it was built with: its directory names that Go too.
      const dir = key === "golangciLint" ? `${command}-$(${variable}_VERSION)-$(TOOLS_GOTOOLCHAIN)` : `${command}-$(${variable}_VERSION)`;
      this.addVariable(variable, `$(CURDIR)/.tools/${dir}/${command}`);
    }
    if (uses("govulncheck")) this.addVariable("GOVULNCHECK_FLAGS", "", { comment: "e.g. -db file:///path/to/vulndb for an offline database." });

    const extra = props.extraBuilds ?? [];
    this.addTarget("build", {
      description: extra.length > 0 ? "Build every binary into $(BIN_DIR)/" : "Build the binary into $(BIN_DIR)/",
      recipe: [
        build.command(MAKE_VALUES, "$(BIN_DIR)/$(BINARY)", { go: "CGO_ENABLED=$(CGO_ENABLED) $(GO) build", flags: "$(GO_BUILD_FLAGS)", ldflags: "$(LDFLAGS)", mainPackage: "$(MAIN_PACKAGE)" }),
        ...extra.map((b) => b.command(MAKE_VALUES, `$(BIN_DIR)/${b.binaryName}`, { go: `CGO_ENABLED=${b.cgoEnabled} $(GO) build` })),
      ],
    });
    this.addTarget("run", { description: "Build and run the service", prerequisites: ["build"], recipe: ["./$(BIN_DIR)/$(BINARY)"] });
    this.addTarget("test", {
      description: "Run the tests with the race detector and a coverage profile",
      recipe: ["CGO_ENABLED=1 $(GO) test $(GO_CHECK_FLAGS) -race -coverprofile=coverage.out ./..."],
    });
    this.addTarget("vet", { description: "Run go vet", recipe: ["$(GO) vet $(GO_CHECK_FLAGS) ./..."] });
    this.addTarget("fmt", { description: "Format the code (gofmt, goimports)", prerequisites: ["$(GOLANGCI_LINT)"], recipe: ["$(GOLANGCI_LINT) fmt"] });
    this.addTarget("lint", { description: "Run golangci-lint (pinned version)", prerequisites: ["$(GOLANGCI_LINT)"], recipe: ["$(GOLANGCI_LINT) run"] });
    this.addTarget("tidy", {
      description: build.vendor ? "Tidy go.mod and go.sum, and vendor the modules again" : "Tidy go.mod and go.sum",
      recipe: ["$(GO) mod tidy", ...(build.vendor ? ["$(GO) mod vendor"] : [])],
    });
    this.addTarget("check", { description: "vet, lint and test", prerequisites: ["vet", "lint", "test"] });
    this.addTarget("build-all", {
      description: "Cross-compile for every configured platform",
      recipe: props.platforms.map((p) => {
        const env = [
          "CGO_ENABLED=$(CGO_ENABLED)",
          ...(build.cgo ? [`CC=$(CC_${p.os}_${p.arch})`] : []),
          `GOOS=${p.os}`,
          `GOARCH=${p.arch}`,
          ...(p.arm ? [`GOARM=${p.arm}`] : []),
        ];
        const output = `$(BIN_DIR)/$(BINARY)-${platformSuffix(p)}${p.os === "windows" ? ".exe" : ""}`;
        return build.command(MAKE_VALUES, output, { go: `${env.join(" ")} $(GO) build`, flags: "$(GO_BUILD_FLAGS)", ldflags: "$(LDFLAGS)", mainPackage: "$(MAIN_PACKAGE)" });
      }),
    });
    const buildArgs = BUILD_ARGS.map((arg) => `--build-arg ${arg.name}=$(${arg.name})`).join(" ");
    this.addTarget("docker-build", {
      description: "Build the container image for this machine's platform",
      recipe: [`$(DOCKER) build $(REPRODUCIBLE) $(DOCKER_BUILD_FLAGS) ${buildArgs} -t $(IMAGE):$(VERSION) .`],
    });
    this.addTarget("docker-buildx", {
      description: "Build the container image for every configured platform",
      recipe: [`$(DOCKER) buildx build --platform $(PLATFORMS) --build-arg SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) ${buildArgs} -t $(IMAGE):$(VERSION) .`],
    });
    for (const name of props.binaryImages ?? []) {
      // The binary's stage of the same Dockerfile, tagged as the release pushes it.
      const image = `${binaryImageRepository("$(IMAGE)", name)}:$(VERSION)`;
      this.addTarget(`docker-build-${name}`, {
        description: `Build the container image of ${name} (--target ${name}) for this machine's platform`,
        recipe: [`$(DOCKER) build $(REPRODUCIBLE) $(DOCKER_BUILD_FLAGS) ${buildArgs} --target ${name} -t ${image} .`],
      });
      this.addTarget(`docker-buildx-${name}`, {
        description: `Build the container image of ${name} (--target ${name}) for every configured platform`,
        recipe: [`$(DOCKER) buildx build --platform $(PLATFORMS) --build-arg SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) ${buildArgs} --target ${name} -t ${image} .`],
      });
    }
    if (props.compose) {
      this.addVariable("COMPOSE", "$(DOCKER) compose", { comment: "COMPOSE=podman-compose with podman." });
      // compose.yaml reads the build args from the environment, as docker-build passes them.
      const composeEnv = BUILD_ARGS.map((arg) => `${arg.name}=$(${arg.name})`).join(" ");
      this.addTarget("up", { description: "Build and start the service with compose (compose.yaml)", recipe: [`${composeEnv} $(COMPOSE) up --build --detach`] });
      this.addTarget("down", { description: "Stop the compose services and remove their containers", recipe: ["$(COMPOSE) down"] });
    }
    if (props.kubePlay) {
      const { file, imageTag } = props.kubePlay;
      this.addVariable("PODMAN", "podman", { comment: "podman kube play runs the Kubernetes pod on this machine (docker has no kube play)." });
      this.addTarget("kube-play", {
        description: `Build the image with podman and run the Kubernetes pod here (podman kube play ${file})`,
        recipe: ["$(MAKE) docker-build DOCKER=$(PODMAN)", `$(PODMAN) tag $(IMAGE):$(VERSION) $(IMAGE):${imageTag}`, `$(PODMAN) kube play --replace ${file}`],
      });
      this.addTarget("kube-down", { description: "Stop and remove the pod of make kube-play", recipe: [`$(PODMAN) kube down ${file}`] });
    }
    if (uses("govulncheck")) {
      this.addTarget("vuln", {
        description: "Report known vulnerabilities the code reaches (govulncheck)",
        prerequisites: ["$(GOVULNCHECK)"],
        recipe: ["$(GOVULNCHECK) $(GOVULNCHECK_FLAGS) ./..."],
      });
    }
    if (uses("goreleaser")) {
      this.addTarget("release-snapshot", {
        description: "Build a local snapshot release with goreleaser (unsigned: signing is keyless, in CI)",
        prerequisites: ["$(GORELEASER)", ...(uses("syft") ? ["$(SYFT)"] : [])],
        recipe: [`${uses("syft") ? 'PATH="$(dir $(SYFT)):$$PATH" ' : ""}$(GORELEASER) release --snapshot --clean --skip=sign`],
      });
    }
    this.addTarget("clean", { description: "Remove build outputs", recipe: ["rm -rf $(BIN_DIR) dist coverage.out"] });

    // Tool binaries are file targets: installed once per pinned version, from gosynth's tools table.
    for (const key of toolKeys) {
      const variable = toolVariable(key);
      this.addTarget(`$(${variable})`, {
        phony: false,
        // +auto: a tool release whose go line is newer still installs (go fetches that toolchain).
        recipe: [`GOTOOLCHAIN=$(TOOLS_GOTOOLCHAIN)+auto GOBIN=$(dir $@) $(GO) install ${Tools.tool(key).package}@$(${variable}_VERSION)`],
      });
    }
    if (props.projectMakefile) this.delegateTo(props.projectMakefile, props.projectTargets ?? [], props.projectDefaultGoal);
  }
}
