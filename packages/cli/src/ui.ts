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

export function warn(text: string): void {
  process.stderr.write(`${paint(colorErr, 33)("warning:")} ${text}\n`);
}

/** A slow step: a spinner on a terminal, one line otherwise (logs, CI, tests). */
export interface Progress {
  done(text?: string): void;
  fail(text?: string): void;
}

export async function begin(text: string): Promise<Progress> {
  if (process.stdout.isTTY !== true || process.env.CI === "true") {
    step(text);
    return { done: (t) => t && step(t), fail: () => undefined };
  }
  const { spinner } = await import("@clack/prompts");
  const s = spinner();
  s.start(text);
  return { done: (t) => s.stop(t ?? text), fail: (t) => s.error(t ?? text) };
}
