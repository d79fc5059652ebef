/** The kinds of RUN --mount BuildKit offers. */
export enum MountType {
  /** A persistent cache directory (module and build caches). */
  CACHE = "cache",
  /** Files of the build context or another stage, read-only by default: never copied into a layer. */
  BIND = "bind",
  /** A secret file (or env variable) that exists only while the step runs. */
  SECRET = "secret",
  /** An empty in-memory directory. */
  TMPFS = "tmpfs",
}

/** How concurrent builds share a cache mount. */
export enum CacheSharing {
  SHARED = "shared",
  PRIVATE = "private",
  LOCKED = "locked",
}

/** Options of a cache mount. */
export interface CacheMountOptions {
  /** Cache id (default: the target path). @default - the target */
  readonly id?: string;
  /** @default CacheSharing.SHARED */
  readonly sharing?: CacheSharing;
}

/** Options of a bind mount. */
export interface BindMountOptions {
  /** Path in the context or stage. @default - its root */
  readonly source?: string;
  /** Stage or image to mount from. @default - the build context */
  readonly from?: string;
  /** Allow writes (discarded after the step). @default false */
  readonly readwrite?: boolean;
}

/** Options of a secret mount. */
export interface SecretMountOptions {
  /** File the secret appears at. @default /run/secrets/<id> */
  readonly target?: string;
  /** Expose the secret as this environment variable instead of a file. @default - a file */
  readonly env?: string;
  /** Fail the build when the secret is not passed. @default false */
  readonly required?: boolean;
}

/**
 * One `RUN --mount=...` as a value: a user adds a mount to a generated step
 * with `instruction.addMount(Mount.cache("/root/.cache/x"))` instead of
 * rewriting the line.
 */
export class Mount {
  public static cache(target: string, options: CacheMountOptions = {}): Mount {
    return new Mount(MountType.CACHE, [
      ["target", target],
      ["id", options.id],
      ["sharing", options.sharing],
    ]);
  }

  public static bind(target: string, options: BindMountOptions = {}): Mount {
    return new Mount(MountType.BIND, [
      ["target", target],
      ["source", options.source],
      ["from", options.from],
      ["rw", options.readwrite ? "true" : undefined],
    ]);
  }

  public static secret(id: string, options: SecretMountOptions = {}): Mount {
    return new Mount(MountType.SECRET, [
      ["id", id],
      ["target", options.target],
      ["env", options.env],
      ["required", options.required ? "true" : undefined],
    ]);
  }

  public static tmpfs(target: string): Mount {
    return new Mount(MountType.TMPFS, [["target", target]]);
  }

  public readonly type: MountType;
  /** Mount options other than type, in rendering order. */
  public readonly options: { [key: string]: string };

  private constructor(type: MountType, options: [string, string | undefined][]) {
    this.type = type;
    const set: { [key: string]: string } = {};
    for (const [k, v] of options) if (v !== undefined) set[k] = v;
    this.options = Object.freeze(set);
    Object.freeze(this);
  }

  /** Where the mount appears in the step's file system (undefined for an env secret). */
  public get target(): string | undefined {
    return this.options.target;
  }

  /** The --mount value: "type=cache,target=/go/pkg/mod". */
  public render(): string {
    return [`type=${this.type}`, ...Object.entries(this.options).map(([k, v]) => `${k}=${v}`)].join(",");
  }
}
