/** Timing of a compose healthcheck (Go duration strings, as compose writes them). */
export interface ComposeHealthcheckOptions {
  /**
   * Time between two checks.
   * @default "10s" (shorter than the image's 30s: `depends_on: service_healthy` waits less)
   */
  readonly interval?: string;
  /**
   * Time one check may take.
   * @default "3s"
   */
  readonly timeout?: string;
  /**
   * Grace period after start during which failures do not count.
   * @default "5s"
   */
  readonly startPeriod?: string;
  /**
   * Consecutive failures before the container is unhealthy.
   * @default 3
   */
  readonly retries?: number;
}

/** What a healthcheck runs; internal to the compose module. */
export enum ComposeHealthcheckKind {
  EXEC = "exec",
  SHELL = "shell",
  HTTP = "http",
  NONE = "none",
}

/**
 * A container healthcheck for compose.yaml. Compose can only run a command in
 * the container, so an HTTP path is checked by a probe command that the image
 * ships (gosynth's binary: `<binary> healthcheck`, the image's own HEALTHCHECK).
 */
export class ComposeHealthcheck {
  /** Run `command` in exec form: `test: ["CMD", ...command]` (no shell needed in the image). */
  public static exec(command: string[], options: ComposeHealthcheckOptions = {}): ComposeHealthcheck {
    return new ComposeHealthcheck(ComposeHealthcheckKind.EXEC, [...command], undefined, options);
  }

  /** Run `command` with the image's shell: `test: ["CMD-SHELL", command]` (e.g. postgres' `pg_isready -U postgres`). */
  public static shell(command: string, options: ComposeHealthcheckOptions = {}): ComposeHealthcheck {
    return new ComposeHealthcheck(ComposeHealthcheckKind.SHELL, [command], undefined, options);
  }

  /**
   * An HTTP GET of `path` done inside the container by `probeCommand` (exec
   * form): the same command as the image's HEALTHCHECK, e.g.
   * `["/usr/local/bin/hello", "healthcheck"]`, which GETs /healthz.
   */
  public static httpGet(path: string, probeCommand: string[], options: ComposeHealthcheckOptions = {}): ComposeHealthcheck {
    return new ComposeHealthcheck(ComposeHealthcheckKind.HTTP, [...probeCommand], path, options);
  }

  /** No healthcheck: `disable: true` when the image declares one, otherwise nothing is written. */
  public static none(): ComposeHealthcheck {
    return new ComposeHealthcheck(ComposeHealthcheckKind.NONE, [], undefined, {});
  }

  /** Which kind of check this is. */
  public readonly kind: ComposeHealthcheckKind;
  /** The command run in the container (empty for none). */
  public readonly command: string[];
  /** The HTTP path the probe command checks (httpGet only). */
  public readonly path?: string;
  /** Timing options as given. */
  public readonly options: ComposeHealthcheckOptions;

  private constructor(kind: ComposeHealthcheckKind, command: string[], path: string | undefined, options: ComposeHealthcheckOptions) {
    this.kind = kind;
    this.command = command;
    this.path = path;
    this.options = options;
  }

  /** True unless this is `none()`. */
  public get enabled(): boolean {
    return this.kind !== ComposeHealthcheckKind.NONE;
  }
}
