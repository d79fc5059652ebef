import { isIP } from "node:net";
import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { Project } from "projen/lib/project";
import { YamlFile } from "projen/lib/yaml";
import * as check from "../config/validators";
import { CommentedYamlFile } from "../files/commented-yaml-file";
import { definedOnly } from "../util/defined-only";
import { Problems } from "../util/problems";
import { ComposeHealthcheck, ComposeHealthcheckKind } from "./healthcheck";

/** The numeric user a container runs as. */
export interface ComposeUser {
  /** User id, not 0 (the service never runs as root). */
  readonly uid: number;
  /** Group id. */
  readonly gid: number;
}

/** Resource limits of the service (compose `deploy.resources.limits`). */
export interface ComposeResources {
  /**
   * CPUs, e.g. "0.5" or "2".
   * @default - no limit
   */
  readonly cpus?: string;
  /**
   * Memory, e.g. "256m", "256Mi" or "1g".
   * @default - no limit
   */
  readonly memory?: string;
}

/** A published port of a dependency service. */
export interface ComposePort {
  /** Port on the host. */
  readonly published: number;
  /** Port in the container. */
  readonly target: number;
  /**
   * Host address to bind.
   * @default "127.0.0.1" (this machine only)
   */
  readonly hostIp?: string;
}

/** A volume mounted into a dependency service. */
export interface ComposeVolumeMount {
  /** A named volume ("pgdata", declared at the top level automatically) or a host path ("./seed", "/srv/data"). */
  readonly source: string;
  /** Absolute path in the container. */
  readonly target: string;
  /**
   * Mount read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** A dependency service (database, cache...) added next to the main service. */
export interface ComposeServiceProps {
  /** Image reference, e.g. "docker.io/library/postgres:17". */
  readonly image: string;
  /**
   * Environment variables (compose interpolates `${VAR}`; write `$$` for a literal `$`).
   * @default {}
   */
  readonly environment?: { [name: string]: string };
  /**
   * Published ports.
   * @default [] (reachable from the other services only)
   */
  readonly ports?: ComposePort[];
  /**
   * Healthcheck; needed for `ComposeDependencyCondition.SERVICE_HEALTHY`.
   * @default - the image's own, if any
   */
  readonly healthcheck?: ComposeHealthcheck;
  /**
   * Command (exec form), replacing the image's CMD.
   * @default - the image's CMD
   */
  readonly command?: string[];
  /**
   * Volumes.
   * @default []
   */
  readonly volumes?: ComposeVolumeMount[];
}

/** When the main service may start, relative to a dependency. */
export enum ComposeDependencyCondition {
  /** Once the dependency's container has started. */
  SERVICE_STARTED = "service_started",
  /** Once the dependency's healthcheck passes. */
  SERVICE_HEALTHY = "service_healthy",
  /** Once the dependency has run to completion with exit code 0 (migrations, seeds). */
  SERVICE_COMPLETED_SUCCESSFULLY = "service_completed_successfully",
}

/** How the main service depends on another. */
export interface ComposeDependencyOptions {
  /**
   * Condition to wait for.
   * @default - SERVICE_HEALTHY when the dependency has a healthcheck, else SERVICE_STARTED
   */
  readonly condition?: ComposeDependencyCondition;
}

/** The facts compose.yaml needs about the service and its image. */
export interface ComposeFileProps {
  /** Path of the file. @default "compose.yaml" */
  readonly filePath?: string;
  /** Service name in compose.yaml (lowercase), e.g. "hello". */
  readonly serviceName: string;
  /** Image repository the local build is tagged as, without tag, e.g. "ghcr.io/acme/hello". */
  readonly imageRepository: string;
  /**
   * Tag of the local build. A fixed tag: a local build never takes a release's tag.
   * @default "dev"
   */
  readonly imageTag?: string;
  /** Port the service listens on in the container, e.g. 8080. */
  readonly containerPort: number;
  /**
   * Host port it is published on (overridable at run time, see `hostPortVariable`).
   * @default - the container port
   */
  readonly hostPort?: number;
  /**
   * Environment variable that overrides the host port at run time:
   * `"127.0.0.1:${PORT:-8080}:8080"`. Empty string: a fixed host port.
   * @default "PORT"
   */
  readonly hostPortVariable?: string;
  /**
   * Host address the port is published on.
   * @default "127.0.0.1" (this machine only: Docker's published ports bypass host firewalls)
   */
  readonly hostIp?: string;
  /** The user the image runs as, by number (the image's USER). */
  readonly user: ComposeUser;
  /**
   * Healthcheck of the service.
   * @default ComposeHealthcheck.none()
   */
  readonly healthcheck?: ComposeHealthcheck;
  /**
   * Whether the image declares a HEALTHCHECK (then `none()` writes `disable: true`).
   * @default false
   */
  readonly imageHasHealthcheck?: boolean;
  /**
   * Build args, name -> default value, written as `${NAME:-value}` so
   * `VERSION=1.2.3 docker compose up --build` passes them, e.g.
   * `{ VERSION: "dev", REVISION: "unknown", CREATED: "unknown" }`.
   * @default {}
   */
  readonly buildArgs?: { [name: string]: string };
  /**
   * Build context, relative to compose.yaml.
   * @default "."
   */
  readonly buildContext?: string;
  /**
   * Dockerfile, relative to the build context.
   * @default "Dockerfile"
   */
  readonly dockerfile?: string;
  /**
   * Dockerfile stage to build.
   * @default - the Dockerfile's last stage
   */
  readonly buildTarget?: string;
  /**
   * Environment variables of the service (compose interpolates `${VAR}`).
   * @default {}
   */
  readonly environment?: { [name: string]: string };
  /**
   * Resource limits.
   * @default - none
   */
  readonly resources?: ComposeResources;
  /**
   * Compose project name (prefix of containers, networks and volumes).
   * @default - the service name
   */
  readonly projectName?: string;
}

const NAMED_VOLUME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const HEALTHCHECK_DEFAULTS = { interval: "10s", timeout: "3s", startPeriod: "5s", retries: 3 };

interface ServiceEntry {
  readonly props: ComposeServiceProps;
}

/**
 * compose.yaml: the service built from the project's Dockerfile with the
 * image's hardening (non-root user, read-only root filesystem with a /tmp
 * tmpfs, no capabilities, no-new-privileges), its port published on loopback
 * and its healthcheck; plus dependency services (`addService`) it can wait
 * for (`addDependency`). It owns its YamlFile (`file`): edit anything else
 * with `file.addOverride`. Its props come valid from the project's config;
 * the arguments of addService and addDependency are checked when called.
 */
export class ComposeFile extends Component {
  /** The ComposeFile of a project, if it has one. */
  public static of(project: Project): ComposeFile | undefined {
    return project.components.find((c): c is ComposeFile => c instanceof ComposeFile);
  }

