/** How the image checks that the service is healthy. */
export enum HealthCheckKind {
  /** The binary checks itself: `<binary> healthcheck` (gosynth's starter code has this subcommand). */
  SUBCOMMAND = "subcommand",
  /** A tiny probe binary GETs a path on the service port (no shell needed: works on distroless and scratch). */
  HTTP = "http",
  /** No HEALTHCHECK: the orchestrator's probes decide. */
  NONE = "none",
}

/**
 * The image's health check. An adopted binary rarely has gosynth's
 * `healthcheck` subcommand: a HEALTHCHECK it cannot answer would keep its
 * container unhealthy forever, so pick what the binary supports.
 */
export class HealthCheck {
  /** The binary's own subcommand or flag, e.g. ["healthcheck"] (gosynth's starter code) or ["-healthcheck"]. */
  public static subcommand(args: string[] = ["healthcheck"]): HealthCheck {
    return new HealthCheck(HealthCheckKind.SUBCOMMAND, undefined, args);
  }

  /**
   * HTTP GET of a path by gosynth's probe binary; healthy on a 2xx or 3xx answer.
   * @param port the port that serves it, when not the service's (a monitoring port) @default - the service port
   */
  public static http(path: string, port?: number): HealthCheck {
    return new HealthCheck(HealthCheckKind.HTTP, path, undefined, port);
  }

  /** No health check in the image. */
  public static none(): HealthCheck {
    return new HealthCheck(HealthCheckKind.NONE, undefined, undefined);
  }

  public readonly kind: HealthCheckKind;
  /** The path an HTTP check GETs. */
  public readonly path?: string;
  /** The subcommand's arguments. */
  public readonly args?: string[];
  /** The port an HTTP check GETs, when not the service's. */
  public readonly port?: number;

  private constructor(kind: HealthCheckKind, path: string | undefined, args: string[] | undefined, port?: number) {
    this.kind = kind;
    this.path = path;
    this.args = args ? [...args] : undefined;
    this.port = port;
    Object.freeze(this);
  }
}
