/** One invalid option: which option, what it was, and what a valid value looks like. */
export interface ConfigProblem {
  readonly option: string;
  readonly value: unknown;
  readonly problem: string;
  readonly example: string;
}

/** A value as an error message shows it: strings quoted, the rest as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Format one problem the same way everywhere (errors, CLI, docs). */
export function formatProblem(p: ConfigProblem): string {
  return `${p.option}: ${p.problem} (got ${showValue(p.value)}; example: ${p.example})`;
}

/**
 * Thrown before anything is written when the options are invalid.
 * Lists every problem at once so one edit of .projenrc.ts can fix them all.
 */
export class GoSynthConfigError extends Error {
  public readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(
      `gosynth: invalid options in .projenrc.ts, nothing was written:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join("\n"),
    );
    this.name = "GoSynthConfigError";
    this.problems = problems;
  }
}
