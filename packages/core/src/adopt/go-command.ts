import { spawnSync } from "node:child_process";

/** How to run the go command: injectable so tests (and init) can pin a toolchain or simulate a missing go. */
export interface GoOptions {
  /** The go binary. @default "go" (from PATH) */
  readonly goBinary?: string;
  /** Environment overrides, applied over process.env (undefined removes a variable). */
  readonly env?: { readonly [key: string]: string | undefined };
  /** Kill go after this long: module downloads can hang on a bad network. @default 300000 */
  readonly timeoutMs?: number;
}

export interface GoResult {
  readonly ok: boolean;
  /** The go binary could not be started (not installed, wrong path). */
  readonly missing: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** One line for a report: the first lines of stderr, or why go did not run. */
  readonly summary: string;
}

/**
 * Runs go in cwd. GOWORK=off by default: a go.work in a parent directory must not
 * change what we detect, since the image build sees only this module.
 */
export function runGo(args: string[], cwd: string, options: GoOptions = {}, extraEnv: { readonly [key: string]: string } = {}): GoResult {
  const env: { [key: string]: string | undefined } = { ...process.env, GOWORK: "off", ...options.env, ...extraEnv };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const go = options.goBinary ?? "go";
  const r = spawnSync(go, args, {
    cwd,
    env: env as NodeJS.ProcessEnv,
    encoding: "utf-8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 300_000,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    const missing = code === "ENOENT" || code === "EACCES";
    const why = missing ? `${go} not found` : code === "ETIMEDOUT" ? `${go} ${args[0]} timed out` : r.error.message;
    return { ok: false, missing, stdout: r.stdout ?? "", stderr: r.stderr ?? "", summary: why };
  }
  const stderr = r.stderr ?? "";
  const firstLines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .slice(0, 3)
    .join("; ");
  return {
    ok: r.status === 0,
    missing: false,
    stdout: r.stdout ?? "",
    stderr,
    summary: r.status === 0 ? "" : firstLines || `${go} ${args.join(" ")} exited with ${r.status ?? r.signal}`,
  };
}
