import type { Problems } from "../util/problems";
import { composeServiceName, kubernetesName } from "./names";
import type { GoServiceProjectOptions, KubernetesResourceQuantities } from "./options";
import { parseCpu, parseMemory } from "./quantity";
import type { ResolvedDeploy, ResolvedHealthCheck, ResolvedProbe, ResolvedQuantities } from "./resolved-config";

export const DEFAULT_REPLICAS = 2;
const DEFAULT_REQUESTS: ResolvedQuantities = { cpu: "100m", memory: "64Mi", ephemeralStorage: "64Mi" };
const DEFAULT_LIMITS: ResolvedQuantities = { cpu: "1", memory: "128Mi", ephemeralStorage: "128Mi" };
/** Below this, GOMEMLIMIT (a share of the limit) leaves the Go runtime too little. */
const MINIMUM_MEMORY_LIMIT = 32 * 2 ** 20;

/** Liveness and readiness: the starter code's /healthz and /readyz; otherwise the image's health check for both. */
function probes(health: ResolvedHealthCheck, starterCode: boolean): { liveness: ResolvedProbe; readiness: ResolvedProbe } {
  const probe = (starterPath: string): ResolvedProbe =>
    starterCode && health.kind === "subcommand"
      ? { kind: "httpGet", path: starterPath }
      : health.kind === "http"
        ? { kind: "httpGet", path: health.path!, ...(health.port !== undefined ? { port: health.port } : {}) }
        : health.command
          ? { kind: "exec", command: [...health.command] }
          : { kind: "none" };
  return { liveness: probe("/healthz"), readiness: probe("/readyz") };
}

function quantities(side: "requests" | "limits", raw: KubernetesResourceQuantities | undefined, defaults: ResolvedQuantities, problems: Problems): ResolvedQuantities {
  const out = { ...defaults };
  for (const key of ["cpu", "memory", "ephemeralStorage"] as const) {
    const value = raw?.[key];
    if (value === undefined) continue;
    const option = `kubernetesResources.${side}.${key}`;
    const parsed = typeof value !== "string" ? undefined : key === "cpu" ? parseCpu(value) : parseMemory(value);
    const example = key === "cpu" ? '"250m" or "1"' : '"128Mi" or "1Gi"';
    if (problems.add(option, value, parsed === undefined || parsed <= 0 ? `must be a positive ${key === "cpu" ? "CPU" : "memory"} quantity` : undefined, example)) out[key] = value;
  }
  return out;
}

/**
 * compose.yaml and the Kubernetes manifests: names mapped to each file's rules
 * from the binary name, replicas and resources checked (a limit never below its
 * request), probes from the image's health check.
 */
export function resolveDeploy(options: GoServiceProjectOptions, binaryName: string, health: ResolvedHealthCheck, starterCode: boolean, problems: Problems): ResolvedDeploy {
  const compose = options.compose ?? true;
  const kubernetes = options.kubernetes ?? false;
  const replicas = options.kubernetesReplicas ?? DEFAULT_REPLICAS;
  if (options.kubernetesReplicas !== undefined) {
    problems.add("kubernetesReplicas", replicas, Number.isInteger(replicas) && replicas >= 0 ? undefined : "must be an integer of at least 0", "2");
  }
  const raw = options.kubernetesResources;
  const requests = quantities("requests", raw?.requests, DEFAULT_REQUESTS, problems);
  const limits = quantities("limits", raw?.limits, DEFAULT_LIMITS, problems);
  const given = (side: "requests" | "limits", key: keyof ResolvedQuantities) => (raw?.[side]?.[key] !== undefined ? "" : " (default)");
  for (const key of ["cpu", "memory", "ephemeralStorage"] as const) {
    const parse = key === "cpu" ? parseCpu : parseMemory;
    const [request, limit] = [parse(requests[key]), parse(limits[key])];
    if (request !== undefined && limit !== undefined && limit < request) {
      problems.add(`kubernetesResources.limits.${key}`, limits[key], `is below kubernetesResources.requests.${key} ${JSON.stringify(requests[key])}${given("requests", key)}${given("limits", key)}`, `"${requests[key]}" or more`);
    }
  }
  const memoryLimit = parseMemory(limits.memory);
  if (memoryLimit !== undefined && memoryLimit < MINIMUM_MEMORY_LIMIT) problems.add("kubernetesResources.limits.memory", limits.memory, "must be at least 32Mi (GOMEMLIMIT is a share of it)", '"128Mi"');
  return {
    ...(compose ? { compose: { serviceName: composeServiceName(binaryName) } } : {}),
    ...(kubernetes ? { kubernetes: { name: kubernetesName(binaryName), replicas, requests, limits, ...probes(health, starterCode) } } : {}),
  };
}