  /** Name of the main service. */
  public readonly serviceName: string;
  /** The file it writes. */
  public readonly file: YamlFile;
  private readonly props: ComposeFileProps;
  private readonly services = new Map<string, ServiceEntry>();
  private readonly dependencies = new Map<string, ComposeDependencyCondition>();
  /** Host port -> who publishes it, to refuse a port published twice. */
  private readonly publishedPorts = new Map<number, string>();

  public constructor(scope: IConstruct, id: string, props: ComposeFileProps) {
    super(scope, id);
    this.props = props;
    this.serviceName = props.serviceName;
    this.publishedPorts.set(props.hostPort ?? props.containerPort, `${props.serviceName} (hostPort)`);
    this.file = new CommentedYamlFile(this, props.filePath ?? "compose.yaml", {
      readonly: true,
      marker: true,
      obj: () => ({ name: props.projectName ?? props.serviceName, services: this.renderServices(), volumes: this.renderVolumes() }),
      header: this.header(),
      // Quote "uid:gid": YAML 1.1 readers (PyYAML, so podman-compose) take 1000:0 for a base-60 integer.
      edit: (text) => text.replace(/^( {4}user: )(\d+:\d+)$/m, '$1"$2"'),
    });
  }

  /** Adds a dependency service (database, cache...). Make the main service wait for it with `addService`. */
  public addService(name: string, props: ComposeServiceProps): void {
    const problems = new Problems();
    if (problems.add("name", name, check.checkComposeName(name), '"db"') && (name === this.serviceName || this.services.has(name))) {
      problems.add("name", name, `a service named "${name}" already exists in compose.yaml (services: ${[this.serviceName, ...this.services.keys()].join(", ")})`, '"db"');
    }
    if (typeof props.image !== "string" || props.image.trim() === "" || /\s/.test(props.image)) {
      problems.add("image", props.image, "must be an image reference without spaces", '"docker.io/library/postgres:17"');
    }
    validateEnvironment(problems, "environment", props.environment);
    const claimed = new Map<number, string>();
    (props.ports ?? []).forEach((port, i) => {
      const at = `ports[${i}]`;
      const published = problems.add(`${at}.published`, port.published, check.checkPort(port.published), "5432");
      problems.add(`${at}.target`, port.target, check.checkPort(port.target), "5432");
      if (port.hostIp !== undefined && isIP(port.hostIp) === 0) problems.add(`${at}.hostIp`, port.hostIp, "must be an IP address", '"127.0.0.1"');
      const owner = this.publishedPorts.get(port.published) ?? claimed.get(port.published);
      if (owner !== undefined) {
        problems.add(`${at}.published`, port.published, `host port ${port.published} is already published by ${owner}`, String(nextFreePort(port.published, this.publishedPorts, claimed)));
      } else if (published) {
        claimed.set(port.published, `${name} (${at})`);
      }
    });
    if (props.command !== undefined && (props.command.length === 0 || props.command.some((a) => typeof a !== "string"))) {
      problems.add("command", props.command, "must be a non-empty list of strings (exec form)", '["postgres", "-c", "log_statement=all"]');
    }
    (props.volumes ?? []).forEach((v, i) => {
      if (!NAMED_VOLUME.test(v.source) && !/^(\.{1,2}\/|\/|~\/)/.test(v.source)) {
        problems.add(`volumes[${i}].source`, v.source, "must be a volume name or a path starting with ./, ../, / or ~/", '"pgdata" or "./initdb"');
      }
      if (!v.target.startsWith("/")) problems.add(`volumes[${i}].target`, v.target, "must be an absolute path in the container", '"/var/lib/postgresql/data"');
    });
    if (props.healthcheck) validateHealthcheck(problems, "healthcheck", props.healthcheck);
    problems.throwIfAny(`arguments of ComposeFile.addService("${name}")`);
    for (const [port, owner] of claimed) this.publishedPorts.set(port, owner);
    this.services.set(name, { props });
  }

