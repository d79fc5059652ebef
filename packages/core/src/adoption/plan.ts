import type { SourceLocation } from "../adopt/import/location";
import { formatLocation } from "../adopt/import/location";
import type { OptionTree } from "./source";

/** One line of the plan: what, from which file and line, and why. */
export interface PlanItem {
  readonly what: string;
  /** "Dockerfile:12". */
  readonly from?: string;
  /** The option of .projenrc.ts it became. */
  readonly option?: string;
  readonly reason?: string;
}

/** A file of the repository init moves (its content is kept at the new place). */
export interface FileMove {
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

/** A statement init writes into .projenrc.ts after the options (an override, an instruction). */
export interface Statement {
  readonly comment: string[];
  readonly code: string;
  /** Names it needs imported from @gosynth/core. */
  readonly imports?: string[];
}

/** What `gosynth init` will do with a repository, decided before anything is written. */
export interface AdoptionPlan {
  /** The options of .projenrc.ts (Code leaves for enums and HealthCheck). */
  readonly options: OptionTree;
  /** Where each option came from, for a comment above it in .projenrc.ts. */
  readonly provenance: { readonly [option: string]: string[] };
  readonly statements: Statement[];
  /** Carried over from the repository, with the file and line. */
  readonly carried: PlanItem[];
  /** Changed on purpose, with the reason. */
  readonly changed: PlanItem[];
  /** What gosynth adds that the repository did not have. */
  readonly added: PlanItem[];
  /** Seen and not carried over, with the reason. */
  readonly notCarried: PlanItem[];
  /** What the user should know (an out-of-support Go). */
  readonly warnings: PlanItem[];
  /** The repository's files init moves. */
  readonly moves: FileMove[];
  /** The repository's own files gosynth leaves in place and generates none in their stead. */
  readonly kept: string[];
}

/** Builds a plan: every option set with where it came from, and the plan's lines. */
export class PlanBuilder {
  public readonly options: Record<string, unknown> = {};
  public readonly provenance: Record<string, string[]> = {};
  public readonly statements: Statement[] = [];
  public readonly carried: PlanItem[] = [];
  public readonly changed: PlanItem[] = [];
  public readonly added: PlanItem[] = [];
  public readonly notCarried: PlanItem[] = [];
  public readonly warnings: PlanItem[] = [];
  public readonly moves: FileMove[] = [];
  public readonly kept: string[] = [];

  /** Sets an option the repository states (carried over from `at`). */
  public carry(option: string, value: unknown, what: string, at?: SourceLocation): void {
    this.options[option] = value;
    const from = at ? formatLocation(at) : undefined;
    this.carried.push({ what, option, ...(from ? { from } : {}) });
    if (from) (this.provenance[option] ??= []).push(`${what} (${from})`);
  }

  /** Sets an option to something other than what the repository did, and says why. */
  public change(option: string, value: unknown, what: string, reason: string, at?: SourceLocation): void {
    this.options[option] = value;
    const from = at ? formatLocation(at) : undefined;
    this.changed.push({ what, option, reason, ...(from ? { from } : {}) });
    (this.provenance[option] ??= []).push(`${what}: ${reason}${from ? ` (was ${from})` : ""}`);
  }

  /** Sets an option from what the code shows (no packaging file stated it). */
  public detect(option: string, value: unknown, what: string, evidence?: string): void {
    this.options[option] = value;
    this.carried.push({ what, option, ...(evidence ? { from: evidence } : {}) });
    if (evidence) (this.provenance[option] ??= []).push(`${what} (${evidence})`);
  }

  public add(what: string, reason?: string): void {
    this.added.push({ what, ...(reason ? { reason } : {}) });
  }

  public skip(what: string, reason: string, at?: SourceLocation | string): void {
    const from = typeof at === "string" ? at : at ? formatLocation(at) : undefined;
    this.notCarried.push({ what, reason, ...(from ? { from } : {}) });
  }

  public warn(what: string, reason: string): void {
    this.warnings.push({ what, reason });
  }

  public build(): AdoptionPlan {
    return {
      options: { ...this.options },
      provenance: { ...this.provenance },
      statements: [...this.statements],
      carried: [...this.carried],
      changed: [...this.changed],
      added: [...this.added],
      notCarried: [...this.notCarried],
      warnings: [...this.warnings],
      moves: [...this.moves],
      kept: [...this.kept],
    };
  }
}
