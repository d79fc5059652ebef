import { parse } from "yaml";

/**
 * Reads the facts that appear in more than one generated file, each from its
 * file, so tests can assert they agree with each other and with the options
 * (docs/consistency.md lists them). Nothing here reads the resolved config.
 */
export interface Facts {
  goVersion: { goMod?: string; builderImage: string; golangci: string };
  /** The exact toolchain: builder image, Makefile GOTOOLCHAIN, CI setup-go. */
  goToolchain: { builderImage: string; makefile: string; ci?: string; release?: string };
  binaryName: { makefile: string; dockerfile: string; goreleaser?: string; healthcheck?: string; entrypoint: string; releaseEntrypoint?: string };
  mainPackage: { makefile: string; dockerfile: string; goreleaser?: string };
  ldflags: { makefile: string; dockerfile: string; goreleaser?: string };
  cgo: { makefile: string; dockerfile: string; goreleaser?: string };
  buildFlags: { makefile: string; dockerfile: string; goreleaser?: string };
  platforms: { makefile: string[]; dockerBuildx: string[]; goreleaser?: string[]; goreleaserImages?: string[]; ci?: string[] };
  /** Cross compiler per platform id, by file. */
  compilers: { makefile: Record<string, string>; goreleaser?: Record<string, string> };
  port: { expose: string; envPort?: string; releaseExpose?: string; compose?: string; kubernetes?: string };
  runtimeUser: { dockerfile: string; release?: string; compose?: string; kubernetes?: string };
  /** How each Dockerfile copies the binary in: its --chown (none: root) and --chmod. */
  binaryCopy: { dockerfile: string; release?: string };
  imageRepository: { makefile: string; goreleaser?: string; ciTag?: string; compose?: string; kubernetes?: string };
  /** The health check command (exec form), by file. */
  healthcheck: { dockerfile?: string; compose?: string };
  /** Registry each login step logs in to. */
  loginRegistry: { ci?: string; release?: string };
  /** Build-arg names: declared by the runtime stage, passed by each builder. */
  buildArgs: { dockerfile: string[]; makefile: string[]; goreleaser?: string[]; ci?: string[] };
  tools: {
    makefileGolangci: string;
    ciGolangci?: string;
    makefileGoreleaser?: string;
    releaseGoreleaser?: string;
    makefileGovulncheck?: string;
    ciGovulncheck?: string;
    makefileSyft?: string;
    releaseSyft?: string;
    releaseCosign?: string;
    /** gosynth.pins.json's tools. */
    pins: Record<string, string>;
  };
  /** Build args compose passes (names). */
  composeBuildArgs?: string[];
  /** Kubernetes probes as "httpGet <path>" or "exec <json command>". */
  kubernetesProbes?: { liveness?: string; readiness?: string };
  /** SOURCE_DATE_EPOCH: the shell command each builder computes it with, or goreleaser's template. */
  sourceDateEpoch: { makefile: string; ci?: string; goreleaserModTimestamp?: string; goreleaserBuildArg?: string };
  /** Every `uses:` of every workflow. */
  actionUses: string[];
}

function makeVar(makefile: string, name: string): string {
  const m = new RegExp(`^${name} [:?]?= (.*)$`, "m").exec(makefile);
  if (!m) throw new Error(`Makefile has no ${name}`);
  return m[1];
}

type Step = { id?: string; uses?: string; run?: string; with?: Record<string, string> };

/** A Kubernetes probe as "httpGet <path> <port>" or "exec <json command>", undefined for none. */
function probeText(p: { httpGet?: { path: string; port: unknown }; exec?: { command: string[] } } | undefined): string | undefined {
  if (p?.httpGet) return `httpGet ${p.httpGet.path}`;
  if (p?.exec) return `exec ${JSON.stringify(p.exec.command)}`;
  return undefined;
}
type Workflow = { jobs: Record<string, { steps: Step[] }> };
const steps = (wf: Workflow | undefined) => (wf ? Object.values(wf.jobs).flatMap((j) => j.steps) : []);
const one = (re: RegExp, text: string, what: string) => {
  const m = re.exec(text);
  if (!m) throw new Error(`no ${what}`);
  return m;
};

