import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planAdoption, type AdoptionPlan } from "../../src/adoption";
import { copyFixture, FIXTURES, GO } from "../adopt/helpers";

// planAdoption on fixtures shaped like real services' runtimes (test/fixtures/services):
// a Prometheus exporter whose version variables live in github.com/prometheus/common/version
// (.promu.yml, a prebuilt-binary Dockerfile with a config file and CMD args, USER nobody),
// a multi-stage golang + distroless image with a config file, ENV, VOLUME, LABELs, ENTRYPOINT + CMD,
// and a miniflux-shaped service on 127.0.0.1:8080 unless LISTEN_ADDR says otherwise.
// Expected values are read off the fixtures, never off the planner.

/** The 1-based line of the first line of a fixture file matching pattern. */
function lineOf(fixture: string, file: string, pattern: RegExp): number {
  const index = readFileSync(join(FIXTURES, fixture, file), "utf-8").split("\n").findIndex((l) => pattern.test(l));
  if (index < 0) throw new Error(`${fixture}/${file} has no line matching ${pattern}`);
  return index + 1;
}

/** Lines of the runtime (last) stage that state something: every line but blanks, comments and ARGs (build parameters). */
function runtimeStageLines(fixture: string, file: string): { line: number; text: string }[] {
  const lines = readFileSync(join(FIXTURES, fixture, file), "utf-8").split("\n");
  const lastFrom = lines.map((l, i) => (/^FROM\s/i.test(l) ? i : -1)).filter((i) => i >= 0).pop()!;
  return lines
    .map((text, i) => ({ line: i + 1, text }))
    .slice(lastFrom)
    .filter(({ text }) => text.trim() !== "" && !/^\s*#/.test(text) && !/^ARG\s/i.test(text));
}

/** Every "from" of the plan's lines and of the options' provenance. */
function cited(plan: AdoptionPlan): string[] {
  const items = [...plan.carried, ...plan.changed, ...plan.notCarried, ...plan.warnings].map((i) => i.from ?? "");
  const provenance = Object.values(plan.provenance).flat().flatMap((p) => [...p.matchAll(/\(([^()\s]+:\d+)\)/g)].map((m) => m[1]));
  return [...items, ...provenance];
}

function carriedFrom(plan: AdoptionPlan, option: string): string[] {
  return plan.carried.filter((c) => c.option === option).map((c) => c.from ?? "");
}

function plan(fixture: string): AdoptionPlan {
  return planAdoption(copyFixture(fixture), GO).plan;
}

/** The options as plain values (Code leaves by their TypeScript source). */
function options(p: AdoptionPlan): Record<string, any> {
  return JSON.parse(JSON.stringify(p.options, (_k, v) => (v && typeof v === "object" && "source" in v && "imports" in v ? v.source : v)));
}

describe("a Prometheus exporter with its version in a dependency (version-in-dependency)", () => {
  const F = "version-in-dependency";
  const DF = "Dockerfile";
  const PROMU = ".promu.yml";
  const p = plan(F);
  const o = options(p);
  const at = (file: string, pattern: RegExp) => `${file}:${lineOf(F, file, pattern)}`;

  it("carries the -X variables of github.com/prometheus/common/version from .promu.yml, each with its line", () => {
    const lib = "github.com/prometheus/common/version";
    expect(o.versionVariable).toBe(`${lib}.Version`);
    expect(o.revisionVariable).toBe(`${lib}.Revision`);
    expect(o.createdVariable).toBe(`${lib}.BuildDate`);
    expect(carriedFrom(p, "versionVariable")).toEqual([at(PROMU, /version\.Version=/)]);
    expect(carriedFrom(p, "revisionVariable")).toEqual([at(PROMU, /version\.Revision=/)]);
    expect(carriedFrom(p, "createdVariable")).toEqual([at(PROMU, /version\.BuildDate=/)]);
  });

  it("lists Branch and BuildUser as not carried over, with their line and why", () => {
    for (const [name, pattern] of [["Branch", /version\.Branch=/], ["BuildUser", /version\.BuildUser=/]] as const) {
      const item = p.notCarried.find((n) => n.what.includes(`version.${name}=`));
      expect(item, name).toBeDefined();
      expect(item!.from).toBe(at(PROMU, pattern));
      expect(item!.reason).toMatch(/version, the commit and its time/);
    }
  });

  it("takes the binary name from .promu.yml", () => {
    expect(o.binaryName).toBe("queue_exporter");
    expect(carriedFrom(p, "binaryName")).toEqual([at(PROMU, /- name: queue_exporter/)]);
  });

  it("serves on EXPOSE 9187 (the flag's default too), not 8080", () => {
    expect(o.port).toBe(9187);
    expect(carriedFrom(p, "port")).toEqual([at(DF, /^EXPOSE/)]);
    expect(o.extraPorts).toBeUndefined();
  });

  it("copies the config file to /etc/queue_exporter/config.yml and passes --config.file to the binary", () => {
    expect(o.runtimeFiles).toEqual([{ source: "queue_exporter.yml", target: "/etc/queue_exporter/config.yml" }]);
    expect(carriedFrom(p, "runtimeFiles")).toEqual([at(DF, /^COPY queue_exporter\.yml/)]);
    expect(o.runtimeArgs).toEqual(["--config.file=/etc/queue_exporter/config.yml"]);
    expect(carriedFrom(p, "runtimeArgs")).toEqual([at(DF, /^CMD/)]);
  });

  it("runs as nobody (UID 65534), not gosynth's default", () => {
    expect(o.runtimeUid).toBe(65534);
    expect(carriedFrom(p, "runtimeUid")).toEqual([at(DF, /^USER/)]);
  });

  it("checks /-/healthy, which main.go serves", () => {
    expect(o.healthCheck).toBe('HealthCheck.http("/-/healthy")');
    expect(carriedFrom(p, "healthCheck")).toEqual([at("main.go", /"\/-\/healthy"/)]);
  });

  it("keeps the labels and sets no runtime environment the Dockerfile does not state", () => {
    expect(o.imageLabels).toEqual({
      maintainer: "Example Queue Team <queues@example.com>",
      "org.opencontainers.image.title": "Queue Exporter",
      "org.opencontainers.image.source": "https://github.com/example/queue_exporter",
    });
    expect(o.runtimeEnv).toBeUndefined();
    expect(o.runtimeVolumes).toBeUndefined();
  });

  it("says the busybox base and /bin path change on purpose, with their lines", () => {
    expect(p.changed.find((c) => c.what.includes("busybox"))?.from).toBe(at(DF, /^FROM/));
    expect(p.changed.find((c) => c.what.includes("/usr/local/bin/queue_exporter"))?.from).toBe(at(DF, /^COPY \.build/));
  });

  it("names every line of the runtime stage somewhere in the plan", () => {
    const all = cited(p);
    for (const { line, text } of runtimeStageLines(F, DF)) expect(all, `${DF}:${line} ${text}`).toContain(`${DF}:${line}`);
  });
});

describe("a multi-stage distroless image with a config file, ENV, VOLUME, LABELs, ENTRYPOINT + CMD (config-and-args)", () => {
  const F = "config-and-args";
  const DF = "Dockerfile";
  const p = plan(F);
  const o = options(p);
  const at = (pattern: RegExp) => `${DF}:${lineOf(F, DF, pattern)}`;

  it("serves on EXPOSE 7070 although the code's -listen defaults to :8080", () => {
    expect(o.port).toBe(7070);
    expect(carriedFrom(p, "port")).toEqual([at(/^EXPOSE 7070/)]);
  });

  it("passes CMD's arguments after the ENTRYPOINT binary, in order", () => {
    expect(o.runtimeArgs).toEqual(["-config", "/etc/relay/relay.json", "-listen", ":7070"]);
    expect(carriedFrom(p, "runtimeArgs")).toEqual([at(/^CMD/)]);
    expect(p.carried.find((c) => c.what.startsWith("ENTRYPOINT runs the binary"))?.from).toBe(at(/^ENTRYPOINT/));
  });

  it("copies configs/relay.json to the path the arguments name", () => {
    expect(o.runtimeFiles).toEqual([{ source: "configs/relay.json", target: "/etc/relay/relay.json" }]);
    expect(carriedFrom(p, "runtimeFiles")).toEqual([at(/^COPY configs/)]);
  });

  it("carries both ENV variables of the continued line, each with its own line", () => {
    expect(o.runtimeEnv).toEqual({ RELAY_DATA_DIR: "/var/lib/relay", GOMEMLIMIT: "64MiB" });
    expect(carriedFrom(p, "runtimeEnv")).toEqual([at(/^ENV RELAY_DATA_DIR/), at(/^ {4}GOMEMLIMIT/)]);
  });

  it("carries the VOLUME and the three labels", () => {
    expect(o.runtimeVolumes).toEqual(["/var/lib/relay"]);
    expect(carriedFrom(p, "runtimeVolumes")).toEqual([at(/^VOLUME/)]);
    expect(o.imageLabels).toEqual({
      "org.opencontainers.image.title": "relay",
      "org.opencontainers.image.description": "Answers webhook routes from a config file",
      "org.opencontainers.image.vendor": "Acme",
    });
    expect(carriedFrom(p, "imageLabels")).toEqual([at(/^LABEL/), at(/image\.description/), at(/image\.vendor/)]);
  });

  it("keeps distroless static and the nonroot user (gosynth's own: no option, but a line of the plan)", () => {
    expect(o.baseImage).toBeUndefined();
    expect(o.runtimeUid).toBeUndefined();
    expect(p.carried.find((c) => c.what.includes("UID 65532"))?.from).toBe(at(/^USER/));
  });

  it("stamps main.version as the Dockerfile's go build does, and checks /healthz", () => {
    expect(o.versionVariable).toBe("main.version");
    expect(carriedFrom(p, "versionVariable")).toEqual([at(/-X main\.version=/)]);
    expect(o.healthCheck).toBe('HealthCheck.http("/healthz")');
  });

  it("names every line of the runtime stage somewhere in the plan, and skips nothing", () => {
    const all = cited(p);
    for (const { line, text } of runtimeStageLines(F, DF)) expect(all, `${DF}:${line} ${text}`).toContain(`${DF}:${line}`);
    expect(p.notCarried).toEqual([]);
  });
});

describe("a miniflux-shaped service on loopback unless LISTEN_ADDR is set (loopback-unless-env)", () => {
  const F = "loopback-unless-env";
  const DF = "packaging/docker/distroless/Dockerfile";
  const p = plan(F);
  const o = options(p);
  const at = (pattern: RegExp, file = DF) => `${file}:${lineOf(F, file, pattern)}`;

  it("reads the nested Dockerfile: port 8080 and ENV LISTEN_ADDR=0.0.0.0:8080 carried, nothing changed about it", () => {
    expect(o.port).toBe(8080);
    expect(carriedFrom(p, "port")).toEqual([at(/^EXPOSE/)]);
    expect(o.runtimeEnv).toEqual({ LISTEN_ADDR: "0.0.0.0:8080" });
    expect(carriedFrom(p, "runtimeEnv")).toEqual([at(/^ENV LISTEN_ADDR/)]);
    expect(p.changed.filter((c) => c.option === "runtimeEnv")).toEqual([]);
  });

  it("says the image opens the loopback default through that ENV, and does not claim no variable changes it", () => {
    const opened = p.carried.find((c) => c.what.includes("every interface"));
    expect(opened?.from).toBe(at(/^ENV LISTEN_ADDR/));
    expect(opened?.what).toContain(at(/127\.0\.0\.1:8080/, "internal/config/options.go"));
    expect([...p.notCarried, ...p.warnings].filter((i) => /listen address|loopback/i.test(`${i.what} ${i.reason}`))).toEqual([]);
  });

  it("checks /healthcheck, which internal/httpd serves (it has no healthcheck subcommand)", () => {
    expect(o.healthCheck).toBe('HealthCheck.http("/healthcheck")');
    expect(carriedFrom(p, "healthCheck")).toEqual([at(/"\/healthcheck"/, "internal/httpd/httpd.go")]);
  });

  it("keeps distroless base (theirs), its nonroot user, and stamps the internal version package from the Makefile", () => {
    expect(o.baseImage).toBe("BaseImage.DISTROLESS_BASE");
    expect(carriedFrom(p, "baseImage")).toEqual([at(/^FROM gcr\.io/)]);
    expect(o.runtimeUid).toBeUndefined();
    expect(o.versionVariable).toBe("example.com/feedhub/v2/internal/version.Version");
    expect(carriedFrom(p, "versionVariable")).toEqual([at(/-X 'example\.com/, "Makefile")]);
  });

  it("names every line of the runtime stage somewhere in the plan", () => {
    const all = cited(p);
    for (const { line, text } of runtimeStageLines(F, DF)) expect(all, `${DF}:${line} ${text}`).toContain(`${DF}:${line}`);
    expect(p.carried.find((c) => c.what.startsWith("CMD runs the binary"))?.from).toBe(at(/^CMD/));
  });

  it("without its Dockerfile, opens the loopback default itself through LISTEN_ADDR, which the code reads", () => {
    const dir = copyFixture(F);
    rmSync(join(dir, "packaging"), { recursive: true });
    const bare = planAdoption(dir, GO).plan;
    expect(options(bare).runtimeEnv).toEqual({ LISTEN_ADDR: "0.0.0.0:8080" });
    const change = bare.changed.find((c) => c.option === "runtimeEnv");
    expect(change?.reason).toContain(at(/127\.0\.0\.1:8080/, "internal/config/options.go"));
    expect(bare.notCarried.filter((i) => /listen address/.test(i.what))).toEqual([]);
  });
});
