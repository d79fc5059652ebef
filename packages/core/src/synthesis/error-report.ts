import { writeFileSync } from "node:fs";
import type { ConfigProblem } from "../util/problems";

/** A user error as data, for tools that ran .projenrc.ts in another process. */
export interface ErrorReport {
  /** "config" (invalid options) or "hand-edit" (managed files edited by hand). */
  readonly kind: "config" | "hand-edit";
  /** The message gosynth printed. */
  readonly message: string;
  /** Invalid options (kind "config"). */
  readonly problems?: ConfigProblem[];
  /** Hand-edited files (kind "hand-edit"). */
  readonly files?: string[];
}

/** Where a tool wants the report of a user error: the path in this variable. */
export const ERROR_REPORT_ENV = "GOSYNTH_ERROR_REPORT";

/** Writes the report when a tool asked for one (the gosynth CLI running `npx projen`). */
export function writeErrorReport(report: ErrorReport): void {
  const path = process.env[ERROR_REPORT_ENV];
  if (path) writeFileSync(path, JSON.stringify(report, undefined, 2));
}
