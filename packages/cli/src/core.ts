import { createRequire } from "node:module";
import { join } from "node:path";

// @gosynth/core is CommonJS (jsii) and loads projen: required lazily, only by
// the commands that need it, so `gosynth --version` stays instant.
const requireHere = createRequire(import.meta.url);

export type Core = typeof import("@gosynth/core");
export type Toolkit = typeof import("@gosynth/core/lib/toolkit/index.js");
export type Adopt = typeof import("@gosynth/core/lib/adopt/index.js");

/** The @gosynth/core this CLI ships with: facts and checks before a project (and its own core) exists. */
export function core(): Core {
  return requireHere("@gosynth/core") as Core;
}

export function toolkit(): Toolkit {
  return requireHere("@gosynth/core/lib/toolkit/index.js") as Toolkit;
}

export function adopt(): Adopt {
  return requireHere("@gosynth/core/lib/adopt/index.js") as Adopt;
}

export type Adoption = typeof import("@gosynth/core/lib/adoption/index.js");

/** gosynth init's plan: what a repository states, as typed options. */
export function adoption(): Adoption {
  return requireHere("@gosynth/core/lib/adoption/index.js") as Adoption;
}

/** The project's own @gosynth/core toolkit (the one its .projenrc.ts runs with). */
export function projectToolkit(dir: string): Toolkit {
  return createRequire(join(dir, "package.json"))("@gosynth/core/lib/toolkit/index.js") as Toolkit;
}

export type Upgrade = typeof import("@gosynth/core/lib/upgrade/index.js");

/** The upgrade logic: the project's own core when it has it (its pins, its rules), else this CLI's. */
export function upgradeModule(dir?: string): Upgrade {
  if (dir) {
    try {
      return createRequire(join(dir, "package.json"))("@gosynth/core/lib/upgrade/index.js") as Upgrade;
    } catch {
      // an older core: this CLI's
    }
  }
  return requireHere("@gosynth/core/lib/upgrade/index.js") as Upgrade;
}
