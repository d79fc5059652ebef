import { GoSynthConfigError } from "../util/problems";
import { writeErrorReport } from "./error-report";
import { HandEditError } from "./hand-edits";

/** True when this process is running a projenrc (`npx projen`, `tsx .projenrc.ts`), not a library caller or test. */
function runningProjenrc(): boolean {
  return process.argv.some((arg) => /(^|[\\/])\.projenrc\.[cm]?[tj]s$/.test(arg));
}

/**
 * A user mistake (bad option, hand edit) is reported as a message and exit
 * code 1 when running `.projenrc.ts`, without a stack trace, and as data for
 * a tool that asked for it (GOSYNTH_ERROR_REPORT). Library callers and tests
 * get the error thrown as usual.
 */
export function reportUserError(error: GoSynthConfigError | HandEditError): never {
  writeErrorReport(
    error instanceof GoSynthConfigError
      ? { kind: "config", message: error.message, problems: error.problems }
      : { kind: "hand-edit", message: error.message, files: error.files },
  );
  if (runningProjenrc() && process.env.GOSYNTH_DEBUG !== "1") {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