export function readFacts(files: Record<string, string>): Facts {
  const mk = files.Makefile;
  const df = files.Dockerfile;
  const rdf = files["goreleaser.Dockerfile"];
  const gr = files[".goreleaser.yaml"] ? parse(files[".goreleaser.yaml"]) : undefined;
  const gl = parse(files[".golangci.yml"]);
  const ci: Workflow | undefined = files[".github/workflows/ci.yml"] ? parse(files[".github/workflows/ci.yml"]) : undefined;
  const release: Workflow | undefined = files[".github/workflows/release.yml"] ? parse(files[".github/workflows/release.yml"]) : undefined;
  const build = one(/go build (.*) -ldflags="(.*)" -o \/out\/(\S+) (\S+)/, df, "go build in the Dockerfile");
  const grBuild = gr?.builds?.[0];
  let goreleaserPlatforms: string[] | undefined;
  if (grBuild) {
    goreleaserPlatforms = [];
    for (const os of grBuild.goos ?? []) {
      for (const arch of grBuild.goarch ?? []) {
        if ((grBuild.ignore ?? []).some((i: { goos: string; goarch: string }) => i.goos === os && i.goarch === arch)) continue;
        if (arch === "arm") for (const v of grBuild.goarm ?? []) goreleaserPlatforms.push(`${os}/arm/v${v}`);
        else goreleaserPlatforms.push(`${os}/${arch}`);
      }
    }
  }
  const buildAllLines = mk.split("\n").filter((l) => /GOOS=\S+ GOARCH=/.test(l));
  const platformOf = (m: RegExpMatchArray) => (m[3] ? `${m[1]}/${m[2]}/v${m[3]}` : `${m[1]}/${m[2]}`);
  const makeCompilers: Record<string, string> = {};
  for (const line of buildAllLines) {
    const p = platformOf(one(/GOOS=(\S+) GOARCH=(\S+)(?: GOARM=(\S+))?/, line, "platform"));
    const cc = /CC=\$\((\S+)\)/.exec(line);
    if (cc) makeCompilers[p] = makeVar(mk, cc[1]);
  }
  const grCompilers = grBuild?.overrides
    ? Object.fromEntries(
        (grBuild.overrides as { goos: string; goarch: string; env: string[] }[]).map((o) => [
          `${o.goos}/${o.goarch}`,
          o.env.find((e) => e.startsWith("CC="))!.slice(3),
        ]),
      )
    : undefined;
  const ciBuild = steps(ci).find((s) => s.uses?.startsWith("docker/build-push-action"));
  const login = (wf: Workflow | undefined) => steps(wf).find((s) => s.uses?.startsWith("docker/login-action"))?.with?.registry;
  const lintStep = steps(ci).find((s) => s.uses?.startsWith("golangci/golangci-lint-action"));
  const grStep = steps(release).find((s) => s.uses?.startsWith("goreleaser/goreleaser-action"));
  const runtimeStage = df.slice(df.lastIndexOf("FROM "));
  const compose = files["compose.yaml"] ? Object.values(parse(files["compose.yaml"]).services as Record<string, any>)[0] : undefined;
  const deployment = files["deploy/kubernetes/deployment.yaml"] ? parse(files["deploy/kubernetes/deployment.yaml"]) : undefined;
  const pod = deployment?.spec?.template?.spec;
  const container = pod?.containers?.[0];
  const healthcheckLine = /^HEALTHCHECK .*CMD (\[.*\])$/m.exec(df);
  const entrypoint = (text: string) => JSON.parse(one(/^ENTRYPOINT (\[.*\])$/m, text, "ENTRYPOINT")[1])[0].split("/").pop();
  return {
    goVersion: {
      goMod: files["go.mod"] ? /^go (\S+)$/m.exec(files["go.mod"])?.[1] : undefined,
      builderImage: one(/golang:(\d+\.\d+\.\d+)-/, df, "builder image")[1],
      golangci: gl.run.go,
    },
    goToolchain: {
      builderImage: one(/golang:(\d+\.\d+\.\d+)-/, df, "builder image")[1],
      makefile: makeVar(mk, "GO_TOOLCHAIN"),
      ci: steps(ci).find((s) => s.uses?.startsWith("actions/setup-go"))?.with?.["go-version"],
      release: steps(release).find((s) => s.uses?.startsWith("actions/setup-go"))?.with?.["go-version"],
    },
    binaryName: {
      makefile: makeVar(mk, "BINARY"),
      dockerfile: build[3],
      goreleaser: grBuild?.binary,
      // The binary's own check runs it; gosynth's HTTP probe is another binary.
      healthcheck: healthcheckLine && !healthcheckLine[1].includes("/healthprobe") ? JSON.parse(healthcheckLine[1])[0].split("/").pop() : undefined,
      entrypoint: entrypoint(df),
      releaseEntrypoint: rdf ? entrypoint(rdf) : undefined,
    },
    mainPackage: { makefile: makeVar(mk, "MAIN_PACKAGE"), dockerfile: build[4], goreleaser: grBuild?.main },
    ldflags: {
      makefile: makeVar(mk, "LDFLAGS").replace("$(VERSION)", "<v>").replace("$(REVISION)", "<r>").replace("$(CREATED)", "<c>"),
      dockerfile: build[2].replace("${VERSION}", "<v>").replace("${REVISION}", "<r>").replace("${CREATED}", "<c>"),
      goreleaser: grBuild ? (grBuild.ldflags?.[0] ?? "").replace("{{ .Version }}", "<v>").replace("{{ .FullCommit }}", "<r>").replace("{{ .CommitDate }}", "<c>") : undefined,
    },
    cgo: {
      makefile: makeVar(mk, "CGO_ENABLED"),
      dockerfile: one(/CGO_ENABLED=(\d)/, df, "CGO_ENABLED")[1],
      goreleaser: grBuild ? (grBuild.env ?? []).find((e: string) => e.startsWith("CGO_ENABLED="))?.split("=")[1] : undefined,
    },
    buildFlags: { makefile: makeVar(mk, "GO_BUILD_FLAGS"), dockerfile: build[1], goreleaser: grBuild ? (grBuild.flags ?? []).join(" ") : undefined },
    platforms: {
      makefile: buildAllLines.map((l) => platformOf(one(/GOOS=(\S+) GOARCH=(\S+)(?: GOARM=(\S+))?/, l, "platform"))),
      dockerBuildx: makeVar(mk, "PLATFORMS").split(","),
      goreleaser: goreleaserPlatforms,
      goreleaserImages: gr?.dockers_v2?.[0]?.platforms,
      ci: ciBuild?.with?.platforms?.split(","),
    },
    compilers: { makefile: makeCompilers, goreleaser: grCompilers },
    port: {
      expose: one(/^EXPOSE (\d+)/m, df, "EXPOSE")[1],
      envPort: /^ENV PORT=(\d+)$/m.exec(df)?.[1],
      releaseExpose: rdf ? one(/^EXPOSE (\d+)/m, rdf, "EXPOSE")[1] : undefined,
      compose: compose ? String(compose.ports[0]).split(":").pop() : undefined,
      kubernetes: container ? String(container.ports[0].containerPort) : undefined,
    },
    healthcheck: {
      dockerfile: healthcheckLine ? JSON.stringify(JSON.parse(healthcheckLine[1])) : undefined,
      compose: compose?.healthcheck?.test ? JSON.stringify(compose.healthcheck.test.slice(1)) : undefined,
    },
    runtimeUser: {
      dockerfile: one(/^USER (\S+)$/m, runtimeStage, "USER")[1],
      release: rdf ? one(/^USER (\S+)$/m, rdf, "USER")[1] : undefined,
      compose: compose?.user,
      kubernetes: pod ? `${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}` : undefined,
    },
    binaryCopy: {
      dockerfile: one(/^(COPY --from=\S+ (?:--chown=\S+ )?(?:--chmod=\S+ )?)\/out\/\S+ \/usr\/local\/bin\//m, df, "COPY of the binary")[1],
      release: rdf ? one(/^(COPY (?:--chown=\S+ )?(?:--chmod=\S+ )?)\$\{TARGETPLATFORM\}\/\S+ \/usr\/local\/bin\//m, rdf, "COPY of the binary")[1] : undefined,
    },
    imageRepository: {
      makefile: makeVar(mk, "IMAGE"),
      goreleaser: gr?.dockers_v2?.[0]?.images?.[0],
      ciTag: ciBuild?.with?.tags?.replace(/:[^/:]+$/, ""),
      compose: compose?.image?.replace(/:[^/:]+$/, ""),
      kubernetes: container?.image?.replace(/[:@][^/:]+$/, ""),
    },
    loginRegistry: { ci: login(ci), release: login(release) },
    buildArgs: {
      dockerfile: [...runtimeStage.matchAll(/^ARG ([A-Z_]+)=/gm)].map((m) => m[1]).sort(),
      makefile: [...one(/^\t\$\(DOCKER\) build (.*)$/m, mk, "docker-build").input!.matchAll(/--build-arg ([A-Z_]+)=/g)]
        .map((m) => m[1])
        .filter((v, i, a) => a.indexOf(v) === i)
        .sort(),
      goreleaser: gr ? Object.keys(gr.dockers_v2?.[0]?.build_args ?? {}).sort() : undefined,
      ci: ciBuild ? String(ciBuild.with?.["build-args"] ?? "").split("\n").filter(Boolean).map((l) => l.split("=")[0]).sort() : undefined,
    },
    tools: {
      makefileGolangci: makeVar(mk, "GOLANGCI_LINT_VERSION"),
      ciGolangci: lintStep?.with?.version,
      makefileGoreleaser: gr ? makeVar(mk, "GORELEASER_VERSION") : undefined,
      releaseGoreleaser: grStep?.with?.version,
      makefileGovulncheck: /^GOVULNCHECK_VERSION := (\S+)$/m.exec(mk)?.[1],
      ciGovulncheck: /govulncheck@(v[\d.]+)/.exec(JSON.stringify(ci ?? {}))?.[1],
      makefileSyft: /^SYFT_VERSION := (\S+)$/m.exec(mk)?.[1],
      releaseSyft: /cmd\/syft@(v[\d.]+)/.exec(JSON.stringify(release ?? {}))?.[1],
      releaseCosign: /cmd\/cosign@(v[\d.]+)/.exec(JSON.stringify(release ?? {}))?.[1],
      pins: JSON.parse(files["gosynth.pins.json"]).tools,
    },
    composeBuildArgs: compose?.build?.args ? Object.keys(compose.build.args).sort() : undefined,
    kubernetesProbes: container
      ? {
          liveness: probeText(container.livenessProbe),
          readiness: probeText(container.readinessProbe),
        }
      : undefined,
    sourceDateEpoch: {
      makefile: one(/^SOURCE_DATE_EPOCH \?= \$\(shell (.*)\)$/m, mk, "SOURCE_DATE_EPOCH")[1],
      ci: ciBuild ? /echo "epoch=\$\((.*)\)" >> "\$GITHUB_OUTPUT"/.exec(String(steps(ci).find((s) => s.id === "facts")?.run ?? ""))?.[1] : undefined,
      goreleaserModTimestamp: grBuild?.mod_timestamp,
      goreleaserBuildArg: gr?.dockers_v2?.[0]?.build_args?.SOURCE_DATE_EPOCH,
    },
    actionUses: [...steps(ci), ...steps(release)].flatMap((s) => (s.uses ? [s.uses] : [])),
  };
}
