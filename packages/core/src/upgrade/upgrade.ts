import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { goMinor, newestGoMinor, knownGoReleases } from "../config/go-releases";
import { compareVersions } from "../util/versions";
import { PINS_FILE, type Pins, readPinsFile, renderPins } from "../config/pins";
import { readGoMod } from "../adopt/go-mod";
import { tablePins } from "../pins-file";
import { Tools } from "../tool-versions";
import type { GoServiceProjectOptions } from "../config/options";
import { planImagePins } from "./image-pins";
import { writeGoVersion } from "./projenrc-go-version";
import { newestActionTag, newestGoToolchain, newestModuleVersion, newestNpmVersion, NotFoundError } from "./sources/index.js";

/** What `upgrade` may move. images: the base images' digests (and alpine's tag), read from their registries. */
export type UpgradeScope = "go" | "tools" | "actions" | "npm" | "images";
// images last: the builder's tag follows the Go toolchain the go scope moved.
export const UPGRADE_SCOPES: readonly UpgradeScope[] = ["go", "tools", "actions", "npm", "images"];

export interface UpgradeOptions {
  /** The project directory. */
  readonly dir: string;
  /** What to move. @default every scope */
  readonly only?: readonly UpgradeScope[];
  /** Move Go to the newest minor (default: the newest patch of the pinned minor). */
  readonly minor?: boolean;
  /** GOPROXY to read (default: as go reads it). */
  readonly goproxy?: string;
  /** Where action repositories live (default https://github.com; tests use local bare repositories). */
  readonly actionsBaseUrl?: string;
  /** npm registry (default: as npm reads it). */
  readonly npmRegistry?: string;
  /** Container registry mirrors, "docker.io=http://127.0.0.1:5000,gcr.io=..." (default: GOSYNTH_REGISTRY_MIRRORS of env). */
  readonly registryMirrors?: string;
  /**
   * The project's options (its .projenrc.ts): which bases its Dockerfiles name, for the images
   * scope. Default: the base image and Debian release its generated Dockerfile shows.
   */
  readonly project?: GoServiceProjectOptions;
  /** Environment for the sources (GOPROXY, GOSYNTH_REGISTRY_MIRRORS...). */
  readonly env?: NodeJS.ProcessEnv;
}

/** One pin that moved. */
export interface PinChange {
  readonly what: string;
  readonly from?: string;
  readonly to: string;
}

export interface UpgradePlan {
  readonly pins: Pins;
  readonly changes: PinChange[];
  /** Things seen and left alone, with why. */
  readonly notes: string[];
}


/** The pins the project uses now: its file, else gosynth's tables for its go line. */
export function currentPins(dir: string): Pins {
  const file = readPinsFile(dir);
  if (file) return file;
  const goMod = existsSync(join(dir, "go.mod")) ? readFileSync(join(dir, "go.mod"), "utf-8") : "";
  const line = readGoMod(goMod).goLine;
  const releases = knownGoReleases();
  const minor = line && releases[goMinor(line)] ? goMinor(line) : newestGoMinor();
  return tablePins(releases[minor]);
}

/**
 * The newest pins the sources serve, computed before anything is written: a
 * source that cannot be reached throws (naming it) and the tree stays as it was.
 */
