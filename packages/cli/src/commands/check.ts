import { createTwoFilesPatch } from "diff";
import { ProjectFile, readProject } from "../project-files.js";
import { removeCopy, SynthesisError, synthesizeCopy } from "../synthesize.js";
import { toolkit } from "../core.js";
import { EXIT, green, red, yellow } from "../ui.js";

export type ChangeKind = "changed" | "added" | "removed";

export interface Change {
  readonly path: string;
  readonly kind: ChangeKind;
  readonly before?: ProjectFile;
  readonly after?: ProjectFile;
  /** A managed file edited by hand: plain synthesis refuses, `synth --force` discards the edit. */
  readonly handEdited: boolean;
}

/** gosynth's own bookkeeping (hashes of what it wrote, the lock): not news to the user. */
function bookkeeping(): Set<string> {
  const { STATE_FILE, LOCK_FILE } = toolkit();
  return new Set([STATE_FILE, LOCK_FILE]);
}

/**
 * What synthesis would change in dir, computed by synthesizing a copy. Hand
 * edits do not stop it: the copy is synthesized as `synth --force` would, and
 * the hand-edited files are marked.
 */
export async function pendingChanges(dir: string): Promise<Change[]> {
  let handEdited: string[] = [];
  let copy: string;
  try {
    copy = await synthesizeCopy(dir);
  } catch (e) {
    if (!(e instanceof SynthesisError) || e.handEdited.length === 0) throw e;
    handEdited = e.handEdited;
    copy = await synthesizeCopy(dir, true);
  }
  try {
    const before = readProject(dir);
    const after = readProject(copy);
    const skip = bookkeeping();
    const paths = [...new Set([...before.keys(), ...after.keys()])].filter((p) => !skip.has(p)).sort();
    return paths.flatMap((path): Change[] => {
      const b = before.get(path);
      const a = after.get(path);
      const edited = handEdited.includes(path);
      if (b?.text === a?.text && !edited) return [];
      return [{ path, kind: b === undefined ? "added" : a === undefined ? "removed" : "changed", before: b, after: a, handEdited: edited }];
    });
  } finally {
    removeCopy(copy);
  }
}

/** gosynth check: exit 0 when synthesis would change nothing, else 1 and the list. */
export async function check(dir: string): Promise<number> {
  const changes = await pendingChanges(dir);
  if (changes.length === 0) {
    console.log(green("in sync: synthesis would change nothing"));
    return EXIT.ok;
  }
  console.log(yellow(`synthesis would change ${changes.length} file${changes.length === 1 ? "" : "s"}:`));
  for (const c of changes) console.log(`  ${c.kind.padEnd(8)} ${c.path}${c.handEdited ? "  (edited by hand)" : ""}`);
  if (changes.some((c) => c.handEdited)) {
    console.log("hand edits: make the change in .projenrc.ts, or discard it with gosynth synth --force (gosynth diff shows it)");
  } else {
    console.log("run gosynth synth (or npx projen) to apply them, gosynth diff to see them");
  }
  return EXIT.changes;
}

function patch(c: Change): string {
  if (c.before?.binary || c.after?.binary) return `Binary file ${c.path} ${c.kind}\n`;
  const oldName = c.kind === "added" ? "/dev/null" : `a/${c.path}`;
  const newName = c.kind === "removed" ? "/dev/null" : `b/${c.path}`;
  const text = createTwoFilesPatch(oldName, newName, c.before?.text ?? "", c.after?.text ?? "", undefined, undefined, { context: 3 });
  // createTwoFilesPatch starts with an "=====" line and ends "--- a\t" with a tab when there is no header.
  return `diff --git a/${c.path} b/${c.path}\n${text
    .split("\n")
    .slice(1)
    .map((l) => l.replace(/^(---|\+\+\+) (.*?)\t$/, "$1 $2"))
    .join("\n")}`;
}

/** gosynth diff: the unified diff of what synthesis would change (exit 1 when there is any, like git diff --exit-code). */
export async function diff(dir: string): Promise<number> {
  const changes = await pendingChanges(dir);
  for (const c of changes) {
    if (c.handEdited) process.stdout.write(yellow(`# ${c.path} was edited by hand: gosynth synth refuses; synth --force applies this\n`));
    for (const line of patch(c).replace(/\n$/, "").split("\n")) {
      const colored = /^\+(?!\+\+ )/.test(line) ? green(line) : /^-(?!-- )/.test(line) ? red(line) : line;
      process.stdout.write(`${colored}\n`);
    }
  }
  return changes.length === 0 ? EXIT.ok : EXIT.changes;
}
