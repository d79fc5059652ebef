import { parseMemory } from "../config/quantity";
import type { ResolvedQuantities } from "../config/resolved-config";
import { KubernetesProbe, KubernetesProbeKind } from "./probe";

/** KubernetesManifestsProps after defaults (internal). */
export interface ResolvedManifestProps {
  readonly name: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly image: string;
  readonly tag: string;
  readonly digest?: string;
  readonly containerPort: number;
  readonly servicePort: number;
  readonly liveness: KubernetesProbe;
  readonly readiness: KubernetesProbe;
  readonly user: { readonly uid: number; readonly gid: number };
  readonly replicas: number;
  readonly requests: ResolvedQuantities;
  readonly limits: ResolvedQuantities;
  readonly labels: { [key: string]: string };
  readonly environment: { [name: string]: string };
  readonly outdir: string;
  /** The podman kube play rendering. */
  readonly play: {
    readonly tag: string;
    readonly hostPort: number;
    /** The image's own health check (exec form), when podman can run it. */
    readonly healthCheck?: string[];
  };
}

type Obj = Record<string, unknown>;
const PORT_NAME = "http";
/** GOMEMLIMIT's share of limits.memory: the rest is for what the GC does not govern (stacks, runtime, cgo). */
const GO_MEMORY_SHARE = 0.9;

function without(o: Obj, ...keys: string[]): Obj {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function selector(p: ResolvedManifestProps): Obj {
  return { "app.kubernetes.io/name": p.name };
}

function metadata(p: ResolvedManifestProps, annotations: Obj = {}): Obj {
  return {
    name: p.name,
    namespace: p.namespace,
    labels: { ...selector(p), ...p.labels },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

/**
 * checkov skips as annotations. checkov splits on "=", so a reason has none;
 * podman 4.3 refuses an annotation value longer than 63 characters.
 */
function checkovSkips(skips: string[]): Obj {
  return Object.fromEntries(skips.map((s, i) => [`checkov.io/skip${i + 1}`, s]));
}

/** checkov skips of the Deployment: what cannot hold at synthesis, each with its reason. */
function deploymentSkips(p: ResolvedManifestProps): string[] {
  const skips: string[] = [];
  if (p.liveness.kind === KubernetesProbeKind.NONE) skips.push("CKV_K8S_8=the liveness prop is KubernetesProbe.none()");
  if (p.readiness.kind === KubernetesProbeKind.NONE) skips.push("CKV_K8S_9=the readiness prop is KubernetesProbe.none()");
  if (!p.digest) skips.push("CKV_K8S_43=a release pins the digest (its kubernetes.yaml)");
  return skips;
}

/** What kube-score and checkov ask of a cluster's pod that the play rendering, run on this machine, does otherwise. */
const PLAY_KUBE_SCORE_IGNORE = ["container-image-pull-policy", "pod-networkpolicy", "pod-probes"].join(",");
function playSkips(liveness: KubernetesProbe): string[] {
  return [
    "CKV_K8S_15=the local image: a pull would fetch another",
    "CKV_K8S_43=the local image has no registry digest",
    "CKV_K8S_26=podman kube play publishes only hostPorts",
    ...(liveness.kind === KubernetesProbeKind.NONE ? ["CKV_K8S_8=podman probes through /bin/sh: the image has none"] : []),
    "CKV_K8S_9=podman kube play ignores readiness probes",
  ];
}

function probe(p: KubernetesProbe, containerPort: number): Obj | undefined {
  const timing = {
    ...(p.options.initialDelaySeconds !== undefined ? { initialDelaySeconds: p.options.initialDelaySeconds } : {}),
    periodSeconds: p.options.periodSeconds ?? 10,
    timeoutSeconds: p.options.timeoutSeconds ?? 3,
    failureThreshold: p.options.failureThreshold ?? 3,
  };
  switch (p.kind) {
    case KubernetesProbeKind.HTTP_GET:
      // By number: podman kube play resolves no port name (it probes port 0).
      return { httpGet: { path: p.path, port: p.options.port ?? containerPort }, ...timing };
    case KubernetesProbeKind.EXEC:
      return { exec: { command: p.command }, ...timing };
    default:
      return undefined;
  }
}

/**
 * GOMEMLIMIT as a literal, 90% of limits.memory in MiB ("128Mi" -> "115MiB"):
 * the GC works harder before the kernel's OOM killer acts. A literal because
 * the downward API cannot compute a share and podman kube play expands no
 * `$(VAR)`; an overlay that changes limits.memory changes this value too.
 */
function goMemoryLimit(limitsMemory: string): string {
  const bytes = parseMemory(limitsMemory);
  if (bytes === undefined) throw new Error(`KubernetesManifests: limits.memory "${limitsMemory}" is not a memory quantity (e.g. "128Mi")`);
  return `${Math.floor((bytes * GO_MEMORY_SHARE) / 2 ** 20)}MiB`;
}

/** GOMAXPROCS from limits.cpu (downward API, divisor 1 rounds up to whole CPUs: 500m -> 1), so it follows a changed limit; GOMEMLIMIT from limits.memory. */
function goRuntimeEnv(p: ResolvedManifestProps): Obj[] {
  return [
    { name: "GOMAXPROCS", valueFrom: { resourceFieldRef: { containerName: p.name, resource: "limits.cpu", divisor: "1" } } },
    { name: "GOMEMLIMIT", value: goMemoryLimit(p.limits.memory) },
  ];
}

/** Kubernetes spells the resource names its own way. */
function resourceList(q: ResolvedQuantities): Obj {
  return { cpu: q.cpu, memory: q.memory, "ephemeral-storage": q.ephemeralStorage };
}

/**
 * Spread the replicas over nodes and zones (a preference: a small cluster
 * still schedules them all); pod-template-hash counts each rollout's pods apart.
 */
function topologySpread(p: ResolvedManifestProps): Obj[] {
  return ["kubernetes.io/hostname", "topology.kubernetes.io/zone"].map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: selector(p) },
    matchLabelKeys: ["pod-template-hash"],
  }));
}

