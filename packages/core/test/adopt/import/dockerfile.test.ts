import { describe, expect, it } from "vitest";
import { importDockerfile } from "../../../src/adopt/import/dockerfile";

const lines = (...l: string[]) => l.join("\n") + "\n";
const at = (line: number, file = "Dockerfile") => ({ file, line });

describe("importDockerfile: multi-stage distroless nonroot", () => {
  const text = lines(
    "# syntax=docker/dockerfile:1",
    "FROM docker.io/library/golang:1.26-bookworm AS build",
    "WORKDIR /src",
    "COPY go.mod go.sum ./",
    "RUN go mod download",
    "COPY . .",
    "ARG VERSION=dev",
    "RUN --mount=type=cache,target=/root/.cache/go-build \\",
    '    CGO_ENABLED=0 go build -trimpath -buildmode=pie -ldflags="-s -w -X main.version=${VERSION}" \\',
    "    -o /out/orders ./cmd/orders",
    "",
    "FROM gcr.io/distroless/static-debian12:nonroot",
    "COPY --from=build /out/orders /usr/local/bin/orders",
    "EXPOSE 8080",
    "USER 65532:65532",
    'ENTRYPOINT ["/usr/local/bin/orders"]',
  );
  const result = importDockerfile(text, "Dockerfile");

  it("reads the runtime base: distroless static on Debian 12, nonroot tag", () => {
    const runtime = result.runtime!;
    expect(runtime.base).toEqual({
      value: {
        written: "gcr.io/distroless/static-debian12:nonroot",
        resolved: "gcr.io/distroless/static-debian12:nonroot",
        unresolved: [],
        registry: "gcr.io",
        repository: "distroless/static-debian12",
        tag: "nonroot",
      },
      at: at(12),
    });
    expect([runtime.family, runtime.debianRelease, runtime.nonrootTag]).toEqual(["distroless-static", "debian12", true]);
    expect(runtime.expose).toEqual([{ value: { port: 8080, protocol: "tcp" }, at: at(14) }]);
    expect(runtime.user).toEqual({ value: "65532:65532", at: at(15) });
    expect(runtime.entrypoint).toEqual({ value: { form: "exec", args: ["/usr/local/bin/orders"] }, at: at(16) });
    expect(runtime.cmd).toBeUndefined();
  });

  it("takes the copy the ENTRYPOINT runs, out of the build stage's go build output, for the service binary", () => {
    expect(result.runtime!.binary).toEqual({
      value: {
        kind: "binary",
        instruction: "COPY",
        sources: ["/out/orders"],
        destination: "/usr/local/bin/orders",
        installedAt: ["/usr/local/bin/orders"],
        runBy: "entrypoint",
        service: true,
        path: "/usr/local/bin/orders",
        name: "orders",
        fromStage: "build",
        // /out/ is also a build output directory.
        evidence: ["go-build-output", "build-output-dir", "run-by-image"],
      },
      at: at(13),
    });
    expect(result.runtime!.files).toEqual([result.runtime!.binary]);
  });

  it("reads the build stage: Go version from the tag, flags, -X, CGO inline, go mod download", () => {
    expect(result.buildStages).toHaveLength(1);
    const build = result.buildStages[0];
    expect(build.name).toBe("build");
    expect(build.goVersion).toEqual({ value: "1.26", at: at(2) });
    expect(build.goFlags).toEqual([
      { value: "-trimpath", at: at(9) },
      { value: "-buildmode=pie", at: at(9) },
    ]);
    expect(build.ldflags).toEqual([{ value: "-s -w -X main.version=${VERSION}", at: at(9) }]);
    expect(build.ldflagsX).toEqual([{ value: { symbol: "main.version", value: "${VERSION}" }, at: at(9) }]);
    expect(build.cgoEnabled).toEqual({ value: "0", at: at(9) });
    expect(build.downloadsModules).toEqual({ value: "go mod download", at: at(5) });
    expect(build.usesVendor).toBeUndefined();
    expect(build.outputs).toEqual([{ value: "/out/orders", at: at(9) }]);
    expect(result.notes).toEqual([]);
  });
});

