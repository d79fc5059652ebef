import { describe, expect, it } from "vitest";
import { keyValues, lineAt, parseDockerfile } from "../../../src/adopt/import/dockerfile-parser";

const lines = (...l: string[]) => l.join("\n") + "\n";

describe("parseDockerfile: directives, comments, continuations", () => {
  it("reads `# syntax = ...` with blanks around = and stops at the first plain comment", () => {
    const ast = parseDockerfile(
      lines("# syntax = docker/dockerfile:1.7", "# check=skip=JSONArgsRecommended", "# a comment", "# escape=`", "FROM alpine:3.22"),
      "Dockerfile",
    );
    expect(ast.directives).toEqual([
      { name: "syntax", value: "docker/dockerfile:1.7", line: 1 },
      { name: "check", value: "skip=JSONArgsRecommended", line: 2 },
    ]);
    // The escape line came after a plain comment: it is a comment too.
    expect(ast.escape).toBe("\\");
    expect(ast.instructions.map((i) => [i.keyword, i.line])).toEqual([["FROM", 5]]);
  });

  it("joins continued lines, skipping comments and blank lines inside them, and keeps each line's number", () => {
    const ast = parseDockerfile(
      lines(
        "FROM golang:1.26 AS build",
        "",
        "RUN apt-get update && \\",
        "    # tools for cgo",
        "    apt-get install -y gcc \\  ",
        "",
        "    && rm -rf /var/lib/apt/lists/*",
        "WORKDIR /src",
      ),
      "Dockerfile",
    );
    const run = ast.instructions[1];
    expect(run.keyword).toBe("RUN");
    expect([run.line, run.endLine]).toEqual([3, 7]);
    expect(run.args).toBe("apt-get update &&     apt-get install -y gcc     && rm -rf /var/lib/apt/lists/*");
    expect(lineAt(run, run.args.indexOf("gcc"))).toBe(5);
    expect(lineAt(run, run.args.indexOf("rm -rf"))).toBe(7);
    expect(run.source).toContain("# tools for cgo");
    expect(ast.instructions[2]).toMatchObject({ keyword: "WORKDIR", line: 8, args: "/src" });
  });

  it("uses the escape directive's backtick for continuations, so backslashes stay in paths", () => {
    const ast = parseDockerfile(
      lines("# escape=`", "FROM alpine:3.22", "COPY conf\\app.yml `", "     C:\\app\\", "RUN echo one `", "    two"),
      "Dockerfile",
    );
    expect(ast.escape).toBe("`");
    expect(ast.instructions[1]).toMatchObject({ keyword: "COPY", line: 3, endLine: 4, args: "conf\\app.yml      C:\\app\\" });
    expect(ast.instructions[2]).toMatchObject({ keyword: "RUN", line: 5, args: "echo one     two" });
  });
});

