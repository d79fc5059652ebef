import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as core from "../src";
import { explainLine } from "../src/toolkit/explain";
import { optionProbes } from "../src/toolkit/option-probes";
import { yamlLinePaths } from "../src/toolkit/yaml-paths";
import { synth } from "./util";

/** The 1-based line of the first line of a file that matches. */
function lineOf(dir: string, path: string, pattern: RegExp): number {
  const index = readFileSync(join(dir, path), "utf-8").split("\n").findIndex((l) => pattern.test(l));
  expect(index, `${path} has no line matching ${pattern}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe("explain: where a generated line comes from", () => {
  const { dir, project } = synth();
  it("a Dockerfile line: its instruction id, construct, source and exactly the options that change it", () => {
    const e = explainLine(project, "Dockerfile", lineOf(dir, "Dockerfile", /^EXPOSE /));
    expect(e.text).toBe("EXPOSE 8080");
    expect(e.element).toBe("instruction runtime.expose");
    expect(e.construct).toBe("ServiceDockerfile");
    expect(e.source).toContain("packages/core/src/dockerfile/");
    // EXPOSE lists the port and the extra ports; its comment says whether PORT is read.
    expect(e.dependsOn).toEqual(["extraPorts", "port", "portFromEnv"]);
  });
  it("the compile step depends on the build options, not on the port or the image repository", () => {
    const e = explainLine(project, "Dockerfile", lineOf(dir, "Dockerfile", /go build/));
    expect(e.element).toBe("instruction build.compile");
    for (const option of ["binaryName", "mainPackage", "cgo", "buildTags", "versionVariable", "extraLdflags", "stripBinary"]) expect(e.dependsOn).toContain(option);
    for (const option of ["port", "imageRepository", "defaultBranch", "lintPreset"]) expect(e.dependsOn).not.toContain(option);
  });
  it("a comment line belongs to the instruction below it", () => {
    const line = lineOf(dir, "Dockerfile", /^# Exec form/);
    expect(explainLine(project, "Dockerfile", line).element).toBe("instruction runtime.entrypoint");
  });
  it("a Makefile variable", () => {
    const e = explainLine(project, "Makefile", lineOf(dir, "Makefile", /^IMAGE /));
    expect(e.element).toBe("variable IMAGE");
    expect(e.construct).toBe("ServiceMakefile");
    expect(e.dependsOn).toContain("imageRepository");
    expect(e.dependsOn).not.toContain("port");
  });
  it("a workflow line: its key path", () => {
    const e = explainLine(project, ".github/workflows/ci.yml", lineOf(dir, ".github/workflows/ci.yml", /^\s+platforms: /));
    expect(e.element).toMatch(/^key jobs\.container\.steps\[\d+\]\.with\.platforms$/);
    expect(e.construct).toBe("GoWorkflows");
    expect(e.dependsOn).toContain("platforms");
    expect(e.dependsOn).not.toContain("port");
  });
  it("refuses a file it does not generate and a line past the end, naming what exists", () => {
    expect(() => explainLine(project, "main.go", 1)).toThrow(/not a file gosynth generates .*Dockerfile/);
    expect(() => explainLine(project, "Dockerfile", 10_000)).toThrow(/Dockerfile has \d+ lines/);
  });
});

describe("explain covers every option and every generated file", () => {
  it("every option GoServiceProject declares has values to try (by type, @example or @probe)", () => {
    const probes = optionProbes({ ...core });
    expect(probes.length).toBeGreaterThan(60);
    expect(probes.filter((p) => p.candidates.length === 0).map((p) => p.option)).toEqual([]);
  });
  it("every file of a project with everything on has its gosynth construct, source and element", () => {
    const { dir, project } = synth({ kubernetes: true, kubernetesReplicas: 3, healthCheck: core.HealthCheck.http("/status"), starterCode: false });
    // projen's own files (its bookkeeping, .gitignore, .gitattributes, package.json) have no gosynth construct.
    const projens = (path: string) => path.startsWith(".projen/") || [".gitignore", ".gitattributes", "package.json"].includes(path);
    const files = project.files.map((f) => f.path).filter((p) => !projens(p));
    expect(files).toEqual(expect.arrayContaining(["deploy/kubernetes/deployment.yaml", "compose.yaml", "SECURITY.md", ".github/workflows/codeql.yml", ".gosynth/healthprobe/main.go"]));
    for (const path of files) {
      const text = readFileSync(join(dir, path), "utf-8").split("\n");
      const line = Math.max(1, text.findIndex((l, i) => i > 0 && l.trim() !== "" && !l.startsWith("#")) + 1);
      const e = explainLine(project, path, line);
      expect(Object.keys(core), `${path}: ${e.construct}`).toContain(e.construct);
      expect(e.source, path).toMatch(/^packages\/core\/src\/.+\.ts$/);
    }
  });
  it("a Deployment line: KubernetesManifests, its source, the options that change it", () => {
    const { dir, project } = synth({ kubernetes: true });
    const e = explainLine(project, "deploy/kubernetes/deployment.yaml", lineOf(dir, "deploy/kubernetes/deployment.yaml", /^\s+replicas: /));
    expect(e.construct).toBe("KubernetesManifests");
    expect(e.source).toBe("packages/core/src/kubernetes/manifests.ts");
    expect(e.element).toBe("key spec.replicas");
    expect(e.dependsOn).toContain("kubernetesReplicas");
    expect(e.dependsOn).not.toContain("port");
  });
});

describe("yaml key paths", () => {
  it("names list items, nested keys and block scalars", () => {
    const text = ["a:", "  b: 1", "  c:", "    - x: 1", "      y: |", "        line one", "        line two", "    - x: 2", "d: 3", ""].join("\n");
    expect(yamlLinePaths(text)).toEqual(["a", "a.b", "a.c", "a.c[0].x", "a.c[0].y", "a.c[0].y", "a.c[0].y", "a.c[1].x", "d", ""]);
  });
});
