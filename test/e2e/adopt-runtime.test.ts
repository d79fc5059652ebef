import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureBuilt, gosynth } from "../../packages/cli/test/helpers";
import { fixtureRepo } from "../helpers/fixtures";
import { mustRun, run } from "../helpers/project";
import { toolsBin } from "../helpers/tools";

// `gosynth init --backup` on fixtures shaped like real services' runtimes (test/fixtures/services:
// our own code), then the generated Dockerfile, release config and .projenrc.ts must state what the
// repository's own Dockerfile did: its port, user, environment, config file, arguments and volumes,
// and the -X variables of the package they live in (a dependency's, for a Prometheus exporter).

const withTools = { PATH: `${toolsBin}:${process.env.PATH}`, GOTOOLCHAIN: "local", NO_COLOR: "1" };

interface Adopted {
  dir: string;
  out: string;
  goMod: string;
  dockerfile: string;
  /** The runtime stage of the generated Dockerfile. */
  runtime: string;
  rc: string;
  goreleaser: { builds: { id: string; ldflags: string[] }[] };
}

function adopt(name: string): Adopted {
  const dir = fixtureRepo(name);
  const goMod = readFileSync(join(dir, "go.mod"), "utf-8");
  const r = gosynth(["init", "--backup"], dir, withTools);
  const out = r.out + r.err;
  expect(r.code, out).toBe(0);
  const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
  return {
    dir, out, goMod, dockerfile,
    runtime: dockerfile.slice(dockerfile.search(/^FROM .* AS runtime$/m)),
    rc: readFileSync(join(dir, ".projenrc.ts"), "utf-8"),
    goreleaser: parse(readFileSync(join(dir, ".goreleaser.yaml"), "utf-8")),
  };
}

/** What every adopted fixture must pass: go.mod untouched, check clean, make build stamps the version it is given. */
function common(get: () => Adopted, binary: string, versionFlag: string, printed: RegExp): void {
  it("leaves go.mod byte-identical and gosynth check clean", () => {
    const a = get();
    expect(readFileSync(join(a.dir, "go.mod"), "utf-8")).toBe(a.goMod);
    const check = gosynth(["check"], a.dir, withTools);
    expect(check.code, check.out + check.err).toBe(0);
  });
  it(`make build builds bin/${binary}, which prints the version it was stamped with`, () => {
    const a = get();
    mustRun("make", ["build", "VERSION=3.4.5-rc.1"], a.dir, withTools);
    const r = run(join(a.dir, "bin", binary), [versionFlag], a.dir);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(printed);
  }, 600_000);
}

describe("gosynth init on version-in-dependency (a Prometheus exporter, version in prometheus/common)", () => {
  let a: Adopted;
  beforeAll(() => {
    ensureBuilt();
    a = adopt("version-in-dependency");
  }, 600_000);

  it("stamps github.com/prometheus/common/version in the image, make build and the release", () => {
    const xs = ["-X github.com/prometheus/common/version.Version=", "-X github.com/prometheus/common/version.Revision=", "-X github.com/prometheus/common/version.BuildDate="];
    for (const x of xs) expect(a.dockerfile).toContain(x);
    const ldflags = a.goreleaser.builds.find((b) => b.id === "queue_exporter")!.ldflags.join(" ");
    expect(ldflags).toContain("-X github.com/prometheus/common/version.Version={{ .Version }}");
    expect(ldflags).toContain("-X github.com/prometheus/common/version.Revision={{ .FullCommit }}");
    // Branch and BuildUser are no facts gosynth stamps: not stamped, and the plan says so.
    expect(a.dockerfile).not.toContain("version.Branch");
    expect(a.out).toMatch(/version\.Branch=\{\{\.Branch\}\}.*\[\.promu\.yml:12\]/);
    expect(a.rc).toContain('versionVariable: "github.com/prometheus/common/version.Version"');
  });

  it("copies the config file where CMD's --config.file points, exposes 9187 and runs as nobody", () => {
    expect(a.runtime).toMatch(/^COPY queue_exporter\.yml \/etc\/queue_exporter\/config\.yml$/m);
    expect(a.runtime).toMatch(/^CMD \["--config\.file=\/etc\/queue_exporter\/config\.yml"\]$/m);
    expect(a.runtime).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/queue_exporter"\]$/m);
    expect(a.runtime).toMatch(/^EXPOSE 9187$/m);
    expect(a.runtime).not.toMatch(/^EXPOSE 8080/m);
    expect(a.runtime).toMatch(/^USER 65534:65534$/m);
    expect(a.runtime).toContain('CMD ["/usr/local/bin/healthprobe", "http://127.0.0.1:9187/-/healthy"]');
    expect(a.rc).toContain("port: 9187");
    expect(a.rc).toContain('runtimeFiles: [{ source: "queue_exporter.yml", target: "/etc/queue_exporter/config.yml" }]');
    expect(a.rc).toContain('runtimeArgs: ["--config.file=/etc/queue_exporter/config.yml"]');
    expect(a.rc).toContain("runtimeUid: 65534");
  });

  common(() => a, "queue_exporter", "--version", /^queue_exporter, version 3\.4\.5-rc\.1 /m);
});

