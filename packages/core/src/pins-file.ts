import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Component, Project } from "projen";
import { PINS_FILE, type Pins, renderPins } from "./config/pins";
import type { ResolvedGoServiceConfig } from "./config/resolved-config";
import { PINNED_DEV_DEPENDENCIES } from "./dev-dependencies";
import { Tools, type ToolVersions } from "./tool-versions";

/** Set by `gosynth new`/`init` to a pins file resolved from the registries, for a project that has none yet. */
export const CREATION_PINS_ENV = "GOSYNTH_PINS";

/** The pins `gosynth new` resolved (network) for the project being created, if any. */
export function pinsForCreation(): Pins | undefined {
  const file = process.env[CREATION_PINS_ENV];
  if (!file || !existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf-8")) as Pins;
}

/** The pins of these tool versions and action commits: what a gosynth.pins.json holds. */
function pinsFrom(goToolchain: string, tools: ToolVersions, actionShas: { readonly [name: string]: string }): Pins {
  const actions: { [name: string]: { tag: string; sha: string } } = {};
  for (const uses of Object.values(tools.actions)) {
    const [name, tag] = uses.split("@");
    if (actionShas[name]) actions[name] = { tag, sha: actionShas[name] };
  }
  return { goToolchain, tools: { golangciLint: tools.golangciLint, goreleaser: tools.goreleaser }, actions, npm: { projen: PINNED_DEV_DEPENDENCIES.projen } };
}

/** Pins from gosynth's own tables, for a project that has no pins file yet. */
export function tablePins(goToolchain: string): Pins {
  const tools = Tools.versions();
  return pinsFrom(goToolchain, tools, tools.actionShas);
}

/** The pins a resolved config uses. */
export function pinsOf(config: ResolvedGoServiceConfig): Pins {
  return pinsFrom(config.go.patch, config.tools, config.ci.actionShas);
}

/**
 * gosynth.pins.json: the project's pins, as data it owns (like a lock file).
 * Synthesis writes it only when it is missing (from the pins in use); `gosynth
 * upgrade` rewrites it from the registries. Nothing here uses the network.
 */
export class PinsFile extends Component {
  private readonly pins: Pins;

  public constructor(project: Project, pins: Pins) {
    super(project);
    this.pins = pins;
  }

  public synthesize(): void {
    const file = join(this.project.outdir, PINS_FILE);
    if (!existsSync(file)) writeFileSync(file, renderPins(this.pins));
  }
}
