import { Component, Project, YamlFile } from "projen";
import { isPort, Problems } from "../compose/problems";
import { deploymentObject, kustomizationObject, namespaceObject, networkPolicyObject, podDisruptionBudgetObject, ResolvedManifestProps, serviceObject } from "./objects";
import { KubernetesProbe, KubernetesProbeKind } from "./probe";
import { parseCpu, parseMemory } from "./quantity";

/** The numeric user the container runs as. */
export interface KubernetesUser {
  /** User id, not 0 (runAsNonRoot). */
  readonly uid: number;
  /** Group id. */
  readonly gid: number;
}

/** CPU and memory quantities. */
export interface KubernetesResourceQuantities {
  /**
   * CPU: "250m" or "1".
   * @default - see KubernetesResources
   */
  readonly cpu?: string;
  /**
   * Memory: "128Mi" or "1Gi".
   * @default - see KubernetesResources
   */
  readonly memory?: string;
}

/** Requests and limits of the container; each quantity defaults on its own. */
export interface KubernetesResources {
  /**
   * What the scheduler reserves.
   * @default { cpu: "100m", memory: "64Mi" }
   */
  readonly requests?: KubernetesResourceQuantities;
  /**
   * The most the container may use (GOMAXPROCS and GOMEMLIMIT follow them).
   * @default { cpu: "1", memory: "128Mi" }
   */
  readonly limits?: KubernetesResourceQuantities;
}

/** The facts the Kubernetes manifests need about the service and its image. */
export interface KubernetesManifestsProps {
  /** Name of the Deployment, Service and container (a DNS label), e.g. "hello". */
  readonly name: string;
  /** Image repository without tag, e.g. "ghcr.io/acme/hello". */
  readonly imageRepository: string;
  /**
   * Image tag, written in the Deployment and in kustomization.yaml's `images:`
   * (change it there: `kustomize edit set image`).
   * @default "latest"
   */
  readonly imageTag?: string;
  /**
   * Image digest ("sha256:..."), pinning the image exactly.
   * @default - none (the tag alone)
   */
  readonly imageDigest?: string;
  /** Port the container listens on, e.g. 8080. */
  readonly containerPort: number;
  /**
   * Port of the Service (targets the container port).
   * @default 80
   */
  readonly servicePort?: number;
  /** Liveness probe: `KubernetesProbe.httpGet("/healthz")`, `.exec([...])` or `.none()`. */
  readonly liveness: KubernetesProbe;
  /** Readiness probe: `KubernetesProbe.httpGet("/readyz")`, `.exec([...])` or `.none()`. */
  readonly readiness: KubernetesProbe;
  /** The user the image runs as, by number. */
  readonly user: KubernetesUser;
  /**
   * Pod replicas; a PodDisruptionBudget is written when above 1.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * CPU and memory requests and limits.
   * @default - requests 100m / 64Mi, limits 1 / 128Mi
   */
  readonly resources?: KubernetesResources;
  /**
   * Extra labels on every object and on the pods (the selector stays `app.kubernetes.io/name`).
   * @default {}
   */
  readonly labels?: { [key: string]: string };
  /**
   * Environment variables of the container.
   * @default {}
   */
  readonly environment?: { [name: string]: string };
  /**
   * Namespace of every object.
   * @default - the name
   */
  readonly namespace?: string;
  /**
   * Write a Namespace object (with Pod Security "restricted" enforced).
   * @default true
   */
  readonly createNamespace?: boolean;
}

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const REPOSITORY = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_ENV = ["GOMAXPROCS", "GOMEMLIMIT", "MEMORY_LIMIT_MIB"];

const DEFAULT_REQUESTS = { cpu: "100m", memory: "64Mi" };
const DEFAULT_LIMITS = { cpu: "1", memory: "128Mi" };

/**
 * Kubernetes manifests of the service, opt-in, in a folder of their own
 * (default deploy/kubernetes/): Deployment, Service, NetworkPolicy (ingress to
 * the container port only), a PodDisruptionBudget when replicas > 1, the
 * Namespace, and kustomization.yaml listing them and holding the image tag.
 * `kubectl apply -k deploy/kubernetes`. Every file is a projen YamlFile:
 * change anything with `addOverride`.
 */
export class KubernetesManifests extends Component {
  /** The KubernetesManifests of a project, if it has them. */
  public static of(project: Project): KubernetesManifests | undefined {
    return project.components.find((c): c is KubernetesManifests => c instanceof KubernetesManifests);
  }