describe("importDockerfile: alpine with apk and an entrypoint script", () => {
  const text = lines(
    "FROM golang:1.25.3-alpine3.22 AS builder",
    "RUN apk add --no-cache git make",
    "WORKDIR /app",
    "COPY . .",
    "ENV CGO_ENABLED=1",
    "RUN go build -ldflags=\" \\",
    "    -X github.com/acme/kv/cmd.Version=${VERSION} \\",
    "    -X github.com/acme/kv/cmd.Commit=${COMMIT}\" ./cmd/kvd/. && \\",
    "    go build ./cmd/kvctl",
    "",
    "FROM alpine:3.22",
    "RUN apk add --no-cache ca-certificates tzdata",
    "COPY --from=builder /app/docker-entrypoint.sh /bin",
    "COPY --from=builder /app/kvd /bin",
    "COPY --from=builder /app/kvctl /bin",
    "VOLUME /var/lib/kv",
    "EXPOSE 4001 4002/udp",
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'CMD ["run"]',
  );
  const result = importDockerfile(text, "Dockerfile");
  const runtime = result.runtime!;

  it("keeps RUN apk verbatim in other, and reads alpine", () => {
    expect(runtime.family).toBe("alpine");
    expect(runtime.debianRelease).toBeUndefined();
    expect(runtime.other).toEqual([{ value: "RUN apk add --no-cache ca-certificates tzdata", at: at(12) }]);
    expect(runtime.volumes).toEqual([{ value: "/var/lib/kv", at: at(16) }]);
    expect(runtime.expose.map((e) => e.value)).toEqual([
      { port: 4001, protocol: "tcp" },
      { port: 4002, protocol: "udp" },
    ]);
  });

  it("marks the script the ENTRYPOINT runs (found on PATH), and takes the first go build output for the service", () => {
    const [script, kvd, kvctl] = runtime.files.map((f) => f.value);
    expect(script).toMatchObject({ kind: "fromStage", stage: "builder", installedAt: ["/bin/docker-entrypoint.sh"], runBy: "entrypoint" });
    expect(kvd).toMatchObject({ kind: "binary", service: true, path: "/bin/kvd", evidence: ["go-build-output"] });
    expect(kvctl).toMatchObject({ kind: "binary", service: false, path: "/bin/kvctl", name: "kvctl" });
    expect(runtime.binary?.at).toEqual(at(14));
    expect(result.notes).toEqual([
      { value: "the image runs docker-entrypoint.sh, not a copied binary; /bin/kvd is taken for the service binary", at: at(14) },
    ]);
  });

  it("reads each -X of an -ldflags that spans lines on its own line, and CGO_ENABLED from ENV", () => {
    const build = result.buildStages[0];
    expect(build.goVersion?.value).toBe("1.25.3");
    expect(build.ldflagsX).toEqual([
      { value: { symbol: "github.com/acme/kv/cmd.Version", value: "${VERSION}" }, at: at(7) },
      { value: { symbol: "github.com/acme/kv/cmd.Commit", value: "${COMMIT}" }, at: at(8) },
    ]);
    expect(build.cgoEnabled).toEqual({ value: "1", at: at(5) });
    expect(build.outputs.map((o) => o.value)).toEqual(["/app/kvd", "/app/kvctl"]);
  });
});

describe("importDockerfile: scratch with certificates from the builder", () => {
  const text = lines(
    "FROM golang:1.24 AS build",
    "WORKDIR /go/src/github.com/acme/edge",
    "COPY . .",
    "RUN cd cmd/edge && go build -mod=vendor -tags netgo -o /go/bin/edge .",
    "",
    "FROM scratch",
    "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/",
    "COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo",
    "COPY --from=build /etc/passwd /etc/passwd",
    "COPY --from=build /go/bin/edge /edge",
    "USER nobody",
    "ENTRYPOINT /edge --listen :8443",
  );
  const result = importDockerfile(text, "build/Dockerfile");
  const runtime = result.runtime!;

  it("classifies certs, zoneinfo and passwd as files from the stage, and the shell-form ENTRYPOINT's program as the binary", () => {
    expect(runtime.family).toBe("scratch");
    expect(runtime.files.map((f) => [f.value.kind, f.value.installedAt[0], f.at.line])).toEqual([
      ["fromStage", "/etc/ssl/certs/ca-certificates.crt", 7],
      ["fromStage", "/usr/share/zoneinfo", 8],
      ["fromStage", "/etc/passwd", 9],
      ["binary", "/edge", 10],
    ]);
    expect(runtime.binary?.value.evidence).toEqual(["go-build-output", "build-output-dir", "run-by-image"]);
    expect(runtime.entrypoint).toEqual({ value: { form: "shell", args: ["/edge --listen :8443"] }, at: at(12, "build/Dockerfile") });
    expect(runtime.user?.value).toBe("nobody");
  });

  it("reads -mod=vendor as vendoring, and a cd before go build for the output", () => {
    const build = result.buildStages[0];
    expect(build.goFlags.map((f) => f.value)).toEqual(["-mod=vendor", "-tags=netgo"]);
    expect(build.usesVendor).toEqual({ value: "-mod=vendor", at: at(4, "build/Dockerfile") });
    expect(build.outputs.map((o) => o.value)).toEqual(["/go/bin/edge"]);
    expect(build.cgoEnabled).toBeUndefined();
  });
});

