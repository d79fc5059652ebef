/** Timing of a Kubernetes probe, and the port of an HTTP one. */
export interface KubernetesProbeOptions {
  /**
   * The port an httpGet probe GETs, when not the container's (a monitoring port).
   * @default - the container port
   */
  readonly port?: number;
  /**
   * Seconds after the container starts before the first probe.
   * @default 0 (probes start at once; a failed readiness probe only keeps traffic away)
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds one probe may take.
   * @default 3
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures before the probe fails.
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** What a probe does. */
export enum KubernetesProbeKind {
  /** HTTP GET of a path on the container port. */
  HTTP_GET = "httpGet",
  /** A command run in the container. */
  EXEC = "exec",
  /** No probe. */
  NONE = "none",
}

/** A liveness or readiness probe. */
export class KubernetesProbe {
  /** HTTP GET `path` on the container's port (or `options.port`); healthy on 2xx/3xx. */
  public static httpGet(path: string, options: KubernetesProbeOptions = {}): KubernetesProbe {
    return new KubernetesProbe(KubernetesProbeKind.HTTP_GET, path, [], options);
  }

  /** Run `command` in the container (exec form); healthy on exit code 0. */
  public static exec(command: string[], options: KubernetesProbeOptions = {}): KubernetesProbe {
    return new KubernetesProbe(KubernetesProbeKind.EXEC, undefined, [...command], options);
  }

  /** No probe. The Deployment then carries a checkov skip annotation saying so. */
  public static none(): KubernetesProbe {
    return new KubernetesProbe(KubernetesProbeKind.NONE, undefined, [], {});
  }

  /** What the probe does. */
  public readonly kind: KubernetesProbeKind;
  /** Path of an HTTP GET probe. */
  public readonly path?: string;
  /** Command of an exec probe (empty otherwise). */
  public readonly command: string[];
  /** Timing as given. */
  public readonly options: KubernetesProbeOptions;

  private constructor(kind: KubernetesProbeKind, path: string | undefined, command: string[], options: KubernetesProbeOptions) {
    this.kind = kind;
    this.path = path;
    this.command = command;
    this.options = options;
  }
}