  /** Folder of the manifests, relative to the project. */
  public readonly outdir: string;
  /** deployment.yaml. */
  public readonly deployment: YamlFile;
  /** service.yaml. */
  public readonly service: YamlFile;
  /** network-policy.yaml. */
  public readonly networkPolicy: YamlFile;
  /** pod-disruption-budget.yaml, only when replicas > 1. */
  public readonly podDisruptionBudget?: YamlFile;
  /** namespace.yaml, unless createNamespace is false. */
  public readonly namespace?: YamlFile;
  /** kustomization.yaml. */
  public readonly kustomization: YamlFile;

  public constructor(project: Project, outdir: string, props: KubernetesManifestsProps) {
    const resolved = resolveProps(props, outdir);
    super(project, `KubernetesManifests:${resolved.outdir.replace(/\//g, "-")}`);
    this.outdir = resolved.outdir;
    const file = (name: string, obj: unknown) => new YamlFile(project, `${resolved.outdir}/${name}`, { obj, readonly: true, marker: true });
    const files: string[] = [];
    const add = (name: string, obj: unknown) => {
      files.push(name);
      return file(name, obj);
    };
    this.namespace = resolved.createNamespace ? add("namespace.yaml", namespaceObject(resolved)) : undefined;
    this.deployment = add("deployment.yaml", deploymentObject(resolved));
    this.service = add("service.yaml", serviceObject(resolved));
    this.networkPolicy = add("network-policy.yaml", networkPolicyObject(resolved));
    this.podDisruptionBudget = resolved.replicas > 1 ? add("pod-disruption-budget.yaml", podDisruptionBudgetObject(resolved)) : undefined;
    this.kustomization = file("kustomization.yaml", kustomizationObject(resolved, files));
  }
}