describe("importDockerfile: busybox with a config file and CMD flags, binary built outside (promu)", () => {
  const text = lines(
    'ARG ARCH="amd64"',
    'ARG OS="linux"',
    "FROM quay.io/prometheus/busybox-${OS}-${ARCH}:latest",
    'LABEL maintainer="Acme <ops@acme.test>"',
    'LABEL org.opencontainers.image.title="Ping Exporter"',
    "",
    'ARG ARCH="amd64"',
    'ARG OS="linux"',
    "COPY .build/${OS}-${ARCH}/ping_exporter  /bin/ping_exporter",
    "COPY ping.yml       /etc/ping_exporter/config.yml",
    "",
    "EXPOSE      9427",
    'ENTRYPOINT  [ "/bin/ping_exporter" ]',
    'CMD         [ "--config.file=/etc/ping_exporter/config.yml" ]',
  );
  const result = importDockerfile(text, "Dockerfile");
  const runtime = result.runtime!;

  it("resolves the base from the global ARGs", () => {
    expect(runtime.base.value).toMatchObject({
      written: "quay.io/prometheus/busybox-${OS}-${ARCH}:latest",
      resolved: "quay.io/prometheus/busybox-linux-amd64:latest",
      unresolved: [],
    });
    expect(runtime.family).toBe("busybox");
    expect(runtime.nonrootTag).toBe(false);
  });

  it("takes the .build/<os>-<arch> copy for a binary from the build context, and the config for a context file", () => {
    expect(runtime.binary?.value).toMatchObject({
      sources: [".build/${OS}-${ARCH}/ping_exporter"],
      path: "/bin/ping_exporter",
      name: "ping_exporter",
      evidence: ["build-output-dir", "run-by-image"],
    });
    expect(runtime.binary?.value.fromStage).toBeUndefined();
    expect(runtime.files[1]).toEqual({
      value: {
        kind: "context",
        instruction: "COPY",
        sources: ["ping.yml"],
        destination: "/etc/ping_exporter/config.yml",
        installedAt: ["/etc/ping_exporter/config.yml"],
      },
      at: at(10),
    });
    expect(runtime.cmd?.value).toEqual({ form: "exec", args: ["--config.file=/etc/ping_exporter/config.yml"] });
    expect(runtime.labels.map((l) => [l.value.key, l.value.value, l.at.line])).toEqual([
      ["maintainer", "Acme <ops@acme.test>", 4],
      ["org.opencontainers.image.title", "Ping Exporter", 5],
    ]);
    expect(runtime.other.map((o) => o.value)).toEqual(['ARG ARCH="amd64"', 'ARG OS="linux"']);
    expect(result.buildStages).toEqual([]);
  });
});

describe("importDockerfile: goreleaser's Dockerfile, binary at the root of the context", () => {
  it("takes the copy the ENTRYPOINT runs, even with $TARGETPLATFORM unknown", () => {
    const result = importDockerfile(
      lines(
        "FROM gcr.io/distroless/static:nonroot",
        "ARG TARGETPLATFORM",
        "COPY $TARGETPLATFORM/relay /usr/bin/",
        "EXPOSE 8080",
        'ENTRYPOINT ["/usr/bin/relay"]',
      ),
      "Dockerfile.release",
    );
    const runtime = result.runtime!;
    expect([runtime.family, runtime.debianRelease, runtime.nonrootTag]).toEqual(["distroless-static", undefined, true]);
    expect(runtime.binary).toEqual({
      value: {
        kind: "binary",
        instruction: "COPY",
        sources: ["$TARGETPLATFORM/relay"],
        destination: "/usr/bin/",
        installedAt: ["/usr/bin/relay"],
        runBy: "entrypoint",
        service: true,
        path: "/usr/bin/relay",
        name: "relay",
        evidence: ["run-by-image"],
      },
      at: at(3, "Dockerfile.release"),
    });
  });

  it("matches a glob copied into a directory against the CMD", () => {
    const result = importDockerfile(
      lines(
        "FROM golang:1.26 AS build",
        "WORKDIR /go/src/github.com/acme/echo",
        "COPY . .",
        "RUN make build",
        "FROM gcr.io/distroless/static:nonroot",
        "COPY --from=build /go/src/github.com/acme/echo/dist/echo* /bin/",
        'CMD ["/bin/echo"]',
      ),
      "Dockerfile",
    );
    expect(result.runtime!.binary?.value).toMatchObject({
      installedAt: ["/bin/echo*"],
      path: "/bin/echo",
      name: "echo",
      runBy: "cmd",
      evidence: ["build-output-dir", "run-by-image"],
    });
    expect(result.buildStages[0]).toMatchObject({ goFlags: [], outputs: [] });
  });
});