export async function planUpgrade(options: UpgradeOptions): Promise<UpgradePlan> {
  const scopes = new Set(options.only ?? UPGRADE_SCOPES);
  const current = currentPins(options.dir);
  const proxy = { goproxy: options.goproxy, env: options.env };
  const changes: PinChange[] = [];
  const notes: string[] = [];
  let goToolchain = current.goToolchain;
  if (scopes.has("go") && goToolchain) {
    const newest = await newestGoToolchain({ ...proxy, minor: goMinor(goToolchain), allowNewMinor: options.minor ?? false });
    if (compareVersions(newest, goToolchain) > 0) {
      changes.push({ what: "Go toolchain", from: goToolchain, to: newest });
      goToolchain = newest;
    }
  }
  const tools = { ...current.tools };
  if (scopes.has("tools")) {
    // Every tool a project pins, from gosynth's one table.
    for (const tool of Tools.pinnedTools()) {
      const module = Tools.tool(tool).module!;
      const pinned = tools[tool];
      const major = pinned ? pinned.replace(/^v/, "").split(".")[0] : undefined;
      const newest = await newestModuleVersion(module, { ...proxy, ...(major ? { major } : {}) });
      if (newest !== pinned) {
        changes.push({ what: tool, from: pinned, to: newest });
        tools[tool] = newest;
      }
    }
  }
  const actions = { ...current.actions };
  if (scopes.has("actions")) {
    for (const [name, pin] of Object.entries(actions)) {
      const latest = await newestActionTag(name, { baseUrl: options.actionsBaseUrl, major: pin.tag, env: options.env });
      if (latest.tag !== pin.tag || latest.sha !== pin.sha) {
        changes.push({ what: name, from: `${pin.tag} (${pin.sha.slice(0, 12)})`, to: `${latest.tag} (${latest.sha.slice(0, 12)})` });
        actions[name] = { tag: latest.tag, sha: latest.sha };
      }
    }
  }
  const npm = { ...current.npm };
  if (scopes.has("npm")) {
    const projen = npm.projen;
    const latest = await newestNpmVersion("projen", { registry: options.npmRegistry, env: options.env });
    // @gosynth/core works with one projen minor (its peer range): newer minors wait for a newer core.
    if (projen && latest !== projen) {
      if (goMinor(latest) === goMinor(projen) && compareVersions(latest, projen) > 0) {
        changes.push({ what: "projen", from: projen, to: latest });
        npm.projen = latest;
      } else if (goMinor(latest) !== goMinor(projen)) {
        notes.push(`projen ${latest} is out; @gosynth/core supports ${goMinor(projen)}.x, so projen stays at ${projen}`);
      }
    }
    try {
      const core = await newestNpmVersion("@gosynth/core", { registry: options.npmRegistry, env: options.env });
      const installed = installedVersion(options.dir, "@gosynth/core");
      if (installed && core !== installed) notes.push(`@gosynth/core ${core} is out (installed: ${installed}): npm install -D @gosynth/core@${core}`);
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      notes.push("@gosynth/core is not on the npm registry (installed from a file): left as it is");
    }
  }
  let { images, baseImages } = current;
  if (scopes.has("images")) {
    const plan = await planImagePins({
      dir: options.dir,
      pins: { ...current, goToolchain },
      project: options.project,
      registry: { mirrors: options.registryMirrors, env: options.env },
    });
    changes.push(...plan.changes);
    notes.push(...plan.notes);
    images = Object.keys(plan.images).length > 0 ? plan.images : undefined;
    baseImages = Object.keys(plan.baseImages).length > 0 ? plan.baseImages : undefined;
  }
  return { pins: { goToolchain, tools, actions, npm, ...(images ? { images } : {}), ...(baseImages ? { baseImages } : {}) }, changes, notes };
}

function installedVersion(dir: string, name: string): string | undefined {
  const file = join(dir, "node_modules", name, "package.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf-8")) as { version: string }).version : undefined;
}

/** Writes the pins file when the plan changes it; true when it did. A second run with nothing new writes nothing. */
export function writePins(dir: string, pins: Pins): boolean {
  const file = join(dir, PINS_FILE);
  const text = renderPins(pins);
  if (existsSync(file) && readFileSync(file, "utf-8") === text) return false;
  writeFileSync(file, text);
  return true;
}

/**
 * Writes the plan: the pins file and, when the Go minor moved (--minor), goVersion
 * in .projenrc.ts. `restore` puts both back (a synthesis that fails after it).
 */
export function applyUpgrade(dir: string, plan: UpgradePlan): { changed: boolean; notes: string[]; restore: () => void } {
  const file = join(dir, PINS_FILE);
  const pinsBefore = existsSync(file) ? readFileSync(file, "utf-8") : undefined;
  const toolchainBefore = currentPins(dir).goToolchain;
  const notes: string[] = [];
  let projenrcBefore: string | undefined;
  const minorAfter = plan.pins.goToolchain ? goMinor(plan.pins.goToolchain) : undefined;
  if (minorAfter && toolchainBefore && minorAfter !== goMinor(toolchainBefore)) {
    const moved = writeGoVersion(dir, minorAfter);
    projenrcBefore = moved.before;
    if (moved.note) notes.push(moved.note);
  }
  const changed = writePins(dir, plan.pins) || projenrcBefore !== undefined;
  const restore = () => {
    if (pinsBefore === undefined) rmSync(file, { force: true });
    else writeFileSync(file, pinsBefore);
    if (projenrcBefore !== undefined) writeFileSync(join(dir, ".projenrc.ts"), projenrcBefore);
  };
  return { changed, notes, restore };
}

/** "Go toolchain 1.27.2 -> 1.27.4" lines, or "up to date". */
export function describeChanges(plan: UpgradePlan): string[] {
  const lines = plan.changes.length === 0 ? ["up to date"] : plan.changes.map((c) => `${c.what} ${c.from ?? "(none)"} -> ${c.to}`);
  return [...lines, ...plan.notes.map((n) => `note: ${n}`)];
}
