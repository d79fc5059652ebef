import { KubernetesProbe, KubernetesProbeKind } from "./probe";

/** KubernetesManifestsProps after validation and defaults (internal). */
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
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
  readonly labels: { [key: string]: string };
  readonly environment: { [name: string]: string };
  readonly outdir: string;
}

type Obj = Record<string, unknown>;
const PORT_NAME = "http";

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
 * checkov skips for what cannot hold at synthesis, each with its reason
 * (checkov splits on "=", so a reason has none).
 */
function checkovSkips(p: ResolvedManifestProps): Obj {
  const skips: string[] = [];
  if (p.liveness.kind === KubernetesProbeKind.NONE) skips.push("CKV_K8S_8=no liveness probe: the liveness prop is KubernetesProbe.none()");
  if (p.readiness.kind === KubernetesProbeKind.NONE) skips.push("CKV_K8S_9=no readiness probe: the readiness prop is KubernetesProbe.none()");
  if (p.tag === "latest" && !p.digest) skips.push("CKV_K8S_14=the release tag is unknown at synthesis: set it in kustomization.yaml images (kustomize edit set image)");
  if (!p.digest) skips.push("CKV_K8S_43=the image digest is unknown at synthesis: pin it in kustomization.yaml images (kustomize edit set image)");
  return Object.fromEntries(skips.map((s, i) => [`checkov.io/skip${i + 1}`, s]));
}

function probe(p: KubernetesProbe): Obj | undefined {
  const timing = {
    ...(p.options.initialDelaySeconds !== undefined ? { initialDelaySeconds: p.options.initialDelaySeconds } : {}),
    periodSeconds: p.options.periodSeconds ?? 10,
    timeoutSeconds: p.options.timeoutSeconds ?? 3,
    failureThreshold: p.options.failureThreshold ?? 3,
  };
  switch (p.kind) {
    case KubernetesProbeKind.HTTP_GET:
      return { httpGet: { path: p.path, port: PORT_NAME }, ...timing };
    case KubernetesProbeKind.EXEC:
      return { exec: { command: p.command }, ...timing };
    default:
      return undefined;
  }
}

/**
 * GOMAXPROCS and GOMEMLIMIT from the container's own limits (downward API), so
 * they follow a limit changed later by an overlay or a VPA.
 * - GOMAXPROCS: limits.cpu with divisor 1 rounds up to whole CPUs (500m -> 1),
 *   so the Go scheduler does not run more threads than the CPU quota serves.
 * - GOMEMLIMIT: the downward API cannot compute, but a divisor can: limits.memory
 *   with divisor 1Mi gives the limit in MiB (rounded up), and writing that number
 *   followed by six zeros reads it as millions of bytes: 10^6 / 2^20 = 95.4% of
 *   the limit. The GC then works harder before the kernel's OOM killer acts, with
 *   ~4.6% left for what the GC does not govern (stacks, runtime, cgo). A limit of
 *   at least 32Mi keeps the rounding inside that margin.
 */
function goRuntimeEnv(p: ResolvedManifestProps): Obj[] {
  const field = (resource: string, divisor: string) => ({ resourceFieldRef: { containerName: p.name, resource, divisor } });
  return [
    { name: "GOMAXPROCS", valueFrom: field("limits.cpu", "1") },
    { name: "MEMORY_LIMIT_MIB", valueFrom: field("limits.memory", "1Mi") },
    { name: "GOMEMLIMIT", value: "$(MEMORY_LIMIT_MIB)000000" },
  ];
}

export function deploymentObject(p: ResolvedManifestProps): Obj {
  const image = `${p.image}:${p.tag}${p.digest ? `@${p.digest}` : ""}`;
  const runAs = { runAsNonRoot: true, runAsUser: p.user.uid, runAsGroup: p.user.gid };
  const seccomp = { seccompProfile: { type: "RuntimeDefault" } };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(p, checkovSkips(p)),
    spec: {
      replicas: p.replicas,
      selector: { matchLabels: selector(p) },
      // Start a new pod before stopping an old one: no capacity dip during a rollout.
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { ...selector(p), ...p.labels } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { ...runAs, ...seccomp },
          containers: [
            {
              name: p.name,
              image,
              imagePullPolicy: "Always",
              ports: [{ name: PORT_NAME, containerPort: p.containerPort, protocol: "TCP" }],
              env: [...goRuntimeEnv(p), ...Object.entries(p.environment).map(([name, value]) => ({ name, value }))],
              livenessProbe: probe(p.liveness),
              readinessProbe: probe(p.readiness),
              resources: { requests: { ...p.requests }, limits: { ...p.limits } },
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
          // The root filesystem is read-only: /tmp is the one writable place.
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
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
    // The home of the image tag: `kustomize edit set image <repository>:<tag>` (or @sha256:...) at deploy time.
    images: [{ name: p.image, newTag: p.tag, ...(p.digest ? { digest: p.digest } : {}) }],
  };
}
