import { describe, expect, it } from "vitest";
import { findMakefile, importMakefile } from "../../../src/adopt/import/makefile";
import type { ImportedMakefile, MakeTarget } from "../../../src/adopt/import/makefile";
import { writeModule } from "../helpers";

// Inputs shaped like real services' makefiles (prometheus' Makefile + Makefile.common,
// miniflux, go-httpbin, ardanlabs/service), written for these tests.

function target(result: ImportedMakefile, name: string): { value: MakeTarget; line: number } | undefined {
  const found = result.targets.find((t) => t.value.name === name);
  return found && { value: found.value, line: found.at.line };
}

describe("findMakefile", () => {
  it("takes the file GNU make reads by default: GNUmakefile, makefile, Makefile", () => {
    expect(findMakefile(writeModule({ Makefile: "", GNUmakefile: "" }))).toBe("GNUmakefile");
    expect(findMakefile(writeModule({ Makefile: "", makefile: "" }))).toBe("makefile");
    expect(findMakefile(writeModule({ Makefile: "" }))).toBe("Makefile");
    expect(findMakefile(writeModule({ "go.mod": "module x\n" }))).toBeUndefined();
  });
});

describe("importMakefile: a Makefile that includes a shared one (prometheus shape)", () => {
  const main = `# Licensed under the Apache License.

include Makefile.common
-include .env.mk local.mk

DOCKER_IMAGE_NAME       ?= shop-exporter
`;
  const common = `unexport GOBIN

GO           ?= go
GOHOSTARCH   ?= $(shell $(GO) env GOHOSTARCH)
pkgs          = ./...
PROMU        := $(FIRST_GOPATH)/bin/promu

ifeq (arm, $(GOHOSTARCH))
	GO_BUILD_PLATFORM ?= linux-armv7
else
	GO_BUILD_PLATFORM ?= linux-$(GOHOSTARCH)
endif

# Forwards "build" to "common-build".
%: common-% ;

.PHONY: common-all
common-all: precheck style lint build test

# For backward-compatibility.
.PHONY: common-staticcheck
common-staticcheck: lint

.PHONY: common-lint
common-lint: $(GOLANGCI_LINT)
ifdef GOLANGCI_LINT
	@echo ">> running golangci-lint"
	$(GOLANGCI_LINT) run $(pkgs)
endif

.PHONY: common-docker $(BUILD_DOCKER_ARCHS)
common-docker: $(BUILD_DOCKER_ARCHS)
$(BUILD_DOCKER_ARCHS): common-docker-%:
	docker build -t "$(DOCKER_IMAGE_NAME)-linux-$*" .

$(PROMU):
	curl -s -L $(PROMU_URL) | tar -xvzf - -C /tmp

.PHONY: precheck
precheck::

define PRECHECK_template =
precheck:: $(1)_precheck
$(1)_precheck:
	@command -v $(1)
endef
`;

  it("reads the includes", () => {
    expect(importMakefile(main, "Makefile").includes).toEqual([
      { value: "Makefile.common", at: { file: "Makefile", line: 3 } },
      { value: ".env.mk", at: { file: "Makefile", line: 4 } },
      { value: "local.mk", at: { file: "Makefile", line: 4 } },
    ]);
  });

  it("reads the variables, those under ifeq/else marked conditional, a define as a variable", () => {
    const { variables } = importMakefile(common, "Makefile.common");
    expect(variables.map((v) => [v.at.line, v.value])).toEqual([
      [3, { name: "GO", operator: "?=", value: "go", exported: false }],
      [4, { name: "GOHOSTARCH", operator: "?=", value: "$(shell $(GO) env GOHOSTARCH)", exported: false }],
      [5, { name: "pkgs", operator: "=", value: "./...", exported: false }],
      [6, { name: "PROMU", operator: ":=", value: "$(FIRST_GOPATH)/bin/promu", exported: false }],
      [9, { name: "GO_BUILD_PLATFORM", operator: "?=", value: "linux-armv7", exported: false, conditional: true }],
      [11, { name: "GO_BUILD_PLATFORM", operator: "?=", value: "linux-$(GOHOSTARCH)", exported: false, conditional: true }],
      [42, { name: "PRECHECK_template", operator: "=", value: "precheck:: $(1)_precheck\n$(1)_precheck:\n\t@command -v $(1)", exported: false }],
    ]);
  });

  it("reads explicit targets: not the pattern rule, not special targets, not the define's body", () => {
    const result = importMakefile(common, "Makefile.common");
    expect(result.targets.map((t) => t.value.name)).toEqual(["common-all", "common-staticcheck", "common-lint", "common-docker", "precheck"]);
    expect(target(result, "common-all")).toEqual({
      value: { name: "common-all", prerequisites: ["precheck", "style", "lint", "build", "test"], hasRecipe: false, phony: true },
      line: 18,
    });
    // A comment above the .PHONY line above the rule describes it.
    expect(target(result, "common-staticcheck")?.value.description).toBe("For backward-compatibility.");
    // The recipe goes on through ifdef/endif.
    expect(target(result, "common-lint")?.value).toMatchObject({ prerequisites: ["$(GOLANGCI_LINT)"], hasRecipe: true });
    expect(target(result, "precheck")?.value).toEqual({ name: "precheck", prerequisites: [], hasRecipe: false, phony: true, doubleColon: true });
  });

  it("reports rules whose targets are references as file targets, as written", () => {
    expect(importMakefile(common, "Makefile.common").fileTargets).toEqual([
      { value: "$(BUILD_DOCKER_ARCHS)", at: { file: "Makefile.common", line: 33 } },
      { value: "$(PROMU)", at: { file: "Makefile.common", line: 36 } },
    ]);
  });
});