function resolveProps(p: KubernetesManifestsProps, folder: string): ResolvedManifestProps {
  const problems = new Problems("KubernetesManifests");
  if (!DNS_LABEL.test(p.name ?? "")) {
    problems.add("name", p.name, "must be a DNS label: lowercase letters, digits and '-', starting with a letter, at most 63 characters", '"hello"');
  }
  if (!REPOSITORY.test(p.imageRepository ?? "")) {
    problems.add("imageRepository", p.imageRepository, "must be a lowercase image repository without tag or digest", '"ghcr.io/acme/hello"');
  }
  if (p.imageTag !== undefined && !TAG.test(p.imageTag)) problems.add("imageTag", p.imageTag, "must be an image tag", '"1.2.3"');
  if (p.imageDigest !== undefined && !DIGEST.test(p.imageDigest)) problems.add("imageDigest", p.imageDigest, "must be a sha256 digest", '"sha256:<64 hex digits>"');
  if (!isPort(p.containerPort)) problems.add("containerPort", p.containerPort, "must be a port from 1 to 65535", "8080");
  if (p.servicePort !== undefined && !isPort(p.servicePort)) problems.add("servicePort", p.servicePort, "must be a port from 1 to 65535", "80");
  const replicas = p.replicas ?? 2;
  if (!Number.isInteger(replicas) || replicas < 0) problems.add("replicas", p.replicas, "must be an integer of at least 0", "2");
  const { uid, gid } = p.user ?? ({} as KubernetesUser);
  if (!Number.isInteger(uid) || uid < 1) problems.add("user.uid", uid, "must be a non-root user id (an integer of at least 1; runAsNonRoot)", "65532");
  if (!Number.isInteger(gid) || gid < 0) problems.add("user.gid", gid, "must be a group id (an integer of at least 0)", "65532");
  validateProbe(problems, "liveness", p.liveness, '"/healthz"');
  validateProbe(problems, "readiness", p.readiness, '"/readyz"');
  const namespace = p.namespace ?? p.name;
  if (p.namespace !== undefined && !DNS_LABEL.test(p.namespace)) problems.add("namespace", p.namespace, "must be a DNS label", '"hello"');
  if (p.namespace === "default") problems.add("namespace", p.namespace, "must not be the default namespace (shared by everything)", '"hello"');
  for (const [key, value] of Object.entries(p.labels ?? {})) {
    if (!LABEL_KEY.test(key)) problems.add(`labels.${key}`, key, "must be a label key: [prefix/]name, name at most 63 characters", '"app.kubernetes.io/part-of"');
    if (typeof value !== "string" || !LABEL_VALUE.test(value)) problems.add(`labels.${key}`, value, "must be a label value: at most 63 letters, digits, '-', '_' or '.'", '"shop"');
    if (key === "app.kubernetes.io/name") problems.add(`labels.${key}`, value, "is set from name and selects the pods; it cannot be changed", "another key");
  }
  for (const [name, value] of Object.entries(p.environment ?? {})) {
    if (!ENV_NAME.test(name)) problems.add(`environment.${name}`, name, "must be a variable name (letters, digits, '_')", '"LOG_LEVEL"');
    if (RESERVED_ENV.includes(name)) problems.add(`environment.${name}`, name, "is set from the resource limits", "another name");
    if (typeof value !== "string") problems.add(`environment.${name}`, value, "must be a string", '"debug"');
  }
  const requests = { ...DEFAULT_REQUESTS, ...definedOnly(p.resources?.requests ?? {}) };
  const limits = { ...DEFAULT_LIMITS, ...definedOnly(p.resources?.limits ?? {}) };
  const given = (side: "requests" | "limits", key: "cpu" | "memory") => (p.resources?.[side]?.[key] !== undefined ? "" : " (default)");
  const cpu = { request: parseCpu(requests.cpu), limit: parseCpu(limits.cpu) };
  const mem = { request: parseMemory(requests.memory), limit: parseMemory(limits.memory) };
  if (cpu.request === undefined || cpu.request <= 0) problems.add("resources.requests.cpu", requests.cpu, "must be a positive CPU quantity", '"100m" or "1"');
  if (cpu.limit === undefined || cpu.limit <= 0) problems.add("resources.limits.cpu", limits.cpu, "must be a positive CPU quantity", '"500m" or "2"');
  if (mem.request === undefined || mem.request <= 0) problems.add("resources.requests.memory", requests.memory, "must be a positive memory quantity", '"64Mi" or "1Gi"');
  if (mem.limit === undefined || mem.limit < 32 * 2 ** 20) problems.add("resources.limits.memory", limits.memory, "must be a memory quantity of at least 32Mi", '"128Mi" or "1Gi"');
  if (cpu.request !== undefined && cpu.limit !== undefined && cpu.limit < cpu.request) {
    problems.add("resources.limits.cpu", limits.cpu, `is below resources.requests.cpu ${JSON.stringify(requests.cpu)}${given("requests", "cpu")}${given("limits", "cpu")}`, `"${requests.cpu}" or more`);
  }
  if (mem.request !== undefined && mem.limit !== undefined && mem.limit < mem.request) {
    problems.add("resources.limits.memory", limits.memory, `is below resources.requests.memory ${JSON.stringify(requests.memory)}${given("requests", "memory")}${given("limits", "memory")}`, `"${requests.memory}" or more`);
  }
  const outdir = folder.replace(/\/+$/, "");
  if (outdir === "" || outdir.startsWith("/") || outdir.split("/").includes("..")) {
    problems.add("outdir", folder, "must be a relative folder inside the project", '"deploy/kubernetes"');
  }
  problems.throwIfAny();
  return {
    name: p.name,
    namespace,
    createNamespace: p.createNamespace ?? true,
    image: p.imageRepository,
    tag: p.imageTag ?? "latest",
    digest: p.imageDigest,
    containerPort: p.containerPort,
    servicePort: p.servicePort ?? 80,
    liveness: p.liveness,
    readiness: p.readiness,
    user: { uid, gid },
    replicas,
    requests,
    limits,
    labels: p.labels ?? {},
    environment: p.environment ?? {},
    outdir,
  };
}

function validateProbe(problems: Problems, prop: string, probe: KubernetesProbe | undefined, example: string): void {
  if (!(probe instanceof KubernetesProbe)) {
    problems.add(prop, probe, "is required: a KubernetesProbe", `KubernetesProbe.httpGet(${example}), KubernetesProbe.exec([...]) or KubernetesProbe.none()`);
    return;
  }
  if (probe.kind === KubernetesProbeKind.HTTP_GET && !/^\/[^\s]*$/.test(probe.path ?? "")) {
    problems.add(`${prop}.path`, probe.path, "must start with / and contain no spaces", example);
  }
  if (probe.kind === KubernetesProbeKind.EXEC && (probe.command.length === 0 || probe.command.some((a) => typeof a !== "string" || a === ""))) {
    problems.add(`${prop}.command`, probe.command, "must be a non-empty list of non-empty strings", '["/usr/local/bin/hello", "healthcheck"]');
  }
  const minimum: { [key: string]: number } = { initialDelaySeconds: 0, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 1 };
  for (const [key, min] of Object.entries(minimum)) {
    const v = (probe.options as { [key: string]: unknown })[key];
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v >= min)) {
      problems.add(`${prop}.options.${key}`, v, `must be an integer of at least ${min}`, String(Math.max(min, 3)));
    }
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