describe("parseDockerfile: forms, flags, heredocs", () => {
  it("tells the exec form from the shell form, and takes a broken JSON array for the shell form", () => {
    const ast = parseDockerfile(
      lines("FROM scratch", 'ENTRYPOINT [ "/bin/svc" ]', 'CMD ["--config.file=/etc/svc/config.yml"]', "CMD [/bin/svc, serve]"),
      "Dockerfile",
    );
    const [, entrypoint, cmd, broken] = ast.instructions;
    expect(entrypoint.json).toEqual(["/bin/svc"]);
    expect(cmd.json).toEqual(["--config.file=/etc/svc/config.yml"]);
    expect(broken.json).toBeUndefined();
    expect(broken.args).toBe("[/bin/svc, serve]");
  });

  it("parses flags of FROM, RUN and COPY, but not a CMD's arguments that look like flags", () => {
    const ast = parseDockerfile(
      lines(
        "FROM --platform=$BUILDPLATFORM golang:1.26-bookworm AS build",
        "RUN --mount=type=cache,target=/root/.cache/go-build \\",
        "    --mount=type=bind,source=go.sum,target=go.sum \\",
        "    go build -o /out/svc .",
        "COPY --from=build --chown=65532:65532 --chmod=0755 --link /out/svc /svc",
        "CMD --listen=:8080",
      ),
      "Dockerfile",
    );
    const [from, run, copy, cmd] = ast.instructions;
    expect(from.flags).toEqual([{ name: "platform", value: "$BUILDPLATFORM" }]);
    expect(from.args).toBe("golang:1.26-bookworm AS build");
    expect(run.flags.map((f) => f.value)).toEqual(["type=cache,target=/root/.cache/go-build", "type=bind,source=go.sum,target=go.sum"]);
    expect(run.args).toBe("go build -o /out/svc .");
    expect(lineAt(run, 0)).toBe(4);
    expect(copy.flags).toEqual([
      { name: "from", value: "build" },
      { name: "chown", value: "65532:65532" },
      { name: "chmod", value: "0755" },
      { name: "link" },
    ]);
    expect(cmd.flags).toEqual([]);
    expect(cmd.args).toBe("--listen=:8080");
  });

  it("reads heredoc bodies of RUN and COPY, <<- tab stripping and quoted markers, and goes on after them", () => {
    const ast = parseDockerfile(
      lines(
        "# syntax=docker/dockerfile:1.7",
        "FROM alpine:3.22",
        "RUN <<EOF",
        "set -e",
        'echo "<<NOT a heredoc"',
        "EOF",
        "COPY <<-'CONF' /etc/svc/config.yml",
        "\tlisten: :8080",
        "\tCONF",
        "COPY <<A <<B /opt/",
        "first",
        "A",
        "second",
        "B",
        "USER 65532",
      ),
      "Dockerfile",
    );
    const [, run, conf, two, user] = ast.instructions;
    expect(run.heredocs).toEqual([
      { name: "EOF", stripTabs: false, quoted: false, body: 'set -e\necho "<<NOT a heredoc"\n', line: 4 },
    ]);
    expect([run.line, run.endLine]).toEqual([3, 6]);
    expect(conf.heredocs).toEqual([{ name: "CONF", stripTabs: true, quoted: true, body: "listen: :8080\n", line: 8 }]);
    expect(two.heredocs.map((h) => [h.name, h.body, h.line])).toEqual([
      ["A", "first\n", 11],
      ["B", "second\n", 13],
    ]);
    expect(user).toMatchObject({ keyword: "USER", line: 15, args: "65532" });
  });
});

describe("parseDockerfile: ENV, LABEL, ARG and stages", () => {
  const ast = parseDockerfile(
    lines(
      'ARG GO_VERSION="1.26"',
      "ARG TARGETOS",
      "FROM golang:${GO_VERSION}-alpine AS build",
      "ARG TARGETOS",
      "ENV LISTEN_ADDR 0.0.0.0:8080",
      'ENV GOFLAGS=-mod=vendor MOTD="hello world" QUOTED="say \\"hi\\"" SINGLE=\'$HOME\'',
      "FROM alpine:3.22",
      'LABEL org.opencontainers.image.title="svc" \\',
      '      org.opencontainers.image.description="A small service" \\',
      "      org.opencontainers.image.licenses=Apache-2.0",
      "ARG BUILD_DATE VCS_REF=unknown",
    ),
    "Dockerfile",
  );

  it("splits stages and keeps the ARGs before the first FROM as global", () => {
    expect(ast.globalArgs.map((a) => a.line)).toEqual([1, 2]);
    expect(ast.stages.map((s) => ({ index: s.index, name: s.name, base: s.base, line: s.from.line, n: s.instructions.length }))).toEqual([
      { index: 0, name: "build", base: "golang:${GO_VERSION}-alpine", line: 3, n: 3 },
      { index: 1, name: undefined, base: "alpine:3.22", line: 7, n: 2 },
    ]);
  });

  it("reads the legacy ENV form and the key=value form with quotes", () => {
    const [, legacy, pairs] = ast.stages[0].instructions;
    expect(keyValues(legacy, ast.escape)).toEqual([{ key: "LISTEN_ADDR", value: "0.0.0.0:8080", line: 5 }]);
    expect(keyValues(pairs, ast.escape)).toEqual([
      { key: "GOFLAGS", value: "-mod=vendor", line: 6 },
      { key: "MOTD", value: "hello world", line: 6 },
      { key: "QUOTED", value: 'say "hi"', line: 6 },
      { key: "SINGLE", value: "$HOME", line: 6 },
    ]);
  });

  it("gives each LABEL pair of a continued instruction its own line, and reads bare ARGs", () => {
    const [label, arg] = ast.stages[1].instructions;
    expect(keyValues(label, ast.escape)).toEqual([
      { key: "org.opencontainers.image.title", value: "svc", line: 8 },
      { key: "org.opencontainers.image.description", value: "A small service", line: 9 },
      { key: "org.opencontainers.image.licenses", value: "Apache-2.0", line: 10 },
    ]);
    expect(keyValues(arg, ast.escape)).toEqual([
      { key: "BUILD_DATE", line: 11 },
      { key: "VCS_REF", value: "unknown", line: 11 },
    ]);
  });
});