describe("importMakefile: build flags (miniflux shape)", () => {
  const makefile = `APP             := shop
VERSION         := $(shell git describe --tags --exact-match 2>/dev/null)
LD_FLAGS        := "-s -w -X 'github.com/acme/shop/internal/version.Version=$(VERSION)'"
DB_URL          := postgres://postgres:postgres@localhost/shop_test?sslmode=disable

export PGPASSWORD := postgres

.PHONY: \\
	shop \\
	linux-amd64 \\
	test

shop:
	@ go build -buildmode=pie -ldflags=$(LD_FLAGS) -o $(APP)

linux-amd64:
	@ CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -ldflags=$(LD_FLAGS) -o $(APP)-$@

test:
	go test -cover -race -count=1 ./...
`;

  it("finds -X in a variable, the reference to VERSION expanded one level, with a note on what make computes", () => {
    const result = importMakefile(makefile, "Makefile");
    expect(result.ldflagsX).toEqual([
      {
        value: {
          symbol: "github.com/acme/shop/internal/version.Version",
          value: "$(shell git describe --tags --exact-match 2>/dev/null)",
          written: "-X 'github.com/acme/shop/internal/version.Version=$(VERSION)'",
        },
        at: { file: "Makefile", line: 3 },
      },
    ]);
    expect(result.notes).toEqual([
      "Makefile:3: -X github.com/acme/shop/internal/version.Version: $(shell git describe --tags --exact-match 2>/dev/null) is computed by make when it runs; kept as written",
    ]);
  });

  it("finds -buildmode in go build lines only", () => {
    expect(importMakefile(makefile, "Makefile").goFlags).toEqual([{ value: { flag: "-buildmode", value: "pie" }, at: { file: "Makefile", line: 14 } }]);
  });

  it("reads a continued .PHONY list and an exported variable", () => {
    const result = importMakefile(makefile, "Makefile");
    expect(result.targets.map((t) => [t.value.name, t.value.phony])).toEqual([["shop", true], ["linux-amd64", true], ["test", true]]);
    expect(result.variables.find((v) => v.value.name === "PGPASSWORD")).toEqual({
      value: { name: "PGPASSWORD", operator: ":=", value: "postgres", exported: true },
      at: { file: "Makefile", line: 6 },
    });
  });
});

