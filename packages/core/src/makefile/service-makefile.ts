import type { Project } from "projen";
import { BUILD_ARGS, SOURCE_DATE_EPOCH_SHELL } from "../build/build-args";
import { crossCompiler } from "../build/cross-compilers";
import type { GoBuild } from "../build/go-build";
import type { Platform } from "../config/resolved-config";
import { Makefile } from "./model";

/** Props of the service Makefile. */
export interface ServiceMakefileProps {
  /** How the service binary is built (shared with the Dockerfile and goreleaser). */
  readonly goBuild: GoBuild;
  /** Other binaries `make build` puts into the bin directory. @default [] */
  readonly extraBuilds?: GoBuild[];
  /** The exact Go release every go command of the Makefile runs (GOTOOLCHAIN), as the image and CI do. */
  readonly goToolchain: string;
  /** Directory of local build outputs. */
  readonly binDir: string;
  /** Every target platform (build-all). */
  readonly platforms: Platform[];
  /** Platforms images are built for (docker-buildx). */
  readonly imagePlatforms: Platform[];
  /** Image repository of docker-build. */
  readonly imageRepository: string;
  /** Pinned golangci-lint version ("v2.15.0"). */
  readonly golangciLintVersion: string;
  /** Add `make vuln` with this pinned govulncheck. @default - no vuln target */
  readonly govulncheckVersion?: string;
  /** Pinned syft: release snapshots make SBOMs. @default - no SBOMs */
  readonly syftVersion?: string;
  /** Add `make up` / `make down` for compose.yaml. @default false */
  readonly compose?: boolean;
  /** Pinned goreleaser version; no release target without it. @default - no goreleaser */
  readonly goreleaserVersion?: string;
}

function platformSuffix(p: Platform): string {
  return `${p.os}-${p.arch}${p.arm ? `v${p.arm}` : ""}`;
}

/** The make spelling of each build fact. */
const MAKE_VALUES = { version: "$(VERSION)", revision: "$(REVISION)", created: "$(CREATED)" };

/**
 * The service Makefile: build, test, lint, images and releases with the same
 * flags as the Dockerfile and .goreleaser.yaml (one GoBuild), the same build
 * args as CI and goreleaser (build-args.ts) and the same cross compilers as
 * goreleaser (cross-compilers.ts).
 */
export class ServiceMakefile extends Makefile {
  /** The project's ServiceMakefile. */
  public static of(project: Project): ServiceMakefile | undefined {
    return project.components.find((c): c is ServiceMakefile => c instanceof ServiceMakefile);
  }

