/** Options every instruction takes. */
export interface InstructionOptions {
  /** Stable id for insertBefore/insertAfter/remove, e.g. "build.download". */
  readonly id?: string;
  /** Why this line exists; rendered as a comment above it when comments are on. */
  readonly comment?: string;
}

/** Options of RUN. */
export interface RunOptions extends InstructionOptions {
  /** BuildKit mounts, e.g. "type=cache,target=/go/pkg/mod". */
  readonly mounts?: string[];
}

/** Options of COPY. */
export interface CopyOptions extends InstructionOptions {
  /** Stage or image to copy from. */
  readonly from?: string;
  /** Owner of the copied files, "user:group". */
  readonly chown?: string;
}

/** Options of HEALTHCHECK. */
export interface HealthcheckOptions extends InstructionOptions {
  readonly interval?: string;
  readonly timeout?: string;
  readonly startPeriod?: string;
  readonly retries?: number;
}

/** Options of FROM. */
export interface FromOptions extends InstructionOptions {
  /** --platform, e.g. "$BUILDPLATFORM". */
  readonly platform?: string;
}

const CONTINUATION = " \\\n    ";

function quoteJson(args: string[]): string {
  return `[${args.map((a) => JSON.stringify(a)).join(", ")}]`;
}

function renderPairs(pairs: { [key: string]: string }, quote: boolean): string {
  return Object.entries(pairs)
    .map(([k, v]) => `${k}=${quote ? JSON.stringify(v) : v}`)
    .join(CONTINUATION);
}

/**
 * One Dockerfile instruction: a keyword, its rendered arguments, an optional id
 * to find it by and an optional comment that says why it is there.
 */
export class Instruction {
  /** FROM image [AS name]. */
  public static from(image: string, stageName?: string, options: FromOptions = {}): Instruction {
    const platform = options.platform ? `--platform=${options.platform} ` : "";
    return new Instruction("FROM", `${platform}${image}${stageName ? ` AS ${stageName}` : ""}`, options);
  }

  /** RUN with BuildKit mounts; each command line is rendered on its own continued line. */
  public static run(commandLines: string[], options: RunOptions = {}): Instruction {
    const mounts = (options.mounts ?? []).map((m) => `--mount=${m}`);
    return new Instruction("RUN", [...mounts, ...commandLines].join(CONTINUATION), options);
  }

  /** COPY sources to a destination. */
  public static copy(sources: string[], destination: string, options: CopyOptions = {}): Instruction {
    const flags = [options.from ? `--from=${options.from}` : "", options.chown ? `--chown=${options.chown}` : ""].filter(Boolean);
    return new Instruction("COPY", [...flags, ...sources, destination].join(" "), options);
  }

  /** ARG name[=default]. */
  public static arg(name: string, defaultValue?: string, options: InstructionOptions = {}): Instruction {
    return new Instruction("ARG", defaultValue === undefined ? name : `${name}=${defaultValue}`, options);
  }

  /** ENV key=value pairs. */
  public static env(variables: { [key: string]: string }, options: InstructionOptions = {}): Instruction {
    return new Instruction("ENV", renderPairs(variables, false), options);
  }

  /** LABEL key="value" pairs. */
  public static label(labels: { [key: string]: string }, options: InstructionOptions = {}): Instruction {
    return new Instruction("LABEL", renderPairs(labels, true), options);
  }

  public static workdir(path: string, options: InstructionOptions = {}): Instruction {
    return new Instruction("WORKDIR", path, options);
  }

  /** USER uid[:gid] or name[:group]. */
  public static user(user: string, options: InstructionOptions = {}): Instruction {
    return new Instruction("USER", user, options);
  }

  public static expose(port: number, options: InstructionOptions = {}): Instruction {
    return new Instruction("EXPOSE", String(port), options);
  }

  /** ENTRYPOINT in exec form: signals reach the process, no shell needed. */
  public static entrypoint(command: string[], options: InstructionOptions = {}): Instruction {
    return new Instruction("ENTRYPOINT", quoteJson(command), options);
  }

  /** CMD in exec form. */
  public static cmd(command: string[], options: InstructionOptions = {}): Instruction {
    return new Instruction("CMD", quoteJson(command), options);
  }

  /** HEALTHCHECK CMD in exec form. */
  public static healthcheck(command: string[], options: HealthcheckOptions = {}): Instruction {
    const flags = [
      options.interval ? `--interval=${options.interval}` : "",
      options.timeout ? `--timeout=${options.timeout}` : "",
      options.startPeriod ? `--start-period=${options.startPeriod}` : "",
      options.retries !== undefined ? `--retries=${options.retries}` : "",
    ].filter(Boolean);
    return new Instruction("HEALTHCHECK", [...flags, "CMD", quoteJson(command)].join(" "), options);
  }

  /** Any other instruction, verbatim. */
  public static raw(keyword: string, args: string, options: InstructionOptions = {}): Instruction {
    return new Instruction(keyword.toUpperCase(), args, options);
  }

  public readonly keyword: string;
  public readonly args: string;
  public readonly id?: string;
  public readonly comment?: string;

  private constructor(keyword: string, args: string, options: InstructionOptions) {
    this.keyword = keyword;
    this.args = args;
    this.id = options.id;
    this.comment = options.comment;
  }

  /** Dockerfile text of this instruction, with its comment when asked for. */
  public render(withComment: boolean): string {
    const lines: string[] = [];
    if (withComment && this.comment) {
      lines.push(...this.comment.split("\n").map((l) => `# ${l}`));
    }
    lines.push(`${this.keyword} ${this.args}`);
    return lines.join("\n");
  }
}
