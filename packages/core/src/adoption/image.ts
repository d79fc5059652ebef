import { posix } from "node:path";
import { HealthCheck } from "../config/health-check";
import { checkEnvName, checkImagePath, checkPort, checkRepositoryPath, checkUid } from "../config/validators";
import { formatLocation, type SourceLocation } from "../adopt/import/location";
import type { PlanBuilder } from "./plan";
import type { RepositoryFacts } from "./repository";
import { Code } from "./source";

/** What the user passed to init about the image (flags win over what is read). */
export interface ImageFlags {
  readonly port?: number;
  readonly healthPath?: string;
}

/** ENV a base image or gosynth sets itself. */
const BASE_ENV = new Set(["PATH", "HOME", "SSL_CERT_FILE", "SSL_CERT_DIR", "ZONEINFO", "TZ"]);
/** Labels set from the build (VERSION, REVISION, CREATED). */
const BUILD_LABELS = new Set(["org.opencontainers.image.version", "org.opencontainers.image.revision", "org.opencontainers.image.created"]);
/** User names of the bases gosynth builds on. */
const NAMED_UIDS: Readonly<Record<string, number>> = { nonroot: 65532, nobody: 65534 };

const baseCode = (name: string, value: string) => new Code(`BaseImage.${name}`, value, ["BaseImage"]);

/** The uid a USER line runs as ("65532:65532", "nonroot", "0"), when knowable. */
function uidOf(user: string): number | undefined {
  const name = user.split(":")[0];
  if (/^\d+$/.test(name)) return Number(name);
  return name === "root" ? 0 : NAMED_UIDS[name];
}

/** An address on every interface at this port: "0.0.0.0:8080", ":8080", "[::]:8080" (one of a comma-separated list). */
function listensEverywhere(value: string, port: number): boolean {
  return value.split(",").some((a) => new RegExp(`^(0\\.0\\.0\\.0|\\[::\\])?:${port}$`).test(a.trim()));
}

