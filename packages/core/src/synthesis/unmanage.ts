import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJEN_MARKER } from "projen/lib/common";
import { STATE_FILE, sha256 } from "./hand-edits";

const MANIFEST = ".projen/files.json";

function rewrite(file: string, edit: (text: string) => string): void {
  if (!existsSync(file)) return;
  const before = readFileSync(file, "utf-8");
  const after = edit(before);
  if (after === before) return;
  chmodSync(file, 0o644);
  writeFileSync(file, after);
}

/**
 * Hands a formerly generated file to the user: drop it from projen's manifest
 * (so cleanup does not delete it) and from our state, remove the marker line,
 * make it writable. Its content stays exactly as the user left it otherwise.
 */
export function releaseFile(outdir: string, path: string): void {
  rewrite(join(outdir, MANIFEST), (text) => {
    const manifest = JSON.parse(text) as { files?: string[] };
    manifest.files = (manifest.files ?? []).filter((f) => f !== path);
    return `${JSON.stringify(manifest, undefined, 2)}\n`;
  });
  rewrite(join(outdir, STATE_FILE), (text) => {
    const state = JSON.parse(text) as { files: Record<string, string> };
    delete state.files[path];
    // The manifest edit above is ours, not a hand edit.
    if (state.files[MANIFEST]) state.files[MANIFEST] = sha256(readFileSync(join(outdir, MANIFEST), "utf-8"));
    return `${JSON.stringify(state, undefined, 2)}\n`;
  });
  rewrite(join(outdir, path), (text) =>
    text
      .split("\n")
      .filter((line) => !line.includes(PROJEN_MARKER))
      .join("\n"),
  );
}
