import { describe, expect, it } from "vitest";
import { buildOutput, goCommands } from "../../../src/adopt/import/go-build-command";
import { ldflagsX } from "../../../src/adopt/import/go-ldflags";

describe("goCommands", () => {
  it("finds go commands after cd, env and export, with inline settings and flags", () => {
    const [download, build, install] = goCommands(
      "set -eux; go mod download -x && cd cmd/agent && export GOFLAGS=-mod=mod; " +
        'if env CGO_ENABLED=0 GOOS=linux go build -v -o ../../bin/ -ldflags "-s -w" -tags netgo,osusergo .; then echo ok; fi\n' +
        "go install -trimpath ./tools/...",
      "/src",
    );
    expect(download).toMatchObject({ subcommand: "mod download", words: ["go", "mod", "download", "-x"], dir: "/src" });
    expect(build).toMatchObject({
      subcommand: "build",
      dir: "/src/cmd/agent",
      flags: [
        { name: "v" },
        { name: "o", value: "../../bin/" },
        { name: "ldflags", value: "-s -w" },
        { name: "tags", value: "netgo,osusergo" },
      ],
      packages: ["."],
    });
    expect(build.env.map((e) => `${e.name}=${e.value}`)).toEqual(["GOFLAGS=-mod=mod", "CGO_ENABLED=0", "GOOS=linux"]);
    expect(install).toMatchObject({ subcommand: "install", flags: [{ name: "trimpath" }], packages: ["./tools/..."] });
  });
});

describe("buildOutput", () => {
  const build = (script: string, dir = "/app") => buildOutput(goCommands(script, dir)[0]);

  it("is -o, resolved against the directory, or a directory -o joined with the package name", () => {
    expect(build("go build -o bin/server ./cmd/server")).toBe("/app/bin/server");
    expect(build("go build -o /out/ ./cmd/server")).toBe("/out/server");
    expect(build("go build -C ./svc -o out/svc .")).toBe("/app/svc/out/svc");
  });

  it("without -o, writes into the directory it runs in, named after the package (a /vN suffix skipped); none for several packages", () => {
    expect(build("go build ./cmd/rqlited/.")).toBe("/app/rqlited");
    expect(build("go build")).toBe("/app/app");
    expect(build("go build ./cmd/tool/v2", "/src")).toBe("/src/tool");
    expect(build("go build ./cmd/a ./cmd/b")).toBeUndefined();
    expect(build("go build main.go flags.go")).toBe("/app/main");
    expect(build("go build -o /out/svc ./cmd/svc 2>&1 | tee build.log")).toBe("/out/svc");
    expect(build("go build ./cmd/svc > build.log")).toBe("/app/svc");
    expect(build("go install ./cmd/a")).toBeUndefined();
  });
});

describe("ldflagsX", () => {
  it("reads -X sym=value and -X=sym=value, quoted fields and promu templates with blanks", () => {
    expect(ldflagsX(`-s -w -X 'main.motd=hello world' -X=main.commit=abc -X main.date={{date "2006-01-02 15:04"}} -extldflags "-static"`).map(
      (x) => [x.symbol, x.value],
    )).toEqual([
      ["main.motd", "hello world"],
      ["main.commit", "abc"],
      ["main.date", '{{date "2006-01-02 15:04"}}'],
    ]);
  });
});
