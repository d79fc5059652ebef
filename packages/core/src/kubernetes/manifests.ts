import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { Project } from "projen/lib/project";
import { YamlFile } from "projen/lib/yaml";
import type { KubernetesResources } from "../config/options";
import { definedOnly } from "../util/defined-only";
import { deploymentObject, kustomizationObject, namespaceObject, networkPolicyObject, playPodObject, podDisruptionBudgetObject, ResolvedManifestProps, serviceObject } from "./objects";
import type { KubernetesProbe } from "./probe";

/** The numeric user the container runs as. */
export interface KubernetesUser {
  /** User id, not 0 (runAsNonRoot). */
  readonly uid: number;
  /** Group id. */
  readonly gid: number;
}

/** The facts of the podman kube play rendering (kube-play.yaml) that differ from a cluster's. */
export interface KubernetesPlayOptions {
  /**
   * Tag of the locally built image it runs, never pulled (`make kube-play` builds it).
   * @default "dev" (the tag compose.yaml builds)
   */
  readonly imageTag?: string;
  /**
   * Port published on 127.0.0.1 (a hostPort: podman kube play publishes nothing else).
   * @default - the container port
   */
  readonly hostPort?: number;
  /**
   * The image's own health check in exec form, e.g. ["/usr/local/bin/hello", "healthcheck"],
   * as the pod's liveness probe. podman runs probes inside the container, through
   * /bin/sh (podman 4.3) and an httpGet one with curl: give it only for an image
   * with a shell (alpine), else the probe fails and podman restarts the container.
   * @default - no probe
   */
  readonly healthCheck?: string[];
}

/** The facts the Kubernetes manifests need about the service and its image. */
export interface KubernetesManifestsProps {
  /** Folder of the manifests, relative to the project. @default "deploy/kubernetes" */
  readonly outdir?: string;
  /** Name of the Deployment, Service and container (a DNS label), e.g. "hello". */
  readonly name: string;
  /** Image repository without tag, e.g. "ghcr.io/acme/hello". */
  readonly imageRepository: string;
  /**
   * Image tag, written in the Deployment and in kustomization.yaml's `images:`.
   * A release sets the released one (with its digest) in its kubernetes.yaml asset;
   * elsewhere change it with `kustomize edit set image`.
   * @default "dev" (never pushed: a deploy names the release's)
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
   * CPU, memory and ephemeral storage requests and limits (GOMEMLIMIT is 90% of limits.memory).
   * @default - requests 100m / 64Mi / 64Mi, limits 1 / 128Mi / 128Mi
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
  /**
   * The podman kube play rendering.
   * @default - the `dev` image on 127.0.0.1:<container port>, no probe
   */
  readonly play?: KubernetesPlayOptions;
}

const DEFAULT_REQUESTS = { cpu: "100m", memory: "64Mi", ephemeralStorage: "64Mi" };
const DEFAULT_LIMITS = { cpu: "1", memory: "128Mi", ephemeralStorage: "128Mi" };

/**
 * Kubernetes manifests of the service, opt-in, in a folder of their own
 * (default deploy/kubernetes/): Deployment, Service, NetworkPolicy (ingress to
 * the container port only), a PodDisruptionBudget when replicas > 1, the
 * Namespace, and kustomization.yaml listing them and holding the image tag.
 * `kubectl apply -k deploy/kubernetes`. Beside them kube-play.yaml, the same
 * pod for `podman kube play` on this machine (not listed in kustomization.yaml:
 * see docs/kubernetes.md). Every file is a projen YamlFile: change anything
 * with `addOverride`.
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
  /** kube-play.yaml: the pod for `podman kube play` (make kube-play). */
  public readonly play: YamlFile;
  /** Tag of the local image kube-play.yaml runs. */
  public readonly playImageTag: string;

  public constructor(scope: IConstruct, id: string, props: KubernetesManifestsProps) {
    super(scope, id);
    const resolved = withDefaults(props);
    this.outdir = resolved.outdir;
    const file = (name: string, obj: unknown) => new YamlFile(this, `${resolved.outdir}/${name}`, { obj, readonly: true, marker: true });
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
    this.play = file("kube-play.yaml", playPodObject(resolved));
    this.playImageTag = resolved.play.tag;
  }
}

/** The props with their defaults: they come valid from the project's config (resolve-deploy.ts). */
function withDefaults(p: KubernetesManifestsProps): ResolvedManifestProps {
  return {
    name: p.name,
    namespace: p.namespace ?? p.name,
    createNamespace: p.createNamespace ?? true,
    image: p.imageRepository,
    tag: p.imageTag ?? "dev",
    digest: p.imageDigest,
    containerPort: p.containerPort,
    servicePort: p.servicePort ?? 80,
    liveness: p.liveness,
    readiness: p.readiness,
    user: { uid: p.user.uid, gid: p.user.gid },
    replicas: p.replicas ?? 2,
    requests: { ...DEFAULT_REQUESTS, ...definedOnly(p.resources?.requests ?? {}) },
    limits: { ...DEFAULT_LIMITS, ...definedOnly(p.resources?.limits ?? {}) },
    labels: p.labels ?? {},
    environment: p.environment ?? {},
    outdir: (p.outdir ?? "deploy/kubernetes").replace(/\/+$/, ""),
    play: { tag: p.play?.imageTag ?? "dev", hostPort: p.play?.hostPort ?? p.containerPort, healthCheck: p.play?.healthCheck },
  };
}
