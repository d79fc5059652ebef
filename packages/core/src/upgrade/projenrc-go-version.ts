import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PROJENRC = ".projenrc.ts";
const GO_VERSION = /(\bgoVersion\s*:\s*)(["'`])(\d+\.\d+)\2/g;

/**
 * goVersion names the Go minor the service is built with, so when `upgrade --minor`
 * moves the pinned toolchain to a newer minor, the option must move with it (else
 * synthesis would build the old minor again). Edits a string literal in
 * .projenrc.ts; anything else is left to the user, with a note saying what to set.
 */
export function moveGoVersion(dir: string, minor: string): { text?: string; note?: string } {
  const file = join(dir, PROJENRC);
  if (!existsSync(file)) return {};
  const text = readFileSync(file, "utf-8");
  const literals = [...text.matchAll(GO_VERSION)];
  if (literals.length === 1) {
    if (literals[0][3] === minor) return {};
    return { text: text.replace(GO_VERSION, (_m, key: string, quote: string) => `${key}${quote}${minor}${quote}`) };
  }
  if (literals.length === 0 && !/\bgoVersion\b/.test(text)) return {};
  return { note: `set goVersion: "${minor}" in ${PROJENRC} (gosynth edits only a single string literal there)` };
}

/** Writes .projenrc.ts with goVersion moved; the text it had, to put back. */
export function writeGoVersion(dir: string, minor: string): { before?: string; note?: string } {
  const moved = moveGoVersion(dir, minor);
  if (moved.text === undefined) return { note: moved.note };
  const file = join(dir, PROJENRC);
  const before = readFileSync(file, "utf-8");
  writeFileSync(file, moved.text);
  return { before };
}