  /** Makes the main service wait for `serviceName` (added with `addService`): `depends_on: {db: {condition: service_healthy}}`. */
  public addDependency(serviceName: string, options: ComposeDependencyOptions = {}): void {
    const problems = new Problems();
    const subject = `arguments of ComposeFile.addDependency("${serviceName}")`;
    const entry = this.services.get(serviceName);
    if (!entry) {
      const known = [...this.services.keys()];
      problems.add(
        "serviceName",
        serviceName,
        known.length > 0 ? `no such service; added services: ${known.join(", ")}` : "no such service; add it with addService first",
        'addService("db", { image: "docker.io/library/postgres:17" }), then addDependency("db")',
      );
      problems.throwIfAny(subject);
      return;
    }
    const hasHealthcheck = entry.props.healthcheck?.enabled ?? false;
    const condition = options.condition ?? (hasHealthcheck ? ComposeDependencyCondition.SERVICE_HEALTHY : ComposeDependencyCondition.SERVICE_STARTED);
    if (condition === ComposeDependencyCondition.SERVICE_HEALTHY && !hasHealthcheck) {
      problems.add(
        "condition",
        condition,
        `service "${serviceName}" has no healthcheck to wait for`,
        `addService("${serviceName}", { ..., healthcheck: ComposeHealthcheck.shell("pg_isready -U postgres") })`,
      );
    }
    problems.throwIfAny(subject);
    this.dependencies.set(serviceName, condition);
  }

  /** Names of all services: the main one first, then the added ones. */
  public get serviceNames(): string[] {
    return [this.serviceName, ...this.services.keys()];
  }

  private header(): string[] {
    const p = this.props;
    const variable = p.hostPortVariable ?? "PORT";
    const vars = [
      ...(variable ? [`${variable} (host port, default ${p.hostPort ?? p.containerPort})`] : []),
      ...Object.entries(p.buildArgs ?? {}).map(([name, value]) => `${name} (default ${value})`),
    ];
    return [
      "Run locally: docker compose up --build   (or: podman-compose up --build)",
      ...(vars.length > 0 ? [`Read from the environment: ${vars.join(", ")}`] : []),
      `Published on ${p.hostIp ?? "127.0.0.1"} only. Hardened as in production: non-root, read-only root filesystem, no capabilities.`,
    ];
  }

  private renderServices(): Record<string, unknown> {
    const services: Record<string, unknown> = { [this.serviceName]: this.renderMain() };
    for (const [name, { props }] of this.services) services[name] = renderDependency(props);
    return services;
  }

