import { performance } from "node:perf_hooks";
import { synthesizeInProcess, synthesizeWithNpx } from "../synthesize.js";
import { EXIT, green, UserError } from "../ui.js";

/** gosynth synth: re-synthesize in this process (falls back to npx projen). */
export async function synth(dir: string, force: boolean): Promise<number> {
  const env: Record<string, string> = force ? { GOSYNTH_FORCE: "1" } : {};
  const start = performance.now();
  try {
    synthesizeInProcess(dir, env);
  } catch (e) {
    if (e instanceof UserError) throw e;
    if (process.env.GOSYNTH_DEBUG === "1") console.error(e);
    await synthesizeWithNpx(dir, env);
  }
  console.log(green(`synthesized in ${Math.round(performance.now() - start)} ms`));
  return EXIT.ok;
}
