import { Mount } from "./mount";

/** Options every instruction takes. */
export interface InstructionOptions {
  /** Stable id for find/insertBefore/insertAfter/remove, e.g. "build.compile". */
  readonly id?: string;
  /** Why this line exists; rendered as a comment above it when comments are on. */
  readonly comment?: string;
}

/** Options of RUN. */
export interface RunOptions extends InstructionOptions {
  /** BuildKit mounts. @default [] */
  readonly mounts?: Mount[];
  /** Variables set for the commands only (`K=V cmd`): unlike ENV, no later layer keeps them. @default {} */
  readonly env?: { [name: string]: string };
}

/** Options of COPY. */
export interface CopyOptions extends InstructionOptions {
  /** Stage or image to copy from. */
  readonly from?: string;
  /** Owner of the copied files, "user:group". @default - root */
  readonly chown?: string;
  /** Mode of the copied files, e.g. "0555". @default - as in the source */
  readonly chmod?: string;
}

/** Options of EXPOSE. */
export interface ExposeOptions extends InstructionOptions {
  /** More ports after the first. @default [] */
  readonly morePorts?: number[];
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

/** How an instruction's parts become text. */
enum Layout {
  /** Flags, then the arguments, on one line. */
  INLINE,
  /** Each mount, the env assignments and each command on a continued line (RUN). */
  RUN,
  /** key=value pairs, one per continued line; values quoted when `quote`. */
  PAIRS,
  QUOTED_PAIRS,
}

/**
 * One Dockerfile instruction as values: keyword, flags, mounts, env and
 * arguments, an optional id to find it by and a comment that says why it is
 * there. Generated instructions can be changed in place (`addMount`,
 * `setVariable`, `setFlag`) without rewriting their text.
 */
export class Instruction {
  /** FROM image [AS name]. */
  public static from(image: string, stageName?: string, options: FromOptions = {}): Instruction {
    return new Instruction("FROM", Layout.INLINE, [image, ...(stageName ? ["AS", stageName] : [])], options, { platform: options.platform });
  }

  /** RUN with BuildKit mounts and inline env; each command line is rendered on its own continued line. */
  public static run(commandLines: string[], options: RunOptions = {}): Instruction {
    const run = new Instruction("RUN", Layout.RUN, commandLines, options);
    for (const mount of options.mounts ?? []) run.addMount(mount);
    for (const [name, value] of Object.entries(options.env ?? {})) run.setVariable(name, value);
    return run;
  }

  /** COPY sources to a destination. */
  public static copy(sources: string[], destination: string, options: CopyOptions = {}): Instruction {
    return new Instruction("COPY", Layout.INLINE, [...sources, destination], options, { from: options.from, chown: options.chown, chmod: options.chmod });
  }

  /** ARG name[=default]. */
  public static arg(name: string, defaultValue?: string, options: InstructionOptions = {}): Instruction {
    return new Instruction("ARG", Layout.INLINE, [defaultValue === undefined ? name : `${name}=${defaultValue}`], options);
  }

  /** ENV key=value pairs. */
  public static env(variables: { [key: string]: string }, options: InstructionOptions = {}): Instruction {
    const env = new Instruction("ENV", Layout.PAIRS, [], options);
    for (const [k, v] of Object.entries(variables)) env.setVariable(k, v);
    return env;
  }

  /** LABEL key="value" pairs. */
  public static label(labels: { [key: string]: string }, options: InstructionOptions = {}): Instruction {
    const label = new Instruction("LABEL", Layout.QUOTED_PAIRS, [], options);
    for (const [k, v] of Object.entries(labels)) label.setVariable(k, v);
    return label;
  }

  public static workdir(path: string, options: InstructionOptions = {}): Instruction {
    return new Instruction("WORKDIR", Layout.INLINE, [path], options);
  }

  /** USER uid[:gid] or name[:group]. */
  public static user(user: string, options: InstructionOptions = {}): Instruction {
    return new Instruction("USER", Layout.INLINE, [user], options);
  }

  public static expose(port: number, options: ExposeOptions = {}): Instruction {
    return new Instruction("EXPOSE", Layout.INLINE, [port, ...(options.morePorts ?? [])].map(String), options);
  }

  /** VOLUME in JSON form. */
  public static volume(paths: string[], options: InstructionOptions = {}): Instruction {
    return new Instruction("VOLUME", Layout.INLINE, [quoteJson(paths)], options);
  }

  /** ENTRYPOINT in exec form: signals reach the process, no shell needed. */
  public static entrypoint(command: string[], options: InstructionOptions = {}): Instruction {
    return new Instruction("ENTRYPOINT", Layout.INLINE, [quoteJson(command)], options);
  }

  /** CMD in exec form. */
  public static cmd(command: string[], options: InstructionOptions = {}): Instruction {
    return new Instruction("CMD", Layout.INLINE, [quoteJson(command)], options);
  }

