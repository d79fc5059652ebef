import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../../../src/adopt/import/dockerfile-parser";
import { stageChain, substitute, substituteAt, variablesAt } from "../../../src/adopt/import/dockerfile-vars";

const lines = (...l: string[]) => l.join("\n") + "\n";

describe("substitute", () => {
  const vars = new Map([
    ["OS", { name: "OS", value: "linux", kind: "ARG" as const, line: 1 }],
    ["EMPTY", { name: "EMPTY", value: "", kind: "ARG" as const, line: 2 }],
    ["TARGETARCH", { name: "TARGETARCH", kind: "ARG" as const, line: 3 }],
  ]);

  it("replaces $VAR and ${VAR}, and keeps what has no value as written", () => {
    expect(substitute(".build/${OS}-$TARGETARCH/svc", vars)).toEqual({
      text: ".build/linux-$TARGETARCH/svc",
      unresolved: ["TARGETARCH"],
      used: [vars.get("OS")],
    });
  });

  it("applies ${VAR:-default}, ${VAR-default} and ${VAR:+alternative}", () => {
    expect(substitute("${TARGETARCH:-amd64}", vars).text).toBe("amd64");
    expect(substitute("${EMPTY:-x} ${EMPTY-x} ${OS:+set} ${EMPTY:+set}|", vars).text).toBe("x  set |");
    expect(substitute("${UNDECLARED:-${OS}}", vars)).toMatchObject({ text: "linux", unresolved: [] });
    expect(substitute("${TARGETARCH:+arm}", vars)).toMatchObject({ text: "${TARGETARCH:+arm}", unresolved: ["TARGETARCH"] });
  });

  it("leaves an escaped dollar and pattern operators alone", () => {
    expect(substitute("\\$OS", vars).text).toBe("$OS");
    expect(substitute("${OS#li}", vars)).toMatchObject({ text: "${OS#li}", unresolved: ["OS#li"] });
  });
});

describe("variablesAt / substituteAt", () => {
  const ast = parseDockerfile(
    lines(
      'ARG ARCH="amd64"',
      'ARG OS="linux"',
      "ARG BASE",
      "FROM quay.io/prometheus/busybox-${OS}-${ARCH}:latest AS base",
      "ENV APP_HOME=/opt/svc",
      "ARG ARCH",
      "ARG OS=darwin",
      "ENV CONFIG=${APP_HOME}/config.yml",
      "COPY .build/${OS}-${ARCH}/svc /bin/svc",
      "FROM base AS final",
      "ARG APP_HOME=/ignored",
      "COPY svc.yml ${CONFIG}",
      "COPY x ${ARCH}",
      "FROM ${BASE}",
    ),
    "Dockerfile",
  );
  const [base, final, last] = ast.stages;

  it("resolves a FROM line with the global ARG defaults only", () => {
    expect(substituteAt(ast, base.from, base.base).text).toBe("quay.io/prometheus/busybox-linux-amd64:latest");
    expect(substituteAt(ast, last.from, last.base)).toMatchObject({ text: "${BASE}", unresolved: ["BASE"] });
  });

  it("gives a bare stage ARG the global default, and lets a stage ARG with a value override it", () => {
    const copy = base.instructions[4];
    expect(substituteAt(ast, copy, ".build/${OS}-${ARCH}/svc").text).toBe(".build/darwin-amd64/svc");
    expect(variablesAt(ast, copy).get("ARCH")).toEqual({ name: "ARCH", value: "amd64", kind: "ARG", line: 1 });
  });

  it("expands ENV values with what is known when they are set", () => {
    expect(variablesAt(ast, base.instructions[4]).get("CONFIG")).toEqual({
      name: "CONFIG", value: "/opt/svc/config.yml", kind: "ENV", line: 8,
    });
  });

  it("carries ENV, not ARG, into a stage built FROM another, and keeps ENV over an ARG of the same name", () => {
    expect(stageChain(ast, final).map((s) => s.index)).toEqual([0, 1]);
    const [, copyConfig, copyArch] = final.instructions;
    expect(substituteAt(ast, copyConfig, "${CONFIG}").text).toBe("/opt/svc/config.yml");
    expect(variablesAt(ast, copyConfig).get("APP_HOME")?.value).toBe("/opt/svc");
    expect(substituteAt(ast, copyArch, "${ARCH}").unresolved).toEqual(["ARCH"]);
  });
});
