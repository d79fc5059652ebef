import { describe, expect, it } from "vitest";
import { findRunCommands, goreleaserPublishes } from "../../../src/adopt/import/workflow-commands";

describe("findRunCommands", () => {
  it("finds goreleaser run through go run, with its version and config", () => {
    expect(findRunCommands("go run github.com/goreleaser/goreleaser/v2@v2.5.1 release --clean --config .goreleaser.yml")).toEqual([
      {
        command: { kind: "goreleaser", args: "release --clean --config .goreleaser.yml", version: "v2.5.1", publishes: true, config: ".goreleaser.yml" },
        text: "go run github.com/goreleaser/goreleaser/v2@v2.5.1 release --clean --config .goreleaser.yml",
        offset: 0,
      },
    ]);
  });

  it("finds goreleaser-cross run in docker, past env assignments and line continuations", () => {
    const script = 'echo ok\nGITHUB_TOKEN=x docker run --rm -e GITHUB_TOKEN \\\n  -v "$PWD:/src" -w /src ghcr.io/goreleaser/goreleaser-cross:v1.26.2 release --clean\n';
    const [found] = findRunCommands(script);
    expect(found.command).toEqual({ kind: "goreleaser", args: "release --clean", version: "v1.26.2", publishes: true });
    expect(script.slice(found.offset).startsWith("docker run")).toBe(true);
  });

  it("finds image pushes of docker, buildx and imagetools, and ko", () => {
    const kinds = findRunCommands(
      [
        "docker buildx build --platform linux/amd64,linux/arm64 -t ghcr.io/acme/api:${{ github.ref_name }} --push .",
        "docker buildx imagetools create -t docker.io/acme/api:latest docker.io/acme/api:1.2.3",
        "KO_DOCKER_REPO=ghcr.io/acme ko build ./cmd/api",
        "ko build --local ./cmd/api",
        "docker build -t api .",
      ].join("\n"),
    ).map((f) => f.command);
    expect(kinds).toEqual([
      { kind: "image-push", tool: "docker buildx build --push", images: ["ghcr.io/acme/api:${{ github.ref_name }}"] },
      { kind: "image-push", tool: "docker buildx imagetools create", images: ["docker.io/acme/api:latest"] },
      { kind: "image-push", tool: "ko build", images: [] },
    ]);
  });

  it("finds GitHub releases made without goreleaser", () => {
    expect(findRunCommands('gh release create "$TAG" dist/*.tar.gz').map((f) => f.command.kind)).toEqual(["github-release"]);
  });
});

describe("goreleaserPublishes", () => {
  it("is true for release and for no subcommand, false for snapshots, skipped publishing and other subcommands", () => {
    expect(goreleaserPublishes([])).toBe(true);
    expect(goreleaserPublishes(["release", "--clean"])).toBe(true);
    expect(goreleaserPublishes(["release", "--skip=publish,sign"])).toBe(false);
    expect(goreleaserPublishes(["release", "--skip", "publish"])).toBe(false);
    expect(goreleaserPublishes(["build", "--single-target"])).toBe(false);
    expect(goreleaserPublishes(["check"])).toBe(false);
  });
});