describe("importMakefile: a recipe over several lines (go-httpbin shape)", () => {
  const makefile = `DIST_PATH ?= dist
TEST_ARGS ?= -race

# =============================================================================
# build
# =============================================================================
build:
	mkdir -p $(DIST_PATH)
	GIT_COMMIT=$$(git describe --always --dirty); \\
	CGO_ENABLED=0 \\
	go build -trimpath -ldflags="-s -w -X main.commit=$$GIT_COMMIT -X main.version=\${VERSION}" -o $(DIST_PATH)/httpbin ./cmd/httpbin
.PHONY: build

# Run the websocket test suite
testws:
	WS_TESTS=1 go test -v $(TEST_ARGS) ./...
.PHONY: wstests
`;

  it("gives each -X the line it is on, keeps shell and unset variables as written and says why", () => {
    const result = importMakefile(makefile, "Makefile");
    expect(result.ldflagsX).toEqual([
      { value: { symbol: "main.commit", value: "$$GIT_COMMIT", written: "-X main.commit=$$GIT_COMMIT" }, at: { file: "Makefile", line: 11 } },
      { value: { symbol: "main.version", value: "${VERSION}", written: "-X main.version=${VERSION}" }, at: { file: "Makefile", line: 11 } },
    ]);
    expect(result.notes).toEqual([
      "Makefile:11: -X main.commit: $$GIT_COMMIT is a shell variable, set when the recipe runs; kept as written",
      "Makefile:11: -X main.version: ${VERSION} is not set in this file (the environment, the command line or an included file sets it); kept as written",
    ]);
    expect(result.goFlags).toEqual([{ value: { flag: "-trimpath" }, at: { file: "Makefile", line: 11 } }]);
  });

  it("takes the comment right above a rule as its description, not a banner; phony only when declared so", () => {
    const result = importMakefile(makefile, "Makefile");
    expect(target(result, "build")?.value).toEqual({ name: "build", prerequisites: [], hasRecipe: true, phony: true });
    expect(target(result, "testws")?.value).toEqual({
      name: "testws", prerequisites: [], hasRecipe: true, description: "Run the websocket test suite", phony: false,
    });
  });
});

describe("importMakefile: a lowercase makefile with many targets (ardanlabs/service shape)", () => {
  const makefile = `SHELL_PATH = /bin/ash
SHELL = $(if $(wildcard $(SHELL_PATH)),/bin/ash,/bin/bash)

BASE_IMAGE_NAME := localhost/acme
VERSION         := 0.0.1
SALES_IMAGE     := $(BASE_IMAGE_NAME)/sales:$(VERSION)

UNAME_S := $(shell uname -s)
ifeq ($(UNAME_S),Darwin)
	OPEN_CMD := open
else
	OPEN_CMD := xdg-open
endif

ifeq ($(UNAME_S),Linux)
dev-brew-linux:
	sudo apt-get install -y kind
endif

build: sales metrics ## Build all the images

sales: ## Build the sales image
	docker build \\
		-f zarf/docker/dockerfile.sales \\
		-t $(SALES_IMAGE) \\
		--build-arg BUILD_REF=$(VERSION) \\
		.

metrics:
	docker build -t $(BASE_IMAGE_NAME)/metrics:$(VERSION) .

dev-up:
	kind create cluster --name acme

	kubectl wait --timeout=120s --for=condition=Available deployment/local-path-provisioner

migrate:
	export SALES_DB_HOST=localhost; go run api/tooling/admin/main.go migrate

seed: migrate
	export SALES_DB_HOST=localhost; go run api/tooling/admin/main.go seed

## tidy: Tidy and vendor the modules
tidy:
	go mod tidy
	go mod vendor
`;

  it("reads every target with its prerequisites; a blank line inside a recipe does not end it", () => {
    const result = importMakefile(makefile, "makefile");
    expect(result.targets.map((t) => [t.value.name, t.value.prerequisites, t.value.hasRecipe])).toEqual([
      ["dev-brew-linux", [], true],
      ["build", ["sales", "metrics"], false],
      ["sales", [], true],
      ["metrics", [], true],
      ["dev-up", [], true],
      ["migrate", [], true],
      ["seed", ["migrate"], true],
      ["tidy", [], true],
    ]);
    expect(result.notes).toEqual([]);
  });

  it("flags a target under ifeq as conditional", () => {
    expect(target(importMakefile(makefile, "makefile"), "dev-brew-linux")).toEqual({
      value: { name: "dev-brew-linux", prerequisites: [], hasRecipe: true, phony: false, conditional: true },
      line: 16,
    });
  });

  it("reads ## descriptions: after the rule, or above it with the target's name in front", () => {
    const result = importMakefile(makefile, "makefile");
    expect(target(result, "build")?.value.description).toBe("Build all the images");
    expect(target(result, "sales")?.value.description).toBe("Build the sales image");
    expect(target(result, "tidy")?.value.description).toBe("Tidy and vendor the modules");
    expect(target(result, "metrics")?.value.description).toBeUndefined();
  });

  it("finds no -X or go build flag where there is none (docker --build-arg is no -X)", () => {
    const result = importMakefile(makefile, "makefile");
    expect(result.ldflagsX).toEqual([]);
    expect(result.goFlags).toEqual([]);
  });
});

