import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { HealthCheck } from "../../src";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GoSynthConfigError } from "../../src/util/problems";
import { synth } from "../util";

// compose.yaml and the Kubernetes manifests of a GoServiceProject carry the image's facts.
describe("deploy files from the project's facts", () => {
  it("compose.yaml: the image's user, port, health check and build args", () => {
    const { files, project } = synth({ port: 9090, runtimeUid: 20001, baseImage: "scratch" as never });
    const svc = parse(files["compose.yaml"]).services.hello;
    expect(svc.user).toBe("20001:20001");
    expect(svc.ports).toEqual(["127.0.0.1:${PORT:-9090}:9090"]);
    expect(svc.healthcheck.test).toEqual(["CMD", "/usr/local/bin/hello", "healthcheck"]);
    expect(Object.keys(svc.build.args).sort()).toEqual(["CREATED", "REVISION", "VERSION"]);
    expect(svc.read_only).toBe(true);
    expect(svc.cap_drop).toEqual(["ALL"]);
    expect(project.compose).toBeDefined();
    expect(files.Makefile).toMatch(/^up:/m);
    expect(synth({ compose: false }).files["compose.yaml"]).toBeUndefined();
  });
  it("Kubernetes: probes from the health check, the image's UID and port; off by default", () => {
    expect(Object.keys(synth().files).some((f) => f.startsWith("deploy/"))).toBe(false);
    const starter = parse(synth({ kubernetes: true }).files["deploy/kubernetes/deployment.yaml"]).spec.template.spec;
    expect(starter.containers[0].livenessProbe.httpGet.path).toBe("/healthz");
    expect(starter.containers[0].readinessProbe.httpGet.path).toBe("/readyz");
    expect(starter.securityContext.runAsUser).toBe(65532);
    const adopted = parse(synth({ kubernetes: true, starterCode: false, healthCheck: HealthCheck.http("/status"), port: 3000 }).files["deploy/kubernetes/deployment.yaml"]);
    const c = adopted.spec.template.spec.containers[0];
    expect(c.livenessProbe.httpGet.path).toBe("/status");
    expect(c.ports[0].containerPort).toBe(3000);
  });
  it("bad Kubernetes options are refused with the option's name, before anything is written", () => {
    const problems = (o: Parameters<typeof synth>[0]) => {
      const outdir = mkdtempSync(join(tmpdir(), "gosynth-refused-"));
      try {
        synth(o, outdir);
      } catch (e) {
        expect(e).toBeInstanceOf(GoSynthConfigError);
        // Refused while resolving the options: no construct existed, so no file was written.
        expect(readdirSync(outdir)).toEqual([]);
        return (e as GoSynthConfigError).problems.map((p) => `${p.option}: ${p.problem}`).join("\n");
      }
      throw new Error("no error");
    };
    expect(problems({ kubernetes: true, kubernetesReplicas: -1 })).toMatch(/kubernetesReplicas: must be an integer of at least 0/);
    expect(problems({ kubernetes: true, kubernetesResources: { requests: { memory: "256Mi" }, limits: { memory: "128Mi" } } })).toMatch(
      /kubernetesResources\.limits\.memory: is below kubernetesResources\.requests\.memory "256Mi"/,
    );
  });
});