  /** HEALTHCHECK CMD in exec form. */
  public static healthcheck(command: string[], options: HealthcheckOptions = {}): Instruction {
    return new Instruction("HEALTHCHECK", Layout.INLINE, ["CMD", quoteJson(command)], options, {
      interval: options.interval,
      timeout: options.timeout,
      "start-period": options.startPeriod,
      retries: options.retries === undefined ? undefined : String(options.retries),
    });
  }

  /** HEALTHCHECK NONE: turns off a check the base image defines. */
  public static healthcheckNone(options: InstructionOptions = {}): Instruction {
    return new Instruction("HEALTHCHECK", Layout.INLINE, ["NONE"], options);
  }

  /** Any other instruction, verbatim. */
  public static raw(keyword: string, args: string, options: InstructionOptions = {}): Instruction {
    return new Instruction(keyword.toUpperCase(), Layout.INLINE, [args], options);
  }

  public readonly keyword: string;
  public readonly id?: string;
  public readonly comment?: string;
  private readonly layout: Layout;
  private readonly parts: string[];
  private readonly flagValues = new Map<string, string>();
  private readonly mountList: Mount[] = [];
  private readonly envValues = new Map<string, string>();

  private constructor(keyword: string, layout: Layout, parts: string[], options: InstructionOptions, flags: { [name: string]: string | undefined } = {}) {
    this.keyword = keyword;
    this.layout = layout;
    this.parts = [...parts];
    this.id = options.id;
    this.comment = options.comment;
    for (const [name, value] of Object.entries(flags)) if (value !== undefined) this.flagValues.set(name, value);
  }

  /** The --mount values of a RUN, in order. */
  public get mounts(): Mount[] {
    return [...this.mountList];
  }

  /** Add a mount to a RUN (replacing one with the same target). */
  public addMount(mount: Mount): Instruction {
    this.requireKeyword("addMount", "RUN");
    const same = mount.target === undefined ? -1 : this.mountList.findIndex((m) => m.target === mount.target);
    if (same >= 0) this.mountList.splice(same, 1, mount);
    else this.mountList.push(mount);
    return this;
  }

  /** Remove the mount at this target. Throws when there is none. */
  public removeMount(target: string): Instruction {
    const index = this.mountList.findIndex((m) => m.target === target);
    if (index < 0) throw new Error(`${this.describe()} has no mount at "${target}" (it has: ${this.mountList.map((m) => m.target).join(", ")})`);
    this.mountList.splice(index, 1);
    return this;
  }

  /** Inline env of a RUN, or the pairs of ENV and LABEL. */
  public get variables(): { [name: string]: string } {
    return Object.fromEntries(this.envValues);
  }

  /** Set one inline env variable (RUN), env variable (ENV) or label (LABEL). */
  public setVariable(name: string, value: string): Instruction {
    if (this.layout !== Layout.RUN && this.layout !== Layout.PAIRS && this.layout !== Layout.QUOTED_PAIRS) {
      throw new Error(`${this.describe()}: setVariable applies to RUN, ENV and LABEL`);
    }
    this.envValues.set(name, value);
    return this;
  }

  /** Flags such as --platform, --from, --chown, --interval (name without dashes to value). */
  public get flags(): { [name: string]: string } {
    return Object.fromEntries(this.flagValues);
  }

  /** Set a flag (name without the dashes), e.g. setFlag("chmod", "0555") on a COPY. */
  public setFlag(name: string, value: string): Instruction {
    this.flagValues.set(name, value);
    return this;
  }

  /** The arguments after the flags: command lines of a RUN, sources and destination of a COPY... */
  public get arguments(): string[] {
    return [...this.parts];
  }

  /** The rendered text after the keyword. */
  public get args(): string {
    const flags = [...this.flagValues].map(([k, v]) => `--${k}=${v}`);
    switch (this.layout) {
      case Layout.RUN: {
        // One variable prefixes the first command; several get a line of their own.
        const env = [...this.envValues].map(([k, v]) => `${k}=${v}`).join(" ");
        const commands = this.envValues.size === 1 ? [`${env} ${this.parts[0] ?? ""}`.trimEnd(), ...this.parts.slice(1)] : [...(env ? [env] : []), ...this.parts];
        return [...this.mountList.map((m) => `--mount=${m.render()}`), ...flags, ...commands].join(CONTINUATION);
      }
      case Layout.PAIRS:
      case Layout.QUOTED_PAIRS:
        return [...this.envValues].map(([k, v]) => `${k}=${this.layout === Layout.QUOTED_PAIRS ? JSON.stringify(v) : v}`).join(CONTINUATION);
      default:
        return [...flags, ...this.parts].join(" ");
    }
  }

  /** Dockerfile text of this instruction, with its comment when asked for. */
  public render(withComment: boolean): string {
    const lines: string[] = [];
    if (withComment && this.comment) lines.push(...this.comment.split("\n").map((l) => `# ${l}`));
    lines.push(`${this.keyword} ${this.args}`);
    return lines.join("\n");
  }

  private describe(): string {
    return `${this.keyword}${this.id ? ` "${this.id}"` : ""}`;
  }

  private requireKeyword(method: string, keyword: string): void {
    if (this.keyword !== keyword) throw new Error(`${this.describe()}: ${method} applies to ${keyword} only`);
  }
}
