import { synthesize } from "../synthesize.js";
import { dim, EXIT, green } from "../ui.js";

/** gosynth synth: re-synthesize in this process (falls back to npx projen). --force discards hand edits. */
export async function synth(dir: string, force: boolean): Promise<number> {
  const { mode, ms } = await synthesize(dir, { force });
  console.log(`${green("synthesized")} ${dim(`in ${ms} ms (${mode})`)}`);
  return EXIT.ok;
}
