/** True when this process is running a projenrc (`npx projen`, `tsx .projenrc.ts`), not a library caller or test. */
function runningProjenrc(): boolean {
  return process.argv.some((arg) => /(^|[\\/])\.projenrc\.[cm]?[tj]s$/.test(arg));
}

/**
 * A user mistake (bad option, hand edit) is reported as a message and exit
 * code 1 when running `.projenrc.ts`, without a stack trace. Library callers
 * and tests get the error thrown as usual.
 */
export function reportUserError(error: Error): never {
  if (runningProjenrc() && process.env.GOSYNTH_DEBUG !== "1") {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