describe("importMakefile: make's syntax", () => {
  it("reads several targets on one rule, and merges the rules of one target", () => {
    const result = importMakefile(`lint vet: tools\n\tgo vet ./...\nlint: fmt\n`, "Makefile");
    expect(result.targets.map((t) => [t.value.name, t.value.prerequisites, t.value.hasRecipe, t.at.line])).toEqual([
      ["lint", ["tools", "fmt"], true, 1],
      ["vet", ["tools"], true, 1],
    ]);
  });

  it("a target-specific variable is no rule: it is a variable of that target", () => {
    const result = importMakefile(`test-integration: TAGS := integration\ntest-integration: export CGO_ENABLED = 1\ntest-integration:\n\tgo test -tags $(TAGS) ./...\n`, "Makefile");
    expect(result.targets.map((t) => [t.value.name, t.at.line])).toEqual([["test-integration", 3]]);
    expect(result.variables.map((v) => v.value)).toEqual([
      { name: "TAGS", operator: ":=", value: "integration", exported: false, target: "test-integration" },
      { name: "CGO_ENABLED", operator: "=", value: "1", exported: true, target: "test-integration" },
    ]);
  });

  it("reads every assignment operator", () => {
    const result = importMakefile(`A = 1\nB := 2\nC ::= 3\nD ?= 4\nD += 5\nE != git rev-parse HEAD\nURL = http://localhost:8080 # the dev server\n`, "Makefile");
    expect(result.variables.map((v) => [v.value.name, v.value.operator, v.value.value])).toEqual([
      ["A", "=", "1"],
      ["B", ":=", "2"],
      ["C", "::=", "3"],
      ["D", "?=", "4"],
      ["D", "+=", "5"],
      ["E", "!=", "git rev-parse HEAD"],
      ["URL", "=", "http://localhost:8080"],
    ]);
  });

  it("a bare export, or export NAME, exports variables set elsewhere", () => {
    const some = importMakefile(`GOFLAGS := -mod=vendor\nGOPROXY := off\nexport GOFLAGS\n`, "Makefile");
    expect(some.variables.map((v) => [v.value.name, v.value.exported])).toEqual([["GOFLAGS", true], ["GOPROXY", false]]);
    const all = importMakefile(`GOFLAGS := -mod=vendor\nGOBIN := /tmp/bin\nexport\nunexport GOBIN\n`, "Makefile");
    expect(all.variables.map((v) => [v.value.name, v.value.exported])).toEqual([["GOFLAGS", true], ["GOBIN", false]]);
  });

  it("honours .RECIPEPREFIX", () => {
    const result = importMakefile(`.RECIPEPREFIX = >\nbuild:\n> go build -trimpath ./cmd/shop\n`, "Makefile");
    expect(target(result, "build")?.value.hasRecipe).toBe(true);
    expect(result.goFlags.map((f) => f.value)).toEqual([{ flag: "-trimpath" }]);
  });

  it("says what it cannot read: rules made by $(eval ...) when make runs", () => {
    const result = importMakefile(`SERVICES := api worker\n$(foreach s,$(SERVICES),$(eval $(call service_rules,$(s))))\n$(info building)\nsinclude local.mk\n`, "Makefile");
    expect(result.notes).toEqual(["Makefile:2: $(foreach s,$(SERVICES),$(eval $(call service_rules,$(s)))): made when make runs (rules or variables it makes are not read here)"]);
    expect(result.includes.map((i) => i.value)).toEqual(["local.mk"]);
  });

  it("a variable continued over lines is one value", () => {
    const result = importMakefile(`PLATFORMS := linux/amd64 \\\n             linux/arm64\n`, "Makefile");
    expect(result.variables[0]?.value.value).toBe("linux/amd64 linux/arm64");
  });
});

