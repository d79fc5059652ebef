import { createTwoFilesPatch } from "diff";
import { readProject } from "../project-files.js";
import { removeCopy, synthesizeCopy } from "../synthesize.js";
import { EXIT, green, red, yellow } from "../ui.js";

interface Change {
  readonly path: string;
  readonly kind: "changed" | "added" | "removed";
  readonly before: string;
  readonly after: string;
}

/** What synthesis would change in dir, computed on a copy. */
export function pendingChanges(dir: string): Change[] {
  const copy = synthesizeCopy(dir);
  try {
    const before = readProject(dir);
    const after = readProject(copy);
    // gosynth's own bookkeeping (hashes of the generated files) is not news to the user.
    const paths = [...new Set([...before.keys(), ...after.keys()])].filter((p) => p !== ".projen/gosynth-state.json").sort();
    return paths.flatMap((path): Change[] => {
      const b = before.get(path);
      const a = after.get(path);
      if (b === a) return [];
      return [{ path, kind: b === undefined ? "added" : a === undefined ? "removed" : "changed", before: b ?? "", after: a ?? "" }];
    });
  } finally {
    removeCopy(copy);
  }
}

/** gosynth check: exit 0 when synthesis would change nothing, else 1 and the list. */
export function check(dir: string): number {
  const changes = pendingChanges(dir);
  if (changes.length === 0) {
    console.log(green("in sync: synthesis would change nothing"));
    return EXIT.ok;
  }
  console.log(yellow(`synthesis would change ${changes.length} file(s):`));
  for (const c of changes) console.log(`  ${c.kind.padEnd(8)} ${c.path}`);
  console.log("run gosynth synth (or npx projen) to apply, gosynth diff to see the changes");
  return EXIT.changes;
}

/** gosynth diff: the unified diff of what synthesis would change; exit 1 when there is any. */
export function diff(dir: string): number {
  const changes = pendingChanges(dir);
  for (const c of changes) {
    const patch = createTwoFilesPatch(`a/${c.path}`, `b/${c.path}`, c.before, c.after, "", "", { context: 3 });
    for (const line of patch.split("\n").slice(1)) {
      process.stdout.write(`${line.startsWith("+") && !line.startsWith("+++") ? green(line) : line.startsWith("-") && !line.startsWith("---") ? red(line) : line}\n`);
    }
  }
  return changes.length === 0 ? EXIT.ok : EXIT.changes;
}
