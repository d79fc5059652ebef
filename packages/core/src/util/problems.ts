/** One invalid input: which option (or argument), what it was, what is wrong and what a valid value looks like. */
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
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The one line format of a problem, everywhere (option errors, construct arguments, init, the CLI). */
export function formatProblem(p: ConfigProblem): string {
  return `${p.option}: ${p.problem} (got ${showValue(p.value)}; example: ${p.example})`;
}

/**
 * Thrown before anything is written when options (or a construct method's
 * arguments) are invalid. Lists every problem at once, so one edit fixes them all.
 */
export class GoSynthConfigError extends Error {
  public readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[], subject = "options in .projenrc.ts") {
    super(`gosynth: invalid ${subject}, nothing was written:\n` + problems.map((p) => `  - ${formatProblem(p)}`).join("\n"));
    this.name = "GoSynthConfigError";
    this.problems = problems;
  }
}

/** Collects problems so that every bad value is reported in one go. */
export class Problems {
  public readonly list: ConfigProblem[] = [];

  /** prefix goes before every option name ("kubernetesResources."). */
  public constructor(private readonly prefix = "") {}

  /** Records a problem when `problem` is defined; true when the value is fine. */
  public add(option: string, value: unknown, problem: string | undefined, example: string): boolean {
    if (problem === undefined) return true;
    this.list.push({ option: `${this.prefix}${option}`, value, problem, example });
    return false;
  }

  /** Throws a GoSynthConfigError listing every problem, if there is any. */
  public throwIfAny(subject?: string): void {
    if (this.list.length > 0) throw new GoSynthConfigError([...this.list], subject);
  }
}