describe("importDockerfile: ENV forms, WORKDIR, relative CMD", () => {
  it("reads the legacy `ENV K V` and pairs, in order, and runs ./svc from the WORKDIR", () => {
    const result = importDockerfile(
      lines(
        "FROM docker.io/library/golang:trixie AS build",
        "ENV CGO_ENABLED 0",
        "WORKDIR /service/api/services/billing",
        "COPY . /service",
        'RUN go build -ldflags "-X main.tag=${BUILD_TAG}"',
        "FROM docker.io/library/alpine:3.22",
        "ENV LISTEN_ADDR 0.0.0.0:8080",
        'ENV LOG_LEVEL=info GREETING="hello there"',
        "WORKDIR /service",
        "COPY --from=build --chown=billing:billing /service/api/services/billing/billing /service/billing",
        "USER billing",
        'CMD ["./billing"]',
      ),
      "zarf/docker/dockerfile.billing",
    );
    const runtime = result.runtime!;
    const file = "zarf/docker/dockerfile.billing";
    expect(runtime.env).toEqual([
      { value: { name: "LISTEN_ADDR", value: "0.0.0.0:8080" }, at: at(7, file) },
      { value: { name: "LOG_LEVEL", value: "info" }, at: at(8, file) },
      { value: { name: "GREETING", value: "hello there" }, at: at(8, file) },
    ]);
    expect(runtime.workdir).toEqual({ value: "/service", at: at(9, file) });
    expect(runtime.binary?.value).toMatchObject({ path: "/service/billing", chown: "billing:billing", runBy: "cmd", evidence: ["go-build-output", "run-by-image"] });
    const build = result.buildStages[0];
    expect(build.cgoEnabled).toEqual({ value: "0", at: at(2, file) });
    expect(build.outputs.map((o) => o.value)).toEqual(["/service/api/services/billing/billing"]);
    expect(result.notes).toEqual([
      { value: "docker.io/library/golang:trixie: the tag names no Go version (the newest Go when the image is pulled)", at: at(1, file) },
    ]);
  });
});

describe("importDockerfile: heredocs", () => {
  it("reads go build inside a RUN heredoc with its line, and a COPY heredoc as an inline file", () => {
    const result = importDockerfile(
      lines(
        "# syntax=docker/dockerfile:1.7",
        "FROM golang:1.26-alpine AS build",
        "WORKDIR /src",
        "COPY . .",
        "RUN <<EOF",
        "set -eux",
        "export CGO_ENABLED=0",
        "go build -trimpath \\",
        "  -ldflags '-X example.com/tick/internal/version.Version=1.2.3' \\",
        "  -o /out/tick ./cmd/tick",
        "EOF",
        "FROM alpine:3.22",
        "COPY <<EOF /etc/tick/config.yml",
        "interval: 5s",
        "EOF",
        "COPY --from=build /out/tick /usr/bin/tick",
        'ENTRYPOINT ["tick"]',
      ),
      "Dockerfile",
    );
    const build = result.buildStages[0];
    expect(build.goFlags).toEqual([{ value: "-trimpath", at: at(8) }]);
    expect(build.ldflagsX).toEqual([{ value: { symbol: "example.com/tick/internal/version.Version", value: "1.2.3" }, at: at(9) }]);
    expect(build.cgoEnabled).toEqual({ value: "0", at: at(7) });
    const [config, binary] = result.runtime!.files;
    expect(config).toEqual({
      value: {
        kind: "heredoc",
        instruction: "COPY",
        sources: ["<<EOF"],
        destination: "/etc/tick/config.yml",
        installedAt: ["/etc/tick/config.yml"],
        content: "interval: 5s\n",
      },
      at: at(13),
    });
    expect(binary.value).toMatchObject({ kind: "binary", path: "/usr/bin/tick", runBy: "entrypoint", service: true });
  });
});

