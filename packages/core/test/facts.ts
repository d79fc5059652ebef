import { parse } from "yaml";

/**
 * Reads the facts that appear in more than one generated file, each from its
 * file, so tests can assert they agree (docs/consistency.md lists them).
 */
export interface Facts {
  goVersion: { goMod?: string; builderImage: string; golangci: string };
  binaryName: { makefile: string; dockerfile: string; goreleaser: string };
  mainPackage: { makefile: string; dockerfile: string; goreleaser: string };
  ldflags: { makefile: string; dockerfile: string; goreleaser: string };
  cgo: { makefile: string; dockerfile: string; goreleaser: string };
  buildFlags: { makefile: string; dockerfile: string; goreleaser: string };
  platforms: { makefile: string[]; dockerBuildx: string[]; goreleaser: string[]; goreleaserImages: string[]; ci?: string[] };
  port: { expose: string; };
  tools: { makefileGolangci: string; ciGolangci?: string; makefileGoreleaser?: string; releaseGoreleaser?: string };
}

function makeVar(makefile: string, name: string): string {
  const m = new RegExp(`^${name} [:?]?= (.*)$`, "m").exec(makefile);
  if (!m) throw new Error(`Makefile has no ${name}`);
  return m[1];
}

export function readFacts(files: Record<string, string>): Facts {
  const mk = files.Makefile;
  const df = files.Dockerfile;
  const gr = files[".goreleaser.yaml"] ? parse(files[".goreleaser.yaml"]) : undefined;
  const gl = parse(files[".golangci.yml"]);
  const ci = files[".github/workflows/ci.yml"] ? parse(files[".github/workflows/ci.yml"]) : undefined;
  const release = files[".github/workflows/release.yml"] ? parse(files[".github/workflows/release.yml"]) : undefined;
  const build = /go build (.*) -ldflags="(.*)" -o \/out\/(\S+) (\S+)/.exec(df)!;
  const grBuild = gr?.builds?.[0] ?? {};
  const goreleaserPlatforms: string[] = [];
  for (const os of grBuild.goos ?? []) {
    for (const arch of grBuild.goarch ?? []) {
      if ((grBuild.ignore ?? []).some((i: { goos: string; goarch: string }) => i.goos === os && i.goarch === arch)) continue;
      if (arch === "arm") for (const v of grBuild.goarm ?? []) goreleaserPlatforms.push(`${os}/arm/v${v}`);
      else goreleaserPlatforms.push(`${os}/${arch}`);
    }
  }
  const buildAll = [...mk.matchAll(/GOOS=(\S+) GOARCH=(\S+)(?: GOARM=(\S+))?/g)].map((m) => (m[3] ? `${m[1]}/${m[2]}/v${m[3]}` : `${m[1]}/${m[2]}`));
  const ciBuild = ci?.jobs?.container?.steps?.find((s: { id?: string; uses?: string }) => s.uses?.startsWith("docker/build-push-action"));
  const lintStep = ci?.jobs?.go?.steps?.find((s: { uses?: string }) => s.uses?.startsWith("golangci/golangci-lint-action"));
  const grStep = release?.jobs?.release?.steps?.find((s: { uses?: string }) => s.uses?.startsWith("goreleaser/goreleaser-action"));
  return {
    goVersion: {
      goMod: files["go.mod"] ? /^go (\S+)$/m.exec(files["go.mod"])?.[1] : undefined,
      builderImage: /golang:(\d+\.\d+\.\d+)-/.exec(df)![1],
      golangci: gl.run.go,
    },
    binaryName: { makefile: makeVar(mk, "BINARY"), dockerfile: build[3], goreleaser: grBuild.binary },
    mainPackage: { makefile: makeVar(mk, "MAIN_PACKAGE"), dockerfile: build[4], goreleaser: grBuild.main },
    ldflags: {
      makefile: makeVar(mk, "LDFLAGS").replace("$(VERSION)", "<v>"),
      dockerfile: build[2].replace("${VERSION}", "<v>"),
      goreleaser: (grBuild.ldflags?.[0] ?? "").replace("{{ .Version }}", "<v>"),
    },
    cgo: {
      makefile: makeVar(mk, "CGO_ENABLED"),
      dockerfile: /CGO_ENABLED=(\d)/.exec(df)![1],
      goreleaser: (grBuild.env ?? []).find((e: string) => e.startsWith("CGO_ENABLED="))?.split("=")[1],
    },
    buildFlags: { makefile: makeVar(mk, "GO_BUILD_FLAGS"), dockerfile: build[1], goreleaser: (grBuild.flags ?? []).join(" ") },
    platforms: {
      makefile: buildAll,
      dockerBuildx: makeVar(mk, "PLATFORMS").split(","),
      goreleaser: goreleaserPlatforms,
      goreleaserImages: gr?.dockers_v2?.[0]?.platforms ?? [],
      ci: ciBuild?.with?.platforms?.split(","),
    },
    port: { expose: /^EXPOSE (\d+)$/m.exec(df)![1] },
    tools: {
      makefileGolangci: makeVar(mk, "GOLANGCI_LINT_VERSION"),
      ciGolangci: lintStep?.with?.version,
      makefileGoreleaser: gr ? makeVar(mk, "GORELEASER_VERSION") : undefined,
      releaseGoreleaser: grStep?.with?.version,
    },
  };
}
