import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolkit, upgradeModule } from "./core.js";
import { begin, type Output, say, warn } from "./ui.js";

/**
 * The newest pins the registries serve for a project being created (`new`) or
 * adopted (`init`): Go of goVersion's minor when given, else the newest Go, and
 * the digests of the bases `project` names. Returns the pins file to hand to core
 * (CREATION_PINS_ENV) and the Go minor; offline, nothing, and the project starts
 * on gosynth's own tables.
 */
export async function resolveNewestPins(
  goVersion: string | undefined,
  out: Output = say(false),
  project?: Record<string, unknown>,
): Promise<{ file?: string; goVersion?: string; npm?: Record<string, string> }> {
  const up = upgradeModule();
  const { goMinor, renderPins, PINS_FILE } = toolkit();
  const scratch = mkdtempSync(join(tmpdir(), "gosynth-pins-"));
  const file = join(scratch, PINS_FILE);
  // The plan starts from the pinned minor: pin goVersion's so its newest patch is found.
  if (goVersion) writeFileSync(file, renderPins({ ...up.currentPins(scratch), goToolchain: `${goMinor(goVersion)}.0` }));
  const progress = await begin("reading the newest Go, tools and actions (Go module proxy, npm, git)", out);
  try {
    up.writePins(scratch, (await up.planUpgrade({ dir: scratch, only: ["go", "tools", "npm"], minor: !goVersion })).pins);
  } catch (e) {
    progress.fail("offline");
    warn(`${(e as Error).message}: the project starts on gosynth's own tables (run gosynth upgrade later)`);
    rmSync(scratch, { recursive: true, force: true });
    return {};
  }
  // Action commits come from git remotes (GitHub): without them, the table's commits stay.
  try {
    up.writePins(scratch, (await up.planUpgrade({ dir: scratch, only: ["actions"], actionsBaseUrl: process.env.GOSYNTH_ACTIONS_BASE_URL })).pins);
  } catch (e) {
    warn(`action tags not read (${(e as Error).message}): the workflows use gosynth's pinned commits`);
  }
  // After go: the builder's tag follows the Go patch just read. A registry that cannot be read
  // leaves that FROM tag-only (doctor and synthesis say so), it does not stop the creation.
  if (project) {
    try {
      const plan = await up.planUpgrade({ dir: scratch, only: ["images"], project: project as never });
      up.writePins(scratch, plan.pins);
      for (const note of plan.notes) warn(note);
    } catch (e) {
      warn(`base image digests not read (${(e as Error).message}): run gosynth upgrade --only images later`);
    }
  }
  const { goToolchain, npm } = up.currentPins(scratch);
  progress.done(`newest Go ${goToolchain}`);
  return { file, goVersion: goToolchain ? goMinor(goToolchain) : undefined, ...(npm ? { npm: { ...npm } } : {}) };
}
