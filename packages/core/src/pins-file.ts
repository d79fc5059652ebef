import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { PINS_FILE, type Pins, renderPins } from "./config/pins";
import { PINNED_DEV_DEPENDENCIES } from "./dev-dependencies";
import { Tools } from "./tool-versions";

/** Set by `gosynth new`/`init` to a pins file resolved from the registries, for a project that has none yet. */
export const CREATION_PINS_ENV = "GOSYNTH_PINS";

/** The pins `gosynth new` resolved (network) for the project being created, if any. */
export function pinsForCreation(): Pins | undefined {
  const file = process.env[CREATION_PINS_ENV];
  if (!file || !existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf-8")) as Pins;
}

/** What a gosynth.pins.json holds for these versions: the pinned tools, the actions (tag and commit), projen, the image digests. */
export function pinsFrom(goToolchain: string, tools: { readonly [tool: string]: string }, actions: { readonly [role: string]: string }, actionShas: { readonly [name: string]: string }, images: { readonly [reference: string]: string } = {}): Pins {
  const pinnedActions: { [name: string]: { tag: string; sha: string } } = {};
  for (const uses of Object.values(actions)) {
    const { repository, tag } = Tools.actionRef(uses);
    if (actionShas[repository]) pinnedActions[repository] = { tag, sha: actionShas[repository] };
  }
  const pinnedTools = Object.fromEntries(Tools.pinnedTools().flatMap((key) => (tools[key] ? [[key, tools[key]]] : [])));
  return { goToolchain, tools: pinnedTools, actions: pinnedActions, npm: { projen: PINNED_DEV_DEPENDENCIES.projen }, ...(Object.keys(images).length > 0 ? { images: { ...images } } : {}) };
}

/** Pins from gosynth's own tables, for a project that has no pins file yet. */
export function tablePins(goToolchain: string): Pins {
  const table = Tools.table();
  return pinsFrom(goToolchain, Object.fromEntries(Object.entries(table.tools).map(([k, t]) => [k, t.version])), table.actions, table.actionShas);
}

/** Props of the pins file. */
export interface PinsFileProps {
  /** The pins in use: written when the project has no pins file yet. */
  readonly pins: Pins;
}

/**
 * gosynth.pins.json: the project's pins, as data it owns (like a lock file).
 * Synthesis writes it when it is missing (from the pins in use), and moves its
 * goToolchain when goVersion names another minor (as npm updates its lock when
 * package.json changes), so upgrade moves the patch the project builds with.
 * `gosynth upgrade` rewrites it from the registries. Nothing here uses the network.
 */
export class PinsFile extends Component {
  private readonly pins: Pins;

  public constructor(scope: IConstruct, id: string, props: PinsFileProps) {
    super(scope, id);
    this.pins = props.pins;
  }

  public synthesize(): void {
    const file = join(this.project.outdir, PINS_FILE);
    if (!existsSync(file)) {
      writeFileSync(file, renderPins(this.pins));
      return;
    }
    const current = JSON.parse(readFileSync(file, "utf-8")) as Pins;
    if (current.goToolchain !== this.pins.goToolchain) writeFileSync(file, renderPins({ ...current, goToolchain: this.pins.goToolchain }));
  }
}
