// Runs a local command (go, npm, git) with a timeout, without a shell: arguments never need quoting.
import { execFile } from "node:child_process";
import { DEFAULT_TIMEOUT_MS, formatDuration } from "./errors.js";

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Why a command failed: the binary is missing, it ran too long, or it exited non-zero. */
export class ExecFailure extends Error {
  override readonly name = "ExecFailure";
  constructor(
    message: string,
    readonly kind: "missing" | "timeout" | "exit",
    readonly stderr: string,
    readonly code: number | null,
  ) {
    super(message);
  }
}

export function run(
  command: string,
  args: readonly string[],
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ExecResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, env: opts.env, cwd: opts.cwd, encoding: "utf-8", maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: unknown };
        if (e.code === "ENOENT") return reject(new ExecFailure(`${command} is not installed (not found on PATH)`, "missing", "", null));
        if (e.killed || e.signal === "SIGTERM") {
          return reject(new ExecFailure(`no answer within ${formatDuration(timeoutMs)}`, "timeout", stderr, null));
        }
        const code = typeof e.code === "number" ? e.code : null;
        reject(new ExecFailure(stderr.trim() || e.message, "exit", stderr, code));
      },
    );
  });
}