describe("importMakefile: -X and go build flags through variables", () => {
  const makefile = `PKG      := github.com/acme/shop
VERSION  ?= 1.4.0
GO       ?= go
TAGS     := netgo osusergo
LDFLAGS  := -X $(PKG)/version.Version=$(VERSION) -X \${PKG}/version.Revision=$(REVISION)
BUILD_FLAGS := -mod=vendor -tags "$(TAGS)"

build:
	$(GO) build $(BUILD_FLAGS) -ldflags "$(LDFLAGS)" -o bin/shop ./cmd/shop
	curl -X POST http://localhost:8080/reload
`;

  it("expands the file's variables in symbol and value, one level", () => {
    const result = importMakefile(makefile, "Makefile");
    expect(result.ldflagsX.map((x) => x.value)).toEqual([
      { symbol: "github.com/acme/shop/version.Version", value: "1.4.0", written: "-X $(PKG)/version.Version=$(VERSION)" },
      { symbol: "github.com/acme/shop/version.Revision", value: "$(REVISION)", written: "-X ${PKG}/version.Revision=$(REVISION)" },
    ]);
    expect(result.notes).toEqual([
      "Makefile:5: -X ${PKG}/version.Revision: $(REVISION) is not set in this file (the environment, the command line or an included file sets it); kept as written",
      "Makefile:9: go build -tags $(TAGS): $(TAGS) refers to another variable: references are expanded one level only; kept as written",
    ]);
  });

  it("reads go build flags from a variable the go build line names, expanded one level", () => {
    expect(importMakefile(makefile, "Makefile").goFlags).toEqual([
      { value: { flag: "-mod", value: "vendor" }, at: { file: "Makefile", line: 9 } },
      { value: { flag: "-tags", value: "$(TAGS)" }, at: { file: "Makefile", line: 9 } },
    ]);
  });

  it("reads GOFLAGS: exported by the file, or set in front of go build", () => {
    const result = importMakefile(`export GOFLAGS := -mod=vendor\nTAGS := netgo\n\nbuild:\n\tGOFLAGS="-tags=$(TAGS) -trimpath" CGO_ENABLED=0 go build ./cmd/shop\n`, "Makefile");
    expect(result.goFlags.map((f) => [f.at.line, f.value])).toEqual([
      [5, { flag: "-tags", value: "netgo" }],
      [5, { flag: "-trimpath" }],
      [1, { flag: "-mod", value: "vendor" }],
    ]);
  });

  it("gives each -X of a variable continued over lines its own line", () => {
    const result = importMakefile(`VERSION := 2.0.0\nLDFLAGS := -s -w \\\n\t-X main.version=$(VERSION) \\\n\t-X main.channel=stable\n`, "Makefile");
    expect(result.ldflagsX.map((x) => [x.at.line, x.value.symbol, x.value.value])).toEqual([
      [3, "main.version", "2.0.0"],
      [4, "main.channel", "stable"],
    ]);
    expect(result.notes).toEqual([]);
  });

  it("reads -tags=list and -tags list in a go build line", () => {
    const result = importMakefile(`build:\n\tgo build -tags=netgo,osusergo -o bin/a .\n\tgo build -tags sqlite_omit_load_extension -o bin/b .\n`, "Makefile");
    expect(result.goFlags.map((f) => [f.at.line, f.value])).toEqual([
      [2, { flag: "-tags", value: "netgo,osusergo" }],
      [3, { flag: "-tags", value: "sqlite_omit_load_extension" }],
    ]);
  });
});
