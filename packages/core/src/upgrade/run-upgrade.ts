// `npx projen upgrade` in a generated project (the upgrade workflow runs it):
// reads the newest pins from the Go module proxy, the action repositories,
// npm and the container registries (GOSYNTH_REGISTRY_MIRRORS maps them to
// mirrors), writes gosynth.pins.json; the task then re-synthesizes.
//   node run-upgrade.js [--only go,tools,actions,npm,images] [--minor]
import { applyUpgrade, describeChanges, planUpgrade, UPGRADE_SCOPES, type UpgradeScope } from "./upgrade";

async function main(argv: string[]): Promise<number> {
  let only: UpgradeScope[] | undefined;
  let minor = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--minor") minor = true;
    else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg === "--only" ? argv[++i] : arg.slice("--only=".length);
      only = (value ?? "").split(",").map((s) => s.trim()) as UpgradeScope[];
      const bad = only.filter((s) => !UPGRADE_SCOPES.includes(s));
      if (bad.length > 0 || only.length === 0) {
        process.stderr.write(`gosynth upgrade: --only takes ${UPGRADE_SCOPES.join(",")} (got "${value ?? ""}"), e.g. --only go,tools\n`);
        return 2;
      }
    } else {
      process.stderr.write(`gosynth upgrade: unknown argument "${arg}" (usage: upgrade [--only ${UPGRADE_SCOPES.join(",")}] [--minor])\n`);
      return 2;
    }
  }
  const dir = process.cwd();
  const plan = await planUpgrade({ dir, only, minor, actionsBaseUrl: process.env.GOSYNTH_ACTIONS_BASE_URL });
  const applied = applyUpgrade(dir, plan);
  for (const line of describeChanges({ ...plan, notes: [...plan.notes, ...applied.notes] })) process.stdout.write(`${line}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`gosynth upgrade: ${e.message} (nothing was changed)\n`);
    process.exit(3);
  },
);