describe("importDockerfile: escape directive", () => {
  it("joins backtick-continued lines and keeps backslashes", () => {
    const result = importDockerfile(
      lines(
        "# escape=`",
        "FROM golang:1.26 AS build",
        "RUN go build `",
        "    -tags=osusergo `",
        "    -o /out/agent .",
        "FROM debian:bookworm-slim",
        "COPY --from=build /out/agent /usr/local/bin/agent",
        'ENV MOTD="a\\b"',
        'ENTRYPOINT ["agent"]',
      ),
      "Dockerfile",
    );
    expect(result.buildStages[0].goFlags).toEqual([{ value: "-tags=osusergo", at: at(4) }]);
    expect(result.buildStages[0].outputs.map((o) => o.value)).toEqual(["/out/agent"]);
    expect(result.runtime!.env[0].value).toEqual({ name: "MOTD", value: "a\\b" });
    expect([result.runtime!.family, result.runtime!.debianRelease]).toEqual(["debian", "debian12"]);
    expect(result.runtime!.binary?.value.path).toBe("/usr/local/bin/agent");
  });
});

describe("importDockerfile: variables in FROM", () => {
  it("takes the Go version from an ARG default and cites the ARG's line", () => {
    const result = importDockerfile(
      lines("ARG GO_VERSION=1.25.4", "FROM golang:${GO_VERSION}-bookworm AS build", "RUN go build -o /svc .", "FROM gcr.io/distroless/cc-debian13", "COPY --from=build /svc /svc"),
      "Dockerfile",
    );
    expect(result.buildStages[0].base.value.resolved).toBe("golang:1.25.4-bookworm");
    expect(result.buildStages[0].goVersion).toEqual({ value: "1.25.4", at: at(1) });
    expect([result.runtime!.family, result.runtime!.debianRelease, result.runtime!.nonrootTag]).toEqual(["distroless-cc", "debian13", false]);
    expect(result.runtime!.binary?.value).toMatchObject({ path: "/svc", evidence: ["go-build-output"] });
  });

  it("notes a Go version and a base image that depend on ARGs with no default", () => {
    const result = importDockerfile(
      lines("ARG GO_VERSION", "ARG RUNTIME_IMAGE", "FROM golang:${GO_VERSION} AS build", "FROM ${RUNTIME_IMAGE}", "COPY --from=build /go/bin/app /app"),
      "Dockerfile",
    );
    expect(result.buildStages[0].goVersion).toBeUndefined();
    expect(result.runtime!.family).toBe("unknown");
    expect(result.notes).toEqual([
      { value: "golang:${GO_VERSION}: the Go version comes from GO_VERSION, which has no default", at: at(3) },
      { value: "${RUNTIME_IMAGE}: the base image depends on RUNTIME_IMAGE, which has no default", at: at(4) },
    ]);
  });
});