describe("gosynth init on config-and-args (golang + distroless, config file, ENV, VOLUME, ENTRYPOINT + CMD)", () => {
  let a: Adopted;
  beforeAll(() => {
    ensureBuilt();
    a = adopt("config-and-args");
  }, 600_000);

  it("states their config file, environment, volume, port and arguments in the runtime stage", () => {
    expect(a.runtime).toMatch(/^COPY configs\/relay\.json \/etc\/relay\/relay\.json$/m);
    expect(a.runtime).toMatch(/^ENV RELAY_DATA_DIR=\/var\/lib\/relay \\\n\s+GOMEMLIMIT=64MiB$/m);
    expect(a.runtime).toMatch(/^VOLUME \["\/var\/lib\/relay"\]$/m);
    expect(a.runtime).toMatch(/^EXPOSE 7070$/m);
    expect(a.runtime).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/relay"\]$/m);
    expect(a.runtime).toMatch(/^CMD \["-config", "\/etc\/relay\/relay\.json", "-listen", ":7070"\]$/m);
    expect(a.runtime).toMatch(/^USER 65532:65532$/m);
    expect(a.runtime).toContain('"http://127.0.0.1:7070/healthz"');
    expect(a.runtime).toContain('org.opencontainers.image.vendor="Acme"');
  });

  it("writes them as options of .projenrc.ts, each with the Dockerfile line it came from", () => {
    expect(a.rc).toContain("port: 7070");
    expect(a.rc).toMatch(/\/\/ ENV RELAY_DATA_DIR=\/var\/lib\/relay \(Dockerfile:16\)\n\s+\/\/ ENV GOMEMLIMIT=64MiB \(Dockerfile:17\)\n\s+runtimeEnv: \{ RELAY_DATA_DIR: "\/var\/lib\/relay", GOMEMLIMIT: "64MiB" \}/);
    expect(a.rc).toContain('runtimeFiles: [{ source: "configs/relay.json", target: "/etc/relay/relay.json" }]');
    expect(a.rc).toContain('runtimeArgs: ["-config", "/etc/relay/relay.json", "-listen", ":7070"]');
    expect(a.rc).toContain('runtimeVolumes: ["/var/lib/relay"]');
  });

  it("stamps main.version as their Dockerfile's go build did", () => {
    expect(a.dockerfile).toContain("-X main.version=${VERSION}");
    expect(a.goreleaser.builds.find((b) => b.id === "relay")!.ldflags.join(" ")).toContain("-X main.version={{ .Version }}");
  });

  common(() => a, "relay", "-version", /^3\.4\.5-rc\.1$/m);
});

describe("gosynth init on loopback-unless-env (miniflux-shaped: 127.0.0.1:8080 unless LISTEN_ADDR)", () => {
  let a: Adopted;
  beforeAll(() => {
    ensureBuilt();
    a = adopt("loopback-unless-env");
  }, 600_000);

  it("keeps ENV LISTEN_ADDR=0.0.0.0:8080 and says it is what opens the loopback default", () => {
    expect(a.runtime).toMatch(/^ENV LISTEN_ADDR=0\.0\.0\.0:8080$/m);
    expect(a.runtime).toMatch(/^EXPOSE 8080$/m);
    expect(a.rc).toContain('runtimeEnv: { LISTEN_ADDR: "0.0.0.0:8080" }');
    expect(a.out).toMatch(/the image listens on every interface: ENV LISTEN_ADDR=0\.0\.0\.0:8080 .*\[packaging\/docker\/distroless\/Dockerfile:14\]/);
    expect(a.out).not.toMatch(/no variable changes it/);
  });

  it("checks /healthcheck with gosynth's probe and keeps distroless base", () => {
    expect(a.runtime).toContain('CMD ["/usr/local/bin/healthprobe", "http://127.0.0.1:8080/healthcheck"]');
    expect(a.runtime).toMatch(/^FROM gcr\.io\/distroless\/base-debian13:nonroot AS runtime$/m);
    expect(a.rc).toContain('healthCheck: HealthCheck.http("/healthcheck")');
  });

  it("stamps the internal version package their Makefile stamps", () => {
    expect(a.dockerfile).toContain("-X example.com/feedhub/v2/internal/version.Version=${VERSION}");
    expect(a.goreleaser.builds.find((b) => b.id === "feedhub")!.ldflags.join(" ")).toContain("-X example.com/feedhub/v2/internal/version.Version={{ .Version }}");
  });

  common(() => a, "feedhub", "-version", /^3\.4\.5-rc\.1$/m);
});