  public constructor(project: Project, filePath: string, props: ServiceMakefileProps) {
    super(project, filePath);
    const { goBuild: build } = props;
    this.addVariable("BINARY", build.binaryName);
    this.addVariable("MAIN_PACKAGE", build.mainPackage);
    this.addVariable("BIN_DIR", props.binDir);
    this.addVariable("GO", "go");
    this.addVariable("GO_TOOLCHAIN", props.goToolchain, {
      operator: ":=",
      comment: "The Go release the image and CI build with; every go command here runs it (go downloads it when this machine has another).",
    });
    this.addVariable("GOTOOLCHAIN", "go$(GO_TOOLCHAIN)", { export: true });
    for (const [i, arg] of BUILD_ARGS.entries()) {
      this.addVariable(arg.name, `$(shell ${arg.shell})`, {
        comment: i === 0 ? "Build facts with the same meaning in CI and goreleaser: version (no leading v), commit, commit time (not the clock: reproducible)." : undefined,
      });
    }
    this.addVariable("CGO_ENABLED", build.cgoEnabled, {
      comment: build.cgo ? "cgo on: links libc (run on distroless base)." : "Static binary: runs on distroless static or scratch.",
    });
    this.addVariable("GO_BUILD_FLAGS", build.flags.join(" "), { operator: ":=" });
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
    this.addVariable("GOLANGCI_LINT_VERSION", props.golangciLintVersion, { operator: ":=" });
    this.addVariable("GOLANGCI_LINT", "$(CURDIR)/.tools/golangci-lint-$(GOLANGCI_LINT_VERSION)-go$(GO_TOOLCHAIN)/golangci-lint", {
      comment: "Pinned tools are installed per version under .tools/ (or point these at your own). golangci-lint is built with the project's Go, so it lints every Go the project moves to.",
    });
    if (props.goreleaserVersion) {
      this.addVariable("GORELEASER_VERSION", props.goreleaserVersion, { operator: ":=" });
      this.addVariable("GORELEASER", "$(CURDIR)/.tools/goreleaser-$(GORELEASER_VERSION)/goreleaser");
    }
    if (props.syftVersion) {
      this.addVariable("SYFT_VERSION", props.syftVersion, { operator: ":=" });
      this.addVariable("SYFT", "$(CURDIR)/.tools/syft-$(SYFT_VERSION)/syft", { comment: "goreleaser runs syft for the archives' SBOMs." });
    }
    if (props.govulncheckVersion) {
      this.addVariable("GOVULNCHECK_VERSION", props.govulncheckVersion, { operator: ":=" });
      this.addVariable("GOVULNCHECK", "$(CURDIR)/.tools/govulncheck-$(GOVULNCHECK_VERSION)/govulncheck");
      this.addVariable("GOVULNCHECK_FLAGS", "", { comment: "e.g. -db file:///path/to/vulndb for an offline database." });
    }

    const goBuild = (env: string[], output: string) => `${[...env, "$(GO) build"].join(" ")} $(GO_BUILD_FLAGS) -ldflags="$(LDFLAGS)" -o ${output} $(MAIN_PACKAGE)`;
    const extra = props.extraBuilds ?? [];
    this.addTarget("build", {
      description: extra.length > 0 ? "Build every binary into $(BIN_DIR)/" : "Build the binary into $(BIN_DIR)/",
      recipe: [
        goBuild(["CGO_ENABLED=$(CGO_ENABLED)"], "$(BIN_DIR)/$(BINARY)"),
        ...extra.map((b) => `CGO_ENABLED=${b.cgoEnabled} $(GO) build ${b.flags.join(" ")} -ldflags="${b.ldflags(MAKE_VALUES)}" -o $(BIN_DIR)/${b.binaryName} ${b.mainPackage}`),
      ],
    });
    this.addTarget("run", { description: "Build and run the service", prerequisites: ["build"], recipe: ["./$(BIN_DIR)/$(BINARY)"] });
    this.addTarget("test", {
      description: "Run the tests with the race detector and a coverage profile",
      recipe: ["CGO_ENABLED=1 $(GO) test -race -coverprofile=coverage.out ./..."],
    });
    this.addTarget("vet", { description: "Run go vet", recipe: ["$(GO) vet ./..."] });
    this.addTarget("fmt", { description: "Format the code (gofmt, goimports)", prerequisites: ["$(GOLANGCI_LINT)"], recipe: ["$(GOLANGCI_LINT) fmt"] });
    this.addTarget("lint", { description: "Run golangci-lint (pinned version)", prerequisites: ["$(GOLANGCI_LINT)"], recipe: ["$(GOLANGCI_LINT) run"] });
    this.addTarget("tidy", { description: "Tidy go.mod and go.sum", recipe: ["$(GO) mod tidy"] });
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
        return goBuild(env, `$(BIN_DIR)/$(BINARY)-${platformSuffix(p)}${p.os === "windows" ? ".exe" : ""}`);
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
    if (props.compose) {
      this.addVariable("COMPOSE", "$(DOCKER) compose", { comment: "COMPOSE=podman-compose with podman." });
      // compose.yaml reads the build args from the environment, as docker-build passes them.
      const composeEnv = BUILD_ARGS.map((arg) => `${arg.name}=$(${arg.name})`).join(" ");
      this.addTarget("up", { description: "Build and start the service with compose (compose.yaml)", recipe: [`${composeEnv} $(COMPOSE) up --build --detach`] });
      this.addTarget("down", { description: "Stop the compose services and remove their containers", recipe: ["$(COMPOSE) down"] });
    }
    if (props.govulncheckVersion) {
      this.addTarget("vuln", {
        description: "Report known vulnerabilities the code reaches (govulncheck)",
        prerequisites: ["$(GOVULNCHECK)"],
        recipe: ["$(GOVULNCHECK) $(GOVULNCHECK_FLAGS) ./..."],
      });
    }
    if (props.goreleaserVersion) {
      this.addTarget("release-snapshot", {
        description: "Build a local snapshot release with goreleaser (unsigned: signing is keyless, in CI)",
        prerequisites: ["$(GORELEASER)", ...(props.syftVersion ? ["$(SYFT)"] : [])],
        recipe: [`${props.syftVersion ? 'PATH="$(dir $(SYFT)):$$PATH" ' : ""}$(GORELEASER) release --snapshot --clean --skip=sign`],
      });
    }
    this.addTarget("clean", { description: "Remove build outputs", recipe: ["rm -rf $(BIN_DIR) dist coverage.out"] });

    // Tool binaries are file targets: installed once per pinned version.
    this.addTarget("$(GOLANGCI_LINT)", {
      phony: false,
      recipe: ["GOBIN=$(dir $@) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)"],
    });
    if (props.govulncheckVersion) {
      this.addTarget("$(GOVULNCHECK)", { phony: false, recipe: ["GOBIN=$(dir $@) $(GO) install golang.org/x/vuln/cmd/govulncheck@$(GOVULNCHECK_VERSION)"] });
    }
    if (props.syftVersion) {
      this.addTarget("$(SYFT)", { phony: false, recipe: ["GOBIN=$(dir $@) $(GO) install github.com/anchore/syft/cmd/syft@$(SYFT_VERSION)"] });
    }
    if (props.goreleaserVersion) {
      this.addTarget("$(GORELEASER)", {
        phony: false,
        recipe: ["GOBIN=$(dir $@) $(GO) install github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)"],
      });
    }
  }
}