describe("importDockerfile: stages built FROM stages, and --target", () => {
  const text = lines(
    "FROM golang:1.26 AS base",
    "ENV CGO_ENABLED=0",
    "WORKDIR /src",
    "FROM base AS build",
    "RUN go build -o /out/api ./cmd/api",
    "FROM alpine:3.22 AS runtime-base",
    "ENV TZ=UTC",
    'CMD ["sh"]',
    "FROM runtime-base AS release",
    "COPY --from=build /out/api /usr/local/bin/api",
    'ENTRYPOINT ["/usr/local/bin/api"]',
    "HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD wget -qO- http://localhost:8080/healthz || exit 1",
    "STOPSIGNAL SIGTERM",
    "FROM build AS test",
    "RUN go test ./...",
  );

  it("takes the last stage when no target is known", () => {
    const result = importDockerfile(text, "Dockerfile");
    expect(result.runtime!.index).toBe(4);
    expect(result.runtime!.name).toBe("test");
    expect(result.runtime!.base.value.resolved).toBe("golang:1.26");
  });

  it("with a target, reads the stage and what it inherits; its ENTRYPOINT resets the inherited CMD", () => {
    const result = importDockerfile(text, "Dockerfile", { target: "release" });
    const runtime = result.runtime!;
    expect(runtime.name).toBe("release");
    expect(runtime.base).toMatchObject({ value: { resolved: "alpine:3.22" }, at: at(6) });
    expect(runtime.env).toEqual([{ value: { name: "TZ", value: "UTC" }, at: at(7) }]);
    expect(runtime.cmd).toBeUndefined();
    expect(runtime.healthcheck).toEqual({
      value: { form: "shell", test: "wget -qO- http://localhost:8080/healthz || exit 1", interval: "30s", timeout: "3s", retries: 3 },
      at: at(12),
    });
    expect(runtime.stopSignal).toEqual({ value: "SIGTERM", at: at(13) });
    expect(runtime.binary?.value).toMatchObject({ fromStage: "build", evidence: ["go-build-output", "build-output-dir", "run-by-image"] });
    expect(result.notes).toContainEqual({ value: "the ENTRYPOINT at line 11 resets this inherited CMD", at: at(8) });
  });

  it("lists every stage rooted in golang, with CGO_ENABLED inherited from the stage it is built FROM", () => {
    const result = importDockerfile(text, "Dockerfile", { target: "release" });
    expect(result.buildStages.map((b) => [b.name, b.goVersion?.value, b.cgoEnabled?.value, b.cgoEnabled?.at.line])).toEqual([
      ["base", "1.26", "0", 2],
      ["build", "1.26", "0", 2],
      ["test", "1.26", "0", 2],
    ]);
  });

  it("notes a target that is not a stage", () => {
    const result = importDockerfile(text, "Dockerfile", { target: "prod" });
    expect(result.runtime!.name).toBe("test");
    expect(result.notes).toContainEqual({ value: "no stage named prod: the last stage is taken", at: at(14) });
  });
});

describe("importDockerfile: settings and things not modelled", () => {
  it("keeps an overridden USER and CMD, SHELL and ONBUILD in other; reads HEALTHCHECK NONE and the exec form", () => {
    const result = importDockerfile(
      lines(
        "FROM ubuntu:24.04",
        "USER root",
        'SHELL ["/bin/bash", "-c"]',
        "RUN useradd app",
        "USER app",
        "ONBUILD COPY . /src",
        'CMD ["bash"]',
        'CMD ["/opt/app/bin/app", "serve"]',
        "HEALTHCHECK NONE",
        'HEALTHCHECK --start-period=5s CMD ["/opt/app/bin/app", "health"]',
        "COPY --from=ghcr.io/acme/tools:1.0 /usr/bin/grpc-health-probe /bin/",
        "ADD https://example.test/ca.pem /etc/ssl/certs/acme.pem",
        "EXPOSE ${PORT}",
      ),
      "Dockerfile",
    );
    const runtime = result.runtime!;
    expect(runtime.family).toBe("ubuntu");
    expect(runtime.user).toEqual({ value: "app", at: at(5) });
    expect(runtime.cmd?.value.args).toEqual(["/opt/app/bin/app", "serve"]);
    expect(runtime.healthcheck?.value).toEqual({ form: "exec", test: ["/opt/app/bin/app", "health"], startPeriod: "5s" });
    expect(runtime.other.map((o) => [o.at.line, o.value])).toEqual([
      [2, "USER root"],
      [3, 'SHELL ["/bin/bash", "-c"]'],
      [4, "RUN useradd app"],
      [6, "ONBUILD COPY . /src"],
      [7, 'CMD ["bash"]'],
      [9, "HEALTHCHECK NONE"],
    ]);
    expect(runtime.files.map((f) => f.value.kind)).toEqual(["fromImage", "remote"]);
    expect(runtime.files[0].value).toMatchObject({ image: "ghcr.io/acme/tools:1.0", installedAt: ["/bin/grpc-health-probe"] });
    expect(runtime.binary).toBeUndefined();
    expect(result.notes).toEqual([
      { value: "no COPY is recognisably the service binary", at: at(11) },
      { value: "EXPOSE ${PORT}: not a single port known here", at: at(13) },
    ]);
  });

  it("notes a file with no FROM", () => {
    const result = importDockerfile("# nothing here\n", "Dockerfile");
    expect(result.runtime).toBeUndefined();
    expect(result).toMatchObject({ buildStages: [], notes: [{ value: "no FROM: not a Dockerfile that builds an image", at: at(1) }] });
  });
});
