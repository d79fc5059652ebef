import { showValue } from "../config/errors";
/** One invalid prop: which prop, what it was, and what a valid value looks like. */
export interface PropProblem {
  readonly prop: string;
  readonly value: unknown;
  readonly problem: string;
  readonly example: string;
}

/** Invalid props of a construct, as data too (the project reports them as option problems). */
export class InvalidPropsError extends Error {
  public constructor(
    message: string,
    public readonly problems: PropProblem[],
  ) {
    super(message);
    this.name = "InvalidPropsError";
  }
}

/**
 * Collects the invalid props of one call and throws them together, in the
 * format of gosynth's option errors: `prop: problem (got value; example: ...)`.
 */
export class Problems {
  private readonly list: PropProblem[] = [];

  public constructor(private readonly owner: string) {}

  public add(prop: string, value: unknown, problem: string, example: string): void {
    this.list.push({ prop, value, problem, example });
  }

  public throwIfAny(): void {
    if (this.list.length === 0) return;
    const lines = this.list.map((p) => `  - ${p.prop}: ${p.problem} (got ${showValue(p.value)}; example: ${p.example})`);
    throw new InvalidPropsError(`${this.owner}: invalid props, nothing was written:\n${lines.join("\n")}`, [...this.list]);
  }
}

/** A TCP port number: integer in 1..65535. */
export function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}
