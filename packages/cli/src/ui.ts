// Output helpers: colors only on a terminal and never with NO_COLOR; errors go to stderr.
const noColor = "NO_COLOR" in process.env && process.env.NO_COLOR !== "";
const colorOut = process.stdout.isTTY === true && !noColor;
const colorErr = process.stderr.isTTY === true && !noColor;
const paint = (enabled: boolean, code: number) => (text: string) => (enabled ? `\u001b[${code}m${text}\u001b[0m` : text);
export const green = paint(colorOut, 32);
export const red = paint(colorOut, 31);
export const yellow = paint(colorOut, 33);
export const bold = paint(colorOut, 1);
export const dim = paint(colorOut, 2);
/** Red on stderr (its own TTY test: `gosynth check 2>log` must not put escapes in the log). */
export const errRed = paint(colorErr, 31);

/** Exit codes, documented in the README and `gosynth --help`. */
export const EXIT = { ok: 0, changes: 1, usage: 2, failure: 3, cancelled: 130 } as const;

/** A failure caused by the user's input or project: message only, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export const debug = (): boolean => process.env.GOSYNTH_DEBUG === "1";

export function step(text: string): void {
  process.stdout.write(`${dim("›")} ${text}\n`);
}

/** Where a command's report goes: stdout, or nowhere with --quiet (errors still go to stderr). */
export interface Output {
  readonly quiet: boolean;
  line(text: string): void;
  lines(texts: string[]): void;
}

export function say(quiet: boolean): Output {
  return {
    quiet,
    line: (text) => {
      if (!quiet) console.log(text);
    },
    lines: (texts) => {
      if (!quiet) for (const t of texts) console.log(t);
    },
  };
}

const LOUD: Output = say(false);

export function warn(text: string): void {
  process.stderr.write(`${paint(colorErr, 33)("warning:")} ${text}\n`);
}

/** A slow step: a spinner on a terminal, one line otherwise (logs, CI, tests). */
export interface Progress {
  done(text?: string): void;
  fail(text?: string): void;
}

/** How often a long step off a terminal says it is still running (logs, CI). */
const HEARTBEAT_MS = 15_000;

/**
 * A slow step: a spinner on a terminal; elsewhere (logs, CI, tests) one line,
 * then "still <text> (30 s)" every 15 s so a long npm install is seen alive.
 * Silent with --quiet; a failure is always told, on stderr.
 */
export async function begin(text: string, out: Output = LOUD): Promise<Progress> {
  if (out.quiet) return { done: () => undefined, fail: (t) => process.stderr.write(`${t ?? text}\n`) };
  if (process.stdout.isTTY !== true || process.env.CI === "true") {
    step(text);
    const start = Date.now();
    const timer = setInterval(() => step(`still ${text} (${Math.round((Date.now() - start) / 1000)} s)`), HEARTBEAT_MS);
    timer.unref();
    return {
      done: (t) => {
        clearInterval(timer);
        if (t) step(t);
      },
      fail: () => clearInterval(timer),
    };
  }
  const { spinner } = await import("@clack/prompts");
  const s = spinner();
  s.start(text);
  return { done: (t) => s.stop(t ?? text), fail: (t) => s.error(t ?? text) };
}
