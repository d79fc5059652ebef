import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The file of a project that pins what its generated files use; written by `new`, `init` and `upgrade`, read (offline) at synthesis. */
export const PINS_FILE = "gosynth.pins.json";

/** An action pinned to a release tag and the commit that tag points at. */
export interface PinnedAction {
  /** Release tag, e.g. "v5.0.0". */
  readonly tag: string;
  /** Commit SHA of the tag (what workflows run). */
  readonly sha: string;
}

/**
 * What a project pins: the exact Go toolchain, tool versions, action commits
 * and the npm packages that run .projenrc.ts. Every field is optional: what
 * is missing comes from the tables shipped with @gosynth/core.
 */
export interface Pins {
  /** Exact Go release the project builds with: builder image, CI, golangci-lint. e.g. "1.27.4". */
  readonly goToolchain?: string;
  /** Tool versions by tool ("golangciLint": "v2.15.0"). */
  readonly tools?: { [tool: string]: string };
  /** Actions by "owner/repo". */
  readonly actions?: { [action: string]: PinnedAction };
  /** npm packages of the project's package.json ("projen": "0.103.25"). */
  readonly npm?: { [name: string]: string };
  /**
   * Base image digests read from their registries, by reference without digest
   * ("docker.io/library/golang:1.27.4-trixie": "sha256:..."): the multi-platform
   * index digest each FROM is pinned to.
   */
  readonly images?: { [reference: string]: string };
  /** Base image tags moved by `gosynth upgrade` past gosynth's table, by image ("alpine": "3.24.2"). */
  readonly baseImages?: { [image: string]: string };
}

/** A project's pins file, or undefined when it has none. Throws on a file that is not valid pins. */
export function readPinsFile(dir: string): Pins | undefined {
  const file = join(dir, PINS_FILE);
  if (!existsSync(file)) return undefined;
  let pins: unknown;
  try {
    pins = JSON.parse(readFileSync(file, "utf-8"));
  } catch (e) {
    throw new Error(`${PINS_FILE} is not valid JSON (${(e as Error).message}): fix it, or delete it and run gosynth upgrade`);
  }
  if (typeof pins !== "object" || pins === null || Array.isArray(pins)) throw new Error(`${PINS_FILE} must hold a JSON object`);
  return pins as Pins;
}

/** The pins file's text: stable key order, so a rewrite with the same pins changes no byte. */
export function renderPins(pins: Pins): string {
  const sorted = (o: object | undefined) => (o ? Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))) : undefined);
  const ordered = {
    $comment: "Pinned by gosynth new/init/upgrade; read offline at synthesis. Refresh with: npx projen upgrade (or gosynth upgrade).",
    goToolchain: pins.goToolchain,
    tools: sorted(pins.tools),
    actions: sorted(pins.actions),
    npm: sorted(pins.npm),
    images: sorted(pins.images),
    baseImages: sorted(pins.baseImages),
  };
  return JSON.stringify(ordered, undefined, 2) + "\n";
}
