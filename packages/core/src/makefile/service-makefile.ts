import type { Project } from "projen";
import type { Platform, ResolvedGoServiceConfig } from "../config/resolved-config";
import { cgoEnabled, goBuildFlags, goLdflags } from "../go-build";
import { Makefile } from "./model";

/** Debian's cross C compilers, for cgo builds of other architectures. */
const CROSS_CC: Readonly<Record<string, string>> = {
  amd64: "x86_64-linux-gnu-gcc",
  arm64: "aarch64-linux-gnu-gcc",
  arm: "arm-linux-gnueabihf-gcc",
  "386": "i686-linux-gnu-gcc",
  ppc64le: "powerpc64le-linux-gnu-gcc",
  s390x: "s390x-linux-gnu-gcc",
  riscv64: "riscv64-linux-gnu-gcc",
};

function platformSuffix(p: Platform): string {
  return `${p.os}-${p.arch}${p.arm ? `v${p.arm}` : ""}`;
}

function crossBuildLine(config: ResolvedGoServiceConfig, p: Platform): string {
  const exe = p.os === "windows" ? ".exe" : "";
  const env = [
    "CGO_ENABLED=$(CGO_ENABLED)",
    ...(config.cgo ? [`CC=$(CC_${p.os}_${p.arch})`] : []),
    `GOOS=${p.os}`,
    `GOARCH=${p.arch}`,
    ...(p.arm ? [`GOARM=${p.arm}`] : []),
  ];
  return `${env.join(" ")} $(GO) build $(GO_BUILD_FLAGS) -ldflags="$(LDFLAGS)" -o $(BIN_DIR)/$(BINARY)-${platformSuffix(p)}${exe} $(MAIN_PACKAGE)`;
}

/**
 * The service Makefile: build, test, lint, images and releases with the same
 * flags as the Dockerfile and .goreleaser.yaml (see go-build.ts).
 */
export class ServiceMakefile extends Makefile {
  public constructor(project: Project, config: ResolvedGoServiceConfig) {
    super(project, "Makefile");
    const tools = config.tools;
    this.addVariable("BINARY", config.binaryName);
    this.addVariable("MAIN_PACKAGE", config.mainPackage);
    this.addVariable("BIN_DIR", config.binDir);
    this.addVariable("GO", "go");
    this.addVariable("VERSION", "$(shell git describe --tags --always --dirty 2>/dev/null || echo dev)", {
      comment: "Injected into the binary with -X; the same variable the Dockerfile and goreleaser set.",
    });
    this.addVariable("REVISION", "$(shell git rev-parse HEAD 2>/dev/null || echo unknown)");
    this.addVariable("CREATED", "$(shell date -u +%Y-%m-%dT%H:%M:%SZ)");
    this.addVariable("CGO_ENABLED", cgoEnabled(config), {
      comment: config.cgo ? "cgo on: links libc (run on distroless base)." : "Static binary: runs on distroless static or scratch.",
    });
    this.addVariable("GO_BUILD_FLAGS", goBuildFlags(config).join(" "), { operator: ":=" });
    this.addVariable("LDFLAGS", goLdflags(config, "$(VERSION)"), { operator: ":=" });
    this.addVariable("PLATFORMS", config.imagePlatforms.map((p) => p.id).join(","), {
      operator: ":=",
      comment: "Container image platforms (docker-buildx).",
    });
    if (config.cgo) {
      for (const p of config.platforms) {
        this.addVariable(`CC_${p.os}_${p.arch}`, CROSS_CC[p.arch] ?? "gcc", { comment: p === config.platforms[0] ? "C cross compilers for cgo (Debian: gcc-<arch>-linux-gnu)." : undefined });
      }
    }
    this.addVariable("IMAGE", config.imageRepository);
    this.addVariable("DOCKER", "docker", { comment: "Set DOCKER=podman to build with podman." });
    this.addVariable("GOLANGCI_LINT_VERSION", tools.golangciLint, { operator: ":=" });
    this.addVariable("GOLANGCI_LINT", "$(CURDIR)/.tools/golangci-lint-$(GOLANGCI_LINT_VERSION)/golangci-lint", {
      comment: "Pinned tools are installed per version under .tools/ (or point these at your own).",
    });
    if (config.goreleaser) {
      this.addVariable("GORELEASER_VERSION", tools.goreleaser, { operator: ":=" });
      this.addVariable("GORELEASER", "$(CURDIR)/.tools/goreleaser-$(GORELEASER_VERSION)/goreleaser");
    }

    this.addTarget("build", {
      description: "Build the binary into $(BIN_DIR)/",
      recipe: [`CGO_ENABLED=$(CGO_ENABLED) $(GO) build $(GO_BUILD_FLAGS) -ldflags="$(LDFLAGS)" -o $(BIN_DIR)/$(BINARY) $(MAIN_PACKAGE)`],
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
      recipe: config.platforms.map((p) => crossBuildLine(config, p)),
    });
    const buildArgs = "--build-arg VERSION=$(VERSION) --build-arg REVISION=$(REVISION) --build-arg CREATED=$(CREATED)";
    this.addTarget("docker-build", {
      description: "Build the container image for this machine's platform",
      recipe: [`$(DOCKER) build ${buildArgs} -t $(IMAGE):$(VERSION) .`],
    });
    this.addTarget("docker-buildx", {
      description: "Build the container image for every configured platform",
      recipe: [`$(DOCKER) buildx build --platform $(PLATFORMS) ${buildArgs} -t $(IMAGE):$(VERSION) .`],
    });
    if (config.goreleaser) {
      this.addTarget("release-snapshot", {
        description: "Build a local snapshot release with goreleaser",
        prerequisites: ["$(GORELEASER)"],
        recipe: ["$(GORELEASER) release --snapshot --clean"],
      });
    }
    this.addTarget("clean", { description: "Remove build outputs", recipe: ["rm -rf $(BIN_DIR) dist coverage.out"] });

    // Tool binaries are file targets: installed once per pinned version.
    this.addTarget("$(GOLANGCI_LINT)", {
      phony: false,
      recipe: ["GOBIN=$(dir $@) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)"],
    });
    if (config.goreleaser) {
      this.addTarget("$(GORELEASER)", {
        phony: false,
        recipe: ["GOBIN=$(dir $@) $(GO) install github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)"],
      });
    }
  }
}
