// Output helpers: colors only on a TTY and never with NO_COLOR; errors to stderr.
const useColor = process.stdout.isTTY === true && !("NO_COLOR" in process.env);
const paint = (code: number) => (text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);
export const bold = paint(1);
export const dim = paint(2);

/** Exit codes, documented in the README and `gosynth --help`. */
export const EXIT = { ok: 0, changes: 1, usage: 2, failure: 3 } as const;

/** A failure caused by the user's input or project: message only, no stack trace. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.usage) {
    super(message);
  }
}

export function step(text: string): void {
  process.stdout.write(`${dim("›")} ${text}\n`);
}
