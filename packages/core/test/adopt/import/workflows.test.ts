import { describe, expect, it } from "vitest";
import { importWorkflow, importWorkflows } from "../../../src/adopt/import/workflows";
import { writeModule } from "../helpers";

// Tag-triggered goreleaser release, in the shape of nats-server's release.yaml.
const RELEASE = `name: Release
on:
  push:
    tags:
      - "v*"

permissions:
  contents: write

jobs:
  goreleaser:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - name: Set up Go
        uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - name: Release
        uses: goreleaser/goreleaser-action@v6
        with:
          distribution: goreleaser
          version: "~> v2"
          args: release --clean -f .goreleaser.release.yml
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
      - uses: actions/attest-build-provenance@v2
        with:
          subject-checksums: ./dist/checksums.txt
`;

// Multi-registry image publishing on tags, in the shape of miniflux's docker.yml.
const DOCKER = `name: Docker
on:
  schedule:
    - cron: "0 3 * * *"
  push:
    tags: ["[0-9]+.[0-9]+.[0-9]+"]
  pull_request:
    branches: [main]
env:
  QUAY_IMAGE: quay.io/acme/api
jobs:
  images:
    runs-on: ubuntu-latest
    permissions:
      packages: write
    steps:
      - uses: actions/checkout@v4
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: |
            ghcr.io/\${{ github.repository }}
            name=docker.io/acme/api,enable=\${{ github.event_name != 'pull_request' }}
            \${{ env.QUAY_IMAGE }}
          tags: |
            type=semver,pattern={{version}}
      - uses: docker/setup-buildx-action@v3
      - name: Login to Docker Hub
        if: github.event_name != 'pull_request'
        uses: docker/login-action@v3
        with:
          username: \${{ secrets.DOCKERHUB_USERNAME }}
          password: \${{ secrets.DOCKERHUB_TOKEN }}
      - name: Login to GHCR
        uses: docker/login-action@v3
        with:
          registry: ghcr.io
          username: \${{ github.repository_owner }}
          password: \${{ secrets.GITHUB_TOKEN }}
      - uses: docker/build-push-action@v6
        with:
          context: .
          platforms: linux/amd64,linux/arm64
          push: \${{ github.event_name != 'pull_request' }}
          tags: \${{ steps.meta.outputs.tags }}
`;

// CI that only tests, in the shape of go-httpbin's ci.yaml.
const CI = `name: ci
on:
  push:
    branches: [main]
  pull_request:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        go: ["1.25", "1.26"]
        include:
          - go: "1.24"
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: \${{ matrix.go }}
      - run: go test -race ./...
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: 1.20
      - uses: golangci/golangci-lint-action@v8
        with:
          version: v2.1.6
          args: --timeout=5m
`;

describe("importWorkflow: a goreleaser release on tags", () => {
  const workflow = importWorkflow(RELEASE, ".github/workflows/release.yml");

  it("reads the name and the tag trigger", () => {
    expect(workflow.name).toEqual({ value: "Release", at: { file: ".github/workflows/release.yml", line: 1 } });
    expect(workflow.triggers.push).toEqual({
      value: { branches: [], branchesIgnore: [], tags: ["v*"], tagsIgnore: [] },
      at: { file: ".github/workflows/release.yml", line: 3 },
    });
    expect(workflow.runsOnTags).toBe(true);
  });

  it("is a release publisher through goreleaser-action, with its version and args", () => {
    expect(workflow.publishes).toEqual([
      {
        kind: "release",
        evidence: "goreleaser/goreleaser-action args: release --clean -f .goreleaser.release.yml",
        at: { file: ".github/workflows/release.yml", line: 21 },
      },
    ]);
    expect(workflow.goreleaser).toEqual([
      {
        value: { via: "goreleaser/goreleaser-action", version: "~> v2", args: "release --clean -f .goreleaser.release.yml", installOnly: false },
        at: { file: ".github/workflows/release.yml", line: 21 },
      },
    ]);
  });

  it("reads go-version-file", () => {
    expect(workflow.goVersionFiles).toEqual([{ value: "go.mod", at: { file: ".github/workflows/release.yml", line: 20 } }]);
    expect(workflow.goVersions).toEqual([]);
  });

  it("lists every step of the publishing job", () => {
    expect(workflow.steps.map((s) => [s.value.name ?? s.value.uses, s.at.line])).toEqual([
      ["actions/checkout@v4", 14],
      ["Set up Go", 17],
      ["Release", 21],
      ["actions/attest-build-provenance@v2", 29],
    ]);
  });
});

