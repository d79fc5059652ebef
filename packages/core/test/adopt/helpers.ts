import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { GoOptions } from "../../src/adopt";

export const FIXTURES = resolve(__dirname, "../../../../test/fixtures/services");

/** The machine's go, never a downloaded toolchain (the fixtures' go lines are all <= 1.26). */
export const GO: GoOptions = { env: { GOTOOLCHAIN: "local" } };

/** A copy of a fixture in a temp dir: go may write caches next to it, the repo tree stays clean. */
export function copyFixture(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "gosynth-adopt-")), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** A module written from a map of path -> contents, in a temp dir. */
export function writeModule(files: Record<string, string>, name = "svc"): string {
  const dir = join(mkdtempSync(join(tmpdir(), "gosynth-adopt-")), name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A main.go serving HTTP on :8080. */
export const SERVER_MAIN = `package main

import "net/http"

func main() { _ = http.ListenAndServe(":8080", nil) }
`;

/** A main.go that only prints. */
export const TOOL_MAIN = `package main

import "fmt"

func main() { fmt.Println("done") }
`;
