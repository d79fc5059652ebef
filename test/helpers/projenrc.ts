import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Sets (or adds) one option in the generated .projenrc.ts, as a user would edit it. */
export function setOption(dir: string, key: string, valueLiteral: string): void {
  const file = join(dir, ".projenrc.ts");
  const text = readFileSync(file, "utf-8");
  const line = new RegExp(`^(\\s*)${key}: .*,$`, "m");
  const updated = line.test(text)
    ? text.replace(line, `$1${key}: ${valueLiteral},`)
    : text.replace(/^(\s*)modulePath: (.*),$/m, `$1modulePath: $2,\n$1${key}: ${valueLiteral},`);
  if (updated === text) throw new Error(`could not set ${key} in ${file}`);
  writeFileSync(file, updated);
}

/** Appends statements before `project.synth();` (extension code in .projenrc.ts). */
export function addBeforeSynth(dir: string, code: string, imports = ""): void {
  const file = join(dir, ".projenrc.ts");
  const text = readFileSync(file, "utf-8");
  writeFileSync(file, `${imports}${text.replace("project.synth();", `${code}\nproject.synth();`)}`);
}

/** Edits a read-only managed file by hand, as a user would (chmod first). */
export function handEdit(dir: string, path: string, edit: (text: string) => string): void {
  const file = join(dir, path);
  chmodSync(file, 0o644);
  writeFileSync(file, edit(readFileSync(file, "utf-8")));
}