/** The pod of the Deployment, as a cluster runs it. */
function podSpec(p: ResolvedManifestProps): Obj {
  const runAs = { runAsNonRoot: true, runAsUser: p.user.uid, runAsGroup: p.user.gid };
  const seccomp = { seccompProfile: { type: "RuntimeDefault" } };
  return {
    automountServiceAccountToken: false,
    securityContext: { ...runAs, ...seccomp },
    ...(p.replicas > 1 ? { topologySpreadConstraints: topologySpread(p) } : {}),
    containers: [
      {
        name: p.name,
        image: `${p.image}:${p.tag}${p.digest ? `@${p.digest}` : ""}`,
        imagePullPolicy: "Always",
        ports: [{ name: PORT_NAME, containerPort: p.containerPort, protocol: "TCP" }],
        env: [...goRuntimeEnv(p), ...Object.entries(p.environment).map(([name, value]) => ({ name, value }))],
        livenessProbe: probe(p.liveness, p.containerPort),
        readinessProbe: probe(p.readiness, p.containerPort),
        resources: { requests: resourceList(p.requests), limits: resourceList(p.limits) },
        securityContext: {
          ...runAs,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: ["ALL"] },
          ...seccomp,
        },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
      },
    ],
    // The root filesystem is read-only: /tmp is the one writable place. It may
    // fill what the pod reserves; the limit leaves the rest for the logs.
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: p.requests.ephemeralStorage } }],
  };
}

export function deploymentObject(p: ResolvedManifestProps): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(p, checkovSkips(deploymentSkips(p))),
    spec: {
      replicas: p.replicas,
      selector: { matchLabels: selector(p) },
      // Start a new pod before stopping an old one: no capacity dip during a rollout.
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { ...selector(p), ...p.labels } },
        spec: podSpec(p),
      },
    },
  };
}

/**
 * The Deployment's pod for `podman kube play` on this machine, with what
 * podman needs changed: the locally built image, never pulled; the port
 * published on 127.0.0.1 (podman publishes hostPort only); one pod, so no
 * spread; as liveness probe the image's own health check, when podman can
 * run it (it runs probes through /bin/sh, and an httpGet probe with curl);
 * no readiness probe (podman ignores it). Limits, user and hardening stay.
 */
export function playPodObject(p: ResolvedManifestProps): Obj {
  const pod = podSpec(p);
  const [container] = pod.containers as Obj[];
  const liveness = p.play.healthCheck ? KubernetesProbe.exec(p.play.healthCheck, p.liveness.options) : KubernetesProbe.none();
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: metadata(p, { "kube-score/ignore": PLAY_KUBE_SCORE_IGNORE, ...checkovSkips(playSkips(liveness)) }),
    spec: {
      ...without(pod, "topologySpreadConstraints"),
      restartPolicy: "Always",
      containers: [
        {
          ...without(container, "livenessProbe", "readinessProbe"),
          image: `${p.image}:${p.play.tag}`,
          imagePullPolicy: "Never",
          ports: [{ name: PORT_NAME, containerPort: p.containerPort, hostPort: p.play.hostPort, hostIP: "127.0.0.1", protocol: "TCP" }],
          livenessProbe: probe(liveness, p.containerPort),
        },
      ],
    },
  };
}

export function serviceObject(p: ResolvedManifestProps): Obj {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(p),
    spec: {
      type: "ClusterIP",
      selector: selector(p),
      ports: [{ name: PORT_NAME, port: p.servicePort, targetPort: PORT_NAME, protocol: "TCP" }],
    },
  };
}

export function networkPolicyObject(p: ResolvedManifestProps): Obj {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: metadata(p),
    spec: {
      podSelector: { matchLabels: selector(p) },
      // Ingress only: traffic to the container port is allowed, anything else
      // in is denied. Egress is not restricted (databases, APIs).
      policyTypes: ["Ingress"],
      ingress: [{ ports: [{ port: p.containerPort, protocol: "TCP" }] }],
    },
  };
}

export function podDisruptionBudgetObject(p: ResolvedManifestProps): Obj {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: metadata(p),
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: selector(p) },
      // Unhealthy pods may always be evicted: a broken rollout never blocks a node drain.
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  };
}

export function namespaceObject(p: ResolvedManifestProps): Obj {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: p.namespace,
      // The pods meet Pod Security "restricted": enforce it for everything in the namespace.
      labels: { ...p.labels, "pod-security.kubernetes.io/enforce": "restricted" },
    },
  };
}

export function kustomizationObject(p: ResolvedManifestProps, resources: string[]): Obj {
  return {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources,
    // The home of the image reference: the release sets it (kubernetes.yaml), or `kustomize edit set image <repository>:<tag>@sha256:...`.
    images: [{ name: p.image, newTag: p.tag, ...(p.digest ? { digest: p.digest } : {}) }],
  };
}
