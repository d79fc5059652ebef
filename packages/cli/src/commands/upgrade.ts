import { upgradeModule } from "../core.js";
import { projectDir, synthesize } from "../synthesize.js";
import { begin, EXIT, green, UserError } from "../ui.js";

export interface UpgradeCommandOptions {
  readonly dir: string;
  readonly only?: string[];
  readonly minor: boolean;
}

/**
 * gosynth upgrade: the newest Go patch (--minor: the newest minor), tool
 * versions, action commits and projen from the registries, written to
 * gosynth.pins.json, then synthesis. Every source is read before anything is
 * written: one that cannot be reached changes nothing.
 */
export async function upgrade(options: UpgradeCommandOptions): Promise<number> {
  const dir = projectDir(options.dir);
  const up = upgradeModule(dir);
  const only = options.only?.flatMap((o) => o.split(",")).map((o) => o.trim()).filter(Boolean);
  const bad = (only ?? []).filter((o) => !up.UPGRADE_SCOPES.includes(o as never));
  if (bad.length > 0) throw new UserError(`--only takes ${up.UPGRADE_SCOPES.join(",")} (got "${bad.join(",")}"), e.g. gosynth upgrade --only go,tools`);
  const progress = await begin("reading the newest releases (Go module proxy, action repositories, npm, image registries)");
  let plan;
  try {
    plan = await up.planUpgrade({ dir, only: only as never, minor: options.minor, actionsBaseUrl: process.env.GOSYNTH_ACTIONS_BASE_URL });
  } catch (e) {
    progress.fail("a source could not be read");
    throw new UserError(`${(e as Error).message}\nnothing was changed`, EXIT.failure);
  }
  progress.done("read the newest releases");
  const applied = up.applyUpgrade(dir, plan);
  if (applied.changed) {
    try {
      await synthesize(dir, { quiet: true });
    } catch (e) {
      // Put the pins (and goVersion) back: the tree is as it was.
      applied.restore();
      throw e;
    }
    if (plan.changes.some((c) => c.what === "projen")) {
      const { execa } = await import("execa");
      const install = await execa("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, reject: false, all: true, stdin: "ignore" });
      if (install.exitCode !== 0) throw new UserError(`npm install failed after the upgrade:\n${install.all}`, EXIT.failure);
    }
  }
  for (const line of up.describeChanges({ ...plan, notes: [...plan.notes, ...applied.notes] })) console.log(line === "up to date" ? green(line) : line);
  return EXIT.ok;
}