describe("importWorkflow: images pushed on tags", () => {
  const workflow = importWorkflow(DOCKER, ".github/workflows/docker.yml");

  it("is an image publisher through build-push-action's push expression", () => {
    expect(workflow.runsOnTags).toBe(true);
    expect(workflow.publishes).toEqual([
      {
        kind: "images",
        evidence: "docker/build-push-action push: ${{ github.event_name != 'pull_request' }}",
        at: { file: ".github/workflows/docker.yml", line: 44 },
      },
    ]);
  });

  it("takes the image names from the metadata-action step its tags come from", () => {
    expect(workflow.images).toEqual([
      {
        value: { name: "ghcr.io/${{ github.repository }}", templated: true, via: "docker/metadata-action images" },
        at: { file: ".github/workflows/docker.yml", line: 22 },
      },
      {
        value: { name: "docker.io/acme/api", templated: false, via: "docker/metadata-action images" },
        at: { file: ".github/workflows/docker.yml", line: 23 },
      },
      {
        value: { name: "${{ env.QUAY_IMAGE }}", templated: true, resolved: "quay.io/acme/api", via: "docker/metadata-action images" },
        at: { file: ".github/workflows/docker.yml", line: 24 },
      },
    ]);
  });

  it("reads the registries it logs in to, docker.io by default, with the secrets used", () => {
    expect(workflow.registries).toEqual([
      {
        value: { registry: "docker.io", defaulted: true, username: "secrets.DOCKERHUB_USERNAME", password: "secrets.DOCKERHUB_TOKEN" },
        at: { file: ".github/workflows/docker.yml", line: 28 },
      },
      {
        value: { registry: "ghcr.io", username: "github.repository_owner", password: "secrets.GITHUB_TOKEN" },
        at: { file: ".github/workflows/docker.yml", line: 34 },
      },
    ]);
  });

  it("reads the schedule and the pull_request trigger", () => {
    expect(workflow.triggers.schedule).toEqual([{ value: "0 3 * * *", at: { file: ".github/workflows/docker.yml", line: 4 } }]);
    expect(workflow.triggers.pullRequest?.value).toEqual({ branches: ["main"] });
  });
});

describe("importWorkflow: a workflow that only tests", () => {
  const workflow = importWorkflow(CI, ".github/workflows/ci.yml");

  it("publishes nothing and lists no steps", () => {
    expect(workflow.runsOnTags).toBe(false);
    expect(workflow.publishes).toEqual([]);
    expect(workflow.steps).toEqual([]);
    expect(workflow.images).toEqual([]);
  });

  it("fills matrix values into go-version, and keeps 1.20 as written", () => {
    expect(workflow.goVersions).toEqual([
      { value: "1.25", at: { file: ".github/workflows/ci.yml", line: 12 } },
      { value: "1.26", at: { file: ".github/workflows/ci.yml", line: 12 } },
      { value: "1.24", at: { file: ".github/workflows/ci.yml", line: 14 } },
      { value: "1.20", at: { file: ".github/workflows/ci.yml", line: 27 } },
    ]);
  });

  it("reads golangci-lint-action's version and args", () => {
    expect(workflow.golangciLint).toEqual([
      { value: { version: "v2.1.6", args: "--timeout=5m" }, at: { file: ".github/workflows/ci.yml", line: 28 } },
    ]);
  });
});