/** The URL path and port a curl/wget health check GETs: "http://localhost:8080/healthz". */
function httpCheck(command: string): { path: string; port?: number } | undefined {
  const m = /https?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+))?(\/[^\s"'|;&]*)?/.exec(command);
  return m ? { path: m[2] || "/", ...(m[1] ? { port: Number(m[1]) } : {}) } : undefined;
}

/**
 * The runtime image as the repository builds it today: base family and Debian
 * release, port, user, environment, files, arguments, volumes, labels and
 * health check; what the image needs to serve from a container that the code
 * shows (a loopback default address); what gosynth does differently, and why.
 */
export function decideImage(facts: RepositoryFacts, binaryName: string, cgo: boolean, flags: ImageFlags, plan: PlanBuilder): void {
  const { code } = facts;
  const runtime = facts.dockerfile?.runtime;
  const file = facts.dockerfile?.file;

  // Base: gosynth's family for theirs; the Debian release they chose.
  if (runtime) {
    const family = runtime.family;
    const at = runtime.base.at;
    const written = runtime.base.value.written;
    if (family === "alpine") plan.carry("baseImage", baseCode("ALPINE", "alpine"), `alpine (${written})`, at);
    else if (family === "scratch") plan.carry("baseImage", baseCode("SCRATCH", "scratch"), "scratch", at);
    else if (family === "distroless-base" || family === "distroless-cc") {
      if (!cgo) plan.carry("baseImage", baseCode("DISTROLESS_BASE", "distroless-base"), `distroless base (${written})`, at);
      if (family === "distroless-cc") plan.skip(`the distroless cc variant (${written})`, "gosynth builds on distroless base (glibc, no libstdc++): a C++ dependency needs more", at);
    } else if (family === "distroless-static") {
      if (!cgo) plan.carried.push({ what: `distroless static (${written}), gosynth's default base`, from: formatLocation(at) });
      else plan.change("baseImage", baseCode("DISTROLESS_BASE", "distroless-base"), "distroless base", "a dependency needs cgo (glibc at run time)", at);
    } else {
      const target = cgo ? "distroless base" : "distroless static";
      plan.changed.push({ what: `the runtime image ${written} becomes ${target}`, reason: "no shell or package manager in the image (smaller, fewer CVEs); a service that needs them at run time: set baseImage", from: formatLocation(at) });
    }
    if (runtime.debianRelease === "debian12") {
      plan.carry("debianRelease", new Code("DebianRelease.BOOKWORM", "debian12", ["DebianRelease"]), `Debian 12 (bookworm); Debian 13 is the current stable: DebianRelease.TRIXIE`, at);
    }
  }

  // Port: the image's EXPOSE, else the code's default listen address; the rest of EXPOSE as extra ports.
  const exposed = (runtime?.expose ?? []).filter((e) => e.value.protocol === "tcp");
  let port: number | undefined;
  if (flags.port !== undefined) {
    port = flags.port;
    plan.detect("port", port, `port ${port}, given with --port`);
  } else if (exposed.length > 0) {
    port = exposed[0].value.port;
    plan.carry("port", port, `port ${port} (EXPOSE)`, exposed[0].at);
  } else if (code.port.port !== undefined) {
    port = code.port.port;
    plan.detect("port", port, `port ${port}: ${code.port.reason}`, code.port.evidence || undefined);
  } else {
    plan.skip("the port", `neither an EXPOSE nor the code names one (${code.port.reason}); gosynth uses 8080: give the right one with --port`);
  }
  const extra = exposed.slice(1).map((e) => e.value.port).filter((p) => p !== port && checkPort(p) === undefined);
  if (extra.length > 0) plan.carry("extraPorts", extra, `more ports ${extra.join(", ")} (EXPOSE)`, exposed[1].at);
  plan.detect("portFromEnv", code.readsPort, code.portReason);

  // The user: theirs when it is not root and not the first host user; an option only when it differs from gosynth's default on the base.
  const uid = runtime?.user ? uidOf(runtime.user.value) : undefined;
  if (runtime?.user && uid !== undefined && checkUid(uid) === undefined) {
    const base = (plan.options.baseImage as Code | undefined)?.value;
    const defaultUid = base === "alpine" || base === "scratch" ? 10001 : 65532;
    if (uid !== defaultUid) plan.carry("runtimeUid", uid, `runs as UID ${uid} (USER ${runtime.user.value})`, runtime.user.at);
    else plan.carried.push({ what: `runs as UID ${uid} (USER ${runtime.user.value}), gosynth's user on this base`, from: formatLocation(runtime.user.at) });
  } else if (runtime?.user) {
    plan.changed.push({ what: `USER ${runtime.user.value} becomes a non-root numeric user (65532 on distroless, 10001 otherwise)`, reason: uid === 0 ? "never run as root" : uid === 1000 ? "UID 1000 is the first host user (often with sudo)" : "the user must be a number the host and Kubernetes can check", from: formatLocation(runtime.user.at) });
  } else if (runtime && !runtime.nonrootTag && runtime.family !== "scratch") {
    plan.changed.push({ what: "the image runs as a non-root user", reason: "it ran as root (no USER)", from: formatLocation(runtime.base.at) });
  }

  // Environment, minus what the base or gosynth sets.
  const env: Record<string, string> = {};
  for (const e of runtime?.env ?? []) {
    const { name, value } = e.value;
    if (BASE_ENV.has(name) || (name === "PORT" && code.readsPort)) {
      plan.skip(`ENV ${name}=${value}`, name === "PORT" ? `gosynth sets PORT to the port (${port}) itself` : "the base image or gosynth sets it", e.at);
      continue;
    }
    if (checkEnvName(name) !== undefined || /[\n\r]/.test(value)) {
      plan.skip(`ENV ${name}`, "not a variable gosynth can set", e.at);
      continue;
    }
    env[name] = value;
    plan.carry("runtimeEnv", env, `ENV ${name}=${value}`, e.at);
  }
  // A default address on loopback is unreachable from outside the container: listen on every interface.
  if (code.port.bindsLoopback && port !== undefined) {
    const variable = code.port.bindAddressEnv;
    // The Dockerfile may already open it (miniflux: ENV LISTEN_ADDR=0.0.0.0:8080), through a variable the code reader did not tie to the default.
    const opener = (runtime?.env ?? []).find((e) => env[e.value.name] !== undefined && (variable === undefined || e.value.name === variable) && listensEverywhere(e.value.value, port));
    if (opener) {
      plan.carried.push({ what: `the image listens on every interface: ENV ${opener.value.name}=${opener.value.value} (the default address ${code.port.loopbackEvidence ?? code.port.evidence} is loopback)`, from: formatLocation(opener.at) });
    } else if (variable && env[variable] !== undefined) {
      plan.warn(`ENV ${variable}=${env[variable]} keeps the service off the container's network`, `it is not an address on every interface at port ${port}, which the image publishes`);
    } else if (variable) {
      env[variable] = `0.0.0.0:${port}`;
      plan.change("runtimeEnv", env, `ENV ${variable}=0.0.0.0:${port}`, `the service listens on ${code.port.loopbackEvidence ?? "loopback"} by default, which a container cannot publish`);
    } else if (!variable) {
      plan.skip("the listen address", `the service binds loopback by default (${code.port.loopbackEvidence ?? code.port.evidence}) and no variable changes it${code.port.bindAddressFlag ? `: pass ${code.port.bindAddressFlag}=0.0.0.0:${port} in runtimeArgs` : ""}`);
    }
  }

  // Files of the repository copied in (configs); what else the Dockerfile copies is noted.
  const files: { source: string; target: string }[] = [];
  for (const f of runtime?.files ?? []) {
    const copied = f.value;
    if (copied.kind === "binary") {
      if (copied.service && copied.path !== `/usr/local/bin/${binaryName}`) plan.changed.push({ what: `the binary is at /usr/local/bin/${binaryName} (was ${copied.path})`, reason: "gosynth's layout: the same path in every image", from: formatLocation(f.at) });
      continue;
    }
    if (copied.kind !== "context") {
      const why = copied.kind === "fromStage" ? fromStageReason(copied.sources, copied.stage, facts) : `a ${copied.kind} copy`;
      plan.skip(`${copied.instruction} ${copied.sources.join(" ")} ${copied.destination}`, why, f.at);
      continue;
    }
    copied.sources.forEach((source, i) => {
      const relative = posix.normalize(source.replace(/^\.\//, "")).replace(/\/$/, "");
      const target = copied.installedAt[i];
      if (relative === "." || /[*?[]/.test(relative) || checkRepositoryPath(relative) !== undefined || !target || checkImagePath(target) !== undefined || !facts.has(relative)) {
        plan.skip(`${copied.instruction} ${source} ${copied.destination}`, facts.has(relative) ? "not a plain file or folder of the repository" : "no such file in the repository (made by another build step?)", f.at);
        return;
      }
      files.push({ source: relative, target });
      plan.carry("runtimeFiles", files, `${relative} in the image at ${target}`, f.at);
    });
  }

  // Arguments: what the ENTRYPOINT passes after the binary, and CMD.
  const isBinary = (arg: string | undefined) => arg !== undefined && posix.basename(arg) === (runtime?.binary?.value.name ?? binaryName);
  const entry = runtime?.entrypoint?.value;
  const cmd = runtime?.cmd?.value;
  const args: string[] = [];
  const runsBinary = (instruction: "ENTRYPOINT" | "CMD", at: SourceLocation) =>
    plan.carried.push({ what: `${instruction} runs the binary (gosynth's ENTRYPOINT is the binary itself)`, from: formatLocation(at) });
  if (entry?.form === "exec" && isBinary(entry.args[0])) {
    runsBinary("ENTRYPOINT", runtime!.entrypoint!.at);
    args.push(...entry.args.slice(1));
    if (cmd?.form === "exec") args.push(...cmd.args);
    else if (cmd) plan.skip(`CMD ${cmd.args.join(" ")}`, "a shell-form CMD: gosynth's image has no shell", runtime!.cmd!.at);
  } else if (cmd?.form === "exec" && isBinary(cmd.args[0])) {
    runsBinary("CMD", runtime!.cmd!.at);
    args.push(...cmd.args.slice(1));
    if (entry) plan.skip(`ENTRYPOINT ${entry.args.join(" ")}`, "gosynth's ENTRYPOINT is the binary itself (PID 1, gets SIGTERM)", runtime!.entrypoint!.at);
  } else if (entry) {
    plan.skip(`ENTRYPOINT ${entry.args.join(" ")}`, `it does not run the binary directly${entry.form === "shell" ? " (shell form)" : ""}: gosynth's ENTRYPOINT is the binary`, runtime!.entrypoint!.at);
  }
  if (args.length > 0) plan.carry("runtimeArgs", args, `the binary's arguments ${args.join(" ")}`, (runtime?.cmd ?? runtime?.entrypoint)!.at);

  const volumes = (runtime?.volumes ?? []).filter((v) => checkImagePath(v.value) === undefined);
  if (volumes.length > 0) plan.carry("runtimeVolumes", volumes.map((v) => v.value), `VOLUME ${volumes.map((v) => v.value).join(" ")}`, volumes[0].at);
  const labels: Record<string, string> = {};
  for (const l of runtime?.labels ?? []) {
    const { key, value } = l.value;
    if (BUILD_LABELS.has(key)) plan.changed.push({ what: `LABEL ${key} is set from the build`, reason: "gosynth labels every image with its version, commit and time", from: formatLocation(l.at) });
    else if (/\$\{?[A-Za-z_]/.test(value)) plan.skip(`LABEL ${key}=${value}`, "its value comes from a build argument or variable: set it in imageLabels", l.at);
    else {
      labels[key] = value;
      plan.carry("imageLabels", labels, `LABEL ${key}=${value}`, l.at);
    }
  }
  if (runtime?.stopSignal) {
    plan.statements.push({
      comment: [`STOPSIGNAL from ${formatLocation(runtime.stopSignal.at)}`],
      code: `project.dockerfile.runtimeStage.insertBefore("runtime.entrypoint", Instruction.raw("STOPSIGNAL", ${JSON.stringify(runtime.stopSignal.value)}));`,
      imports: ["Instruction"],
    });
    plan.carried.push({ what: `STOPSIGNAL ${runtime.stopSignal.value}`, from: formatLocation(runtime.stopSignal.at) });
  }
  // ARGs only parameterize the Dockerfile itself (gosynth's takes TARGETPLATFORM and the build facts).
  const runtimeBase = (plan.options.baseImage as Code | undefined)?.value as string | undefined;
  for (const other of (runtime?.other ?? []).filter((o) => !/^ARG\s/.test(o.value))) plan.skip(other.value.split("\n")[0], runStepReason(other.value, runtimeBase), other.at);

  decideHealth(facts, binaryName, port, flags, plan);
  if (file && runtime) plan.add(`the Dockerfile's other stages come from gosynth (build with cache mounts, a test stage, pinned bases)`, `replaces ${file}`);
}

/** The health check: the image's own, else the code's health command, else a path it serves, else none. */
function decideHealth(facts: RepositoryFacts, binaryName: string, port: number | undefined, flags: ImageFlags, plan: PlanBuilder): void {
  const { code } = facts;
  const runtime = facts.dockerfile?.runtime;
  const http = (path: string, healthPort?: number) =>
    new Code(`HealthCheck.http(${JSON.stringify(path)}${healthPort !== undefined ? `, ${healthPort}` : ""})`, HealthCheck.http(path, healthPort), ["HealthCheck"]);
  const subcommand = (args: string[]) => new Code(`HealthCheck.subcommand(${JSON.stringify(args)})`, HealthCheck.subcommand(args), ["HealthCheck"]);
  const none = new Code("HealthCheck.none()", HealthCheck.none(), ["HealthCheck"]);
  if (flags.healthPath) {
    plan.detect("healthCheck", http(flags.healthPath), `HTTP GET ${flags.healthPath} by gosynth's probe, given with --health-path`);
    return;
  }
  const theirs = runtime?.healthcheck;
  if (theirs && !theirs.value.none) {
    const test = theirs.value.test;
    const words = Array.isArray(test) ? test : test.split(/\s+/);
    const url = httpCheck(Array.isArray(test) ? test.join(" ") : test);
    if (posix.basename(words[0] ?? "") === (runtime?.binary?.value.name ?? binaryName)) {
      plan.carry("healthCheck", subcommand(words.slice(1)), `HEALTHCHECK ${words.join(" ")}: the binary checks itself`, theirs.at);
      return;
    }
    if (url) {
      const healthPort = url.port !== undefined && url.port !== port ? url.port : undefined;
      plan.change("healthCheck", http(url.path, healthPort), `HTTP GET ${url.path} by gosynth's probe`, "the image has no shell or curl/wget: a tiny probe binary does the GET", theirs.at);
      return;
    }
    plan.skip(`HEALTHCHECK ${words.join(" ")}`, "not a check gosynth can run without a shell", theirs.at);
  }
  const own = code.healthCommand;
  if (own.found && own.args) {
    plan.detect("healthCheck", subcommand(own.args), `the binary checks itself: ${[binaryName, ...own.args].join(" ")} (${own.reason})`, own.evidence);
    return;
  }
  const served = code.healthPath;
  if (served.path && (served.port === undefined || served.port === port)) {
    plan.detect("healthCheck", http(served.path), `HTTP GET ${served.path} by gosynth's probe (${served.reason})`, served.evidence || undefined);
    return;
  }
  if (served.path) {
    // A second listener (a monitoring port) may be off by default: a check of it could keep the container unhealthy.
    plan.skip(`the health endpoint ${served.path} on port ${served.port}`, `served by another listener than port ${port} (${served.reason}), which may be off by default: when the image turns it on, set healthCheck: HealthCheck.http(${JSON.stringify(served.path)}, ${served.port})`, served.evidence || undefined);
  }
  plan.detect("healthCheck", none, `no health check: ${code.healthcheckReason}; give a path the service answers with --health-path /healthz`);
}

/**
 * Why a file the runtime stage copied from a build stage is not carried: gosynth's build stage
 * makes only the binaries. CA certificates and zoneinfo come with gosynth's bases; a file the
 * repository holds (the build stage copied it in) can be named with runtimeFiles.
 */
function fromStageReason(sources: readonly string[], stage: string, facts: RepositoryFacts): string {
  const source = sources[0] ?? "";
  if (/ca-certificates|\/ssl\/certs|zoneinfo/.test(source)) return `copied from the build stage ${stage}: gosynth's bases bring CA certificates and time zones`;
  // /service/zarf/keys/. -> zarf/keys: the longest tail of the path that the repository has.
  const parts = source.replace(/\/\.?$/, "").split("/").filter(Boolean);
  const inRepository = parts.map((_p, i) => parts.slice(i).join("/")).find((tail) => tail && facts.has(tail));
  return inRepository
    ? `copied from the build stage ${stage}, which has the repository's ${inRepository}: gosynth's build stage makes only the binaries; to ship it, add { source: "${inRepository}", target: "${source.replace(/\/\.?$/, "")}" } to runtimeFiles`
    : `copied from the build stage ${stage}, which made it: gosynth's build stage makes only the binaries`;
}

/** Why a RUN (or other build step) of the runtime stage is not carried, for the base gosynth uses. */
function runStepReason(instruction: string, base: string | undefined): string {
  if (base === "alpine") {
    if (/\b(addgroup|adduser|useradd|groupadd)\b/.test(instruction)) return "gosynth's alpine image creates its own non-root user (runtimeUid)";
    if (/\bapk\b.*\b(ca-certificates|tzdata)\b/.test(instruction)) return "gosynth's alpine image has alpine's CA bundle and Go's zoneinfo; it installs no packages (an unpinned apk add changes with every build)";
    return "gosynth's runtime stage runs no commands: add it with project.dockerfile.runtimeStage.insertAfter(...) if the image needs it";
  }
  return "the runtime image has no shell to run it (distroless or scratch): gosynth's runtime stage runs no commands";
}
