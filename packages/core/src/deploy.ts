import type { Project } from "projen";
import { ComposeFile } from "./compose/compose-file";
import { ComposeHealthcheck } from "./compose/healthcheck";
import { InvalidPropsError } from "./compose/problems";
import { BUILD_ARGS } from "./build/build-args";
import { ConfigProblem, GoSynthConfigError } from "./config/errors";
import { HealthCheckKind } from "./config/health-check";
import type { ResolvedGoServiceConfig } from "./config/resolved-config";
import { healthcheckCommand } from "./dockerfile/service-stages";
import { KubernetesManifests } from "./kubernetes/manifests";
import { KubernetesProbe } from "./kubernetes/probe";

/** The image's health check command: the one the Dockerfile's HEALTHCHECK runs. */
function imageHealthcheck(config: ResolvedGoServiceConfig): string[] | undefined {
  return healthcheckCommand(config.image.healthCheck, config.goBuild.binaryName, config.image.port);
}

/** A Kubernetes object name (a DNS label) for a binary name: "api_v2" -> "api-v2". */
export function kubernetesName(binaryName: string): string {
  const label = binaryName.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "").slice(0, 63).replace(/-+$/, "");
  return label || "service";
}

/** compose.yaml from the image's facts: the same build args, port, user and health check. */
export function composeFile(project: Project, config: ResolvedGoServiceConfig): ComposeFile {
  const command = imageHealthcheck(config);
  return new ComposeFile(project, "compose.yaml", {
    serviceName: config.goBuild.binaryName,
    imageRepository: config.image.repository,
    containerPort: config.image.port,
    user: { uid: config.image.runtime.user.uid, gid: config.image.runtime.user.gid },
    healthcheck: command ? ComposeHealthcheck.exec(command) : ComposeHealthcheck.none(),
    imageHasHealthcheck: command !== undefined,
    buildArgs: Object.fromEntries(BUILD_ARGS.map((arg) => [arg.name, arg.fallback])),
  });
}

/**
 * The Kubernetes manifests from the image's facts. Probes: the starter code's
 * /healthz and /readyz; otherwise the image's health check for both.
 */
export function kubernetesManifests(project: Project, config: ResolvedGoServiceConfig): KubernetesManifests {
  const { healthCheck } = config.image;
  const { kubernetesReplicas: replicas, kubernetesResources: resources } = config.deploy;
  const command = imageHealthcheck(config);
  const probe = (starterPath: string) =>
    config.starterCode && healthCheck.kind === HealthCheckKind.SUBCOMMAND
      ? KubernetesProbe.httpGet(starterPath)
      : healthCheck.kind === HealthCheckKind.HTTP
        ? KubernetesProbe.httpGet(healthCheck.path!)
        : command
          ? KubernetesProbe.exec(command)
          : KubernetesProbe.none();
  try {
    return new KubernetesManifests(project, "deploy/kubernetes", {
      name: kubernetesName(config.goBuild.binaryName),
      imageRepository: config.image.repository,
      containerPort: config.image.port,
      user: { uid: config.image.runtime.user.uid, gid: config.image.runtime.user.gid },
      liveness: probe("/healthz"),
      readiness: probe("/readyz"),
      ...(replicas !== undefined ? { replicas } : {}),
      ...(resources !== undefined ? { resources } : {}),
    });
  } catch (e) {
    if (!(e instanceof InvalidPropsError)) throw e;
    // The user's options, named as they wrote them.
    const option = (prop: string) => (prop === "replicas" ? "kubernetesReplicas" : prop.startsWith("resources") ? `kubernetesResources${prop.slice("resources".length)}` : `kubernetes (${prop})`);
    throw new GoSynthConfigError(e.problems.map((p): ConfigProblem => ({ option: option(p.prop), value: p.value, problem: p.problem, example: p.example })));
  }
}