describe("importWorkflow: run steps", () => {
  it("finds goreleaser release and docker push in a run script, with the line of each command", () => {
    const workflow = importWorkflow(
      `name: publish
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "building"
          goreleaser release --clean
      - run: |
          docker build -t ghcr.io/acme/api:\${GITHUB_REF_NAME} .
          docker push ghcr.io/acme/api:\${GITHUB_REF_NAME}
`,
      ".github/workflows/publish.yml",
    );
    expect(workflow.triggers.release?.value.types).toEqual(["published"]);
    expect(workflow.publishes).toEqual([
      { kind: "release", evidence: "run: goreleaser release --clean", at: { file: ".github/workflows/publish.yml", line: 11 } },
      { kind: "images", evidence: "run: docker push ghcr.io/acme/api:${GITHUB_REF_NAME}", at: { file: ".github/workflows/publish.yml", line: 14 } },
    ]);
    expect(workflow.images).toEqual([
      { value: { name: "ghcr.io/acme/api", templated: false, via: "docker push" }, at: { file: ".github/workflows/publish.yml", line: 14 } },
    ]);
    expect(workflow.steps.map((s) => s.value.run)).toEqual(['echo "building"', "docker build -t ghcr.io/acme/api:${GITHUB_REF_NAME} ."]);
  });

  it("does not count a snapshot build as a release", () => {
    const workflow = importWorkflow(
      `on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - run: goreleaser release --snapshot --clean
`,
      ".github/workflows/snapshot.yml",
    );
    expect(workflow.triggers.push).toBeDefined();
    expect(workflow.triggers.pullRequest).toBeDefined();
    expect(workflow.publishes).toEqual([]);
    expect(workflow.goreleaser.map((g) => g.value)).toEqual([{ via: "run", args: "release --snapshot --clean", installOnly: false }]);
  });

  it("reports make release after an install-only goreleaser-action as a guess", () => {
    const workflow = importWorkflow(
      `name: release
"on":
  release:
    types: [published]
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: goreleaser/goreleaser-action@v6
        with:
          version: v2.8.2
          install-only: true
      - name: make release
        run: make release GORELEASER=goreleaser
`,
      ".github/workflows/release.yaml",
    );
    expect(workflow.goreleaser[0].value).toEqual({ via: "goreleaser/goreleaser-action", version: "v2.8.2", installOnly: true });
    expect(workflow.publishes).toEqual([
      { kind: "release", evidence: "run: make release GORELEASER=goreleaser", at: { file: ".github/workflows/release.yaml", line: 14 }, guess: true },
    ]);
    expect(workflow.notes.some((n) => n.startsWith(".github/workflows/release.yaml:14:") && n.includes("Makefile"))).toBe(true);
  });

  it("does not count goreleaser on workflow_dispatch alone as the release publisher, and says so", () => {
    const workflow = importWorkflow(
      `on: workflow_dispatch
jobs:
  r:
    runs-on: ubuntu-latest
    steps:
      - uses: goreleaser/goreleaser-action@v6
        with:
          args: release
`,
      ".github/workflows/manual.yml",
    );
    expect(workflow.triggers.workflowDispatch).toEqual({ file: ".github/workflows/manual.yml", line: 1 });
    expect(workflow.publishes).toEqual([]);
    expect(workflow.notes).toEqual([
      ".github/workflows/manual.yml:6: goreleaser/goreleaser-action args: release: releases, but the workflow does not run on tags; not counted as a release publisher",
    ]);
  });
});

describe("importWorkflows", () => {
  it("reads .yml and .yaml workflows and counts goreleaser's images as published", () => {
    const dir = writeModule({
      ".goreleaser.yaml": "version: 2\nproject_name: api\ndockers_v2:\n  - images: [ghcr.io/acme/api]\n    tags: [\"{{ .Version }}\"]\n",
      ".github/workflows/release.yaml": RELEASE.replace(" -f .goreleaser.release.yml", ""),
      ".github/workflows/ci.yml": CI,
      ".github/workflows/README.md": "# not a workflow\n",
    });
    const { workflows, notes } = importWorkflows(dir);
    expect(notes).toEqual([]);
    expect(workflows.map((w) => w.file)).toEqual([".github/workflows/ci.yml", ".github/workflows/release.yaml"]);
    expect(workflows[1].publishes.map((p) => [p.kind, p.evidence])).toEqual([
      ["release", "goreleaser/goreleaser-action args: release --clean"],
      ["images", "goreleaser publishes the images of .goreleaser.yaml: ghcr.io/acme/api"],
    ]);
  });

  it("reads the config named by -f", () => {
    const dir = writeModule({
      ".goreleaser.yaml": "version: 2\nproject_name: api\n",
      ".goreleaser.release.yml": "version: 2\nproject_name: api\nkos:\n  - repositories: [ghcr.io/acme/api-ko]\n",
      ".github/workflows/release.yml": RELEASE,
    });
    const [release] = importWorkflows(dir).workflows;
    expect(release.publishes[1]).toEqual({
      kind: "images",
      evidence: "goreleaser publishes the images of .goreleaser.release.yml: ghcr.io/acme/api-ko",
      at: { file: ".github/workflows/release.yml", line: 21 },
    });
  });

  it("finds no workflows in a repository without .github/workflows", () => {
    expect(importWorkflows(writeModule({ "go.mod": "module example.com/x\n" }))).toEqual({ workflows: [], notes: [] });
  });
});