  private renderMain(): Record<string, unknown> {
    const p = this.props;
    const args = Object.entries(p.buildArgs ?? {});
    const hostPort = p.hostPort ?? p.containerPort;
    const variable = p.hostPortVariable ?? "PORT";
    const published = variable ? `\${${variable}:-${hostPort}}` : String(hostPort);
    const env = Object.entries(p.environment ?? {});
    const limits = {
      ...(p.resources?.cpus !== undefined ? { cpus: p.resources.cpus } : {}),
      ...(p.resources?.memory !== undefined ? { memory: p.resources.memory } : {}),
    };
    return {
      image: `${p.imageRepository}:${p.imageTag ?? "dev"}`,
      build: {
        context: p.buildContext ?? ".",
        dockerfile: p.dockerfile ?? "Dockerfile",
        ...(p.buildTarget !== undefined ? { target: p.buildTarget } : {}),
        ...(args.length > 0 ? { args: Object.fromEntries(args.map(([name, value]) => [name, `\${${name}:-${value}}`])) } : {}),
      },
      // Always build on `up`: the local image follows the sources, and compose never pulls the registry's tag.
      pull_policy: "build",
      user: `${p.user.uid}:${p.user.gid}`,
      read_only: true,
      tmpfs: ["/tmp"],
      cap_drop: ["ALL"],
      security_opt: ["no-new-privileges:true"],
      ports: [`${hostAddress(p.hostIp ?? "127.0.0.1")}:${published}:${p.containerPort}`],
      ...(env.length > 0 ? { environment: Object.fromEntries(env) } : {}),
      ...renderHealthcheck(p.healthcheck ?? ComposeHealthcheck.none(), p.imageHasHealthcheck ?? false),
      ...(this.dependencies.size > 0
        ? { depends_on: Object.fromEntries([...this.dependencies].map(([name, condition]) => [name, { condition }])) }
        : {}),
      restart: "unless-stopped",
      ...(Object.keys(limits).length > 0 ? { deploy: { resources: { limits } } } : {}),
    };
  }

  private renderVolumes(): Record<string, unknown> | undefined {
    const named = [...this.services.values()].flatMap((s) => (s.props.volumes ?? []).filter((v) => NAMED_VOLUME.test(v.source)).map((v) => v.source));
    if (named.length === 0) return undefined;
    return Object.fromEntries([...new Set(named)].map((n) => [n, {}]));
  }
}

function hostAddress(ip: string): string {
  return isIP(ip) === 6 ? `[${ip}]` : ip;
}

function nextFreePort(from: number, ...taken: Map<number, string>[]): number {
  let port = from + 1;
  while (port <= 65535 && taken.some((m) => m.has(port))) port++;
  return port <= 65535 ? port : from - 1;
}

function renderDependency(p: ComposeServiceProps): Record<string, unknown> {
  const env = Object.entries(p.environment ?? {});
  return {
    image: p.image,
    ...(p.command ? { command: p.command } : {}),
    ...(env.length > 0 ? { environment: Object.fromEntries(env) } : {}),
    ...((p.ports ?? []).length > 0 ? { ports: p.ports!.map((port) => `${hostAddress(port.hostIp ?? "127.0.0.1")}:${port.published}:${port.target}`) } : {}),
    ...((p.volumes ?? []).length > 0 ? { volumes: p.volumes!.map((v) => `${v.source}:${v.target}${v.readOnly ? ":ro" : ""}`) } : {}),
    ...(p.healthcheck ? renderHealthcheck(p.healthcheck, false) : {}),
    restart: "unless-stopped",
  };
}

function renderHealthcheck(h: ComposeHealthcheck, imageHasHealthcheck: boolean): Record<string, unknown> {
  if (!h.enabled) return imageHasHealthcheck ? { healthcheck: { disable: true } } : {};
  const o = { ...HEALTHCHECK_DEFAULTS, ...definedOnly(h.options) };
  return {
    healthcheck: {
      test: h.kind === ComposeHealthcheckKind.SHELL ? ["CMD-SHELL", h.command[0]] : ["CMD", ...h.command],
      interval: o.interval,
      timeout: o.timeout,
      retries: o.retries,
      start_period: o.startPeriod,
    },
  };
}

function validateEnvironment(problems: Problems, prop: string, env: { [name: string]: string } | undefined): void {
  for (const [name, value] of Object.entries(env ?? {})) {
    problems.add(`${prop}.${name}`, name, check.checkEnvName(name), '"LOG_LEVEL"');
    if (typeof value !== "string") problems.add(`${prop}.${name}`, value, "must be a string", '"debug"');
  }
}

function validateHealthcheck(problems: Problems, prop: string, h: ComposeHealthcheck): void {
  if (h.kind === ComposeHealthcheckKind.NONE) return;
  if (h.command.length === 0 || h.command.some((a) => typeof a !== "string" || a === "")) {
    problems.add(`${prop}.command`, h.command, "must be a non-empty list of non-empty strings", '["/usr/local/bin/hello", "healthcheck"]');
  }
  if (h.kind === ComposeHealthcheckKind.HTTP && !(h.path ?? "").startsWith("/")) {
    problems.add(`${prop}.path`, h.path, "must start with /", '"/healthz"');
  }
  const o = h.options;
  for (const key of ["interval", "timeout", "startPeriod"] as const) {
    const v = o[key];
    if (v !== undefined) problems.add(`${prop}.options.${key}`, v, check.checkDuration(v), '"10s" or "1m30s"');
  }
  if (o.retries !== undefined && !(Number.isInteger(o.retries) && o.retries >= 1)) problems.add(`${prop}.options.retries`, o.retries, "must be an integer of at least 1", "3");
}
