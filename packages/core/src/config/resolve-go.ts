import { readGoMod } from "../adopt/go-mod";
import { compareGoVersions, goMinor, knownGoReleases, MINIMUM_ADOPTED_GO_MINOR, MINIMUM_STARTER_GO_MINOR, newestGoMinor } from "./go-releases";
import { recoverNumericFlag } from "./go-version-arg";
import type { Pins } from "./pins";
import * as check from "./validators";

/** Reports one problem: option, value, problem, example. */
export type AddProblem = (option: string, value: unknown, problem: string | undefined, example: string) => boolean;

/** What the Go resolution reads besides the options. */
export interface GoInputs {
  readonly goVersion: unknown;
  readonly goToolchain: unknown;
  /** go.mod's text, when the project has one. */
  readonly goMod?: string;
  readonly pins?: Pins;
  readonly starterCode: boolean;
}

/** The Go facts of a project. */
export interface GoResolution {
  /** The go line: "1.27", "1.16", "1.25.0". */
  readonly version: string;
  /** The exact release that builds: "1.27.4". */
  readonly patch: string;
  /** True when .projenrc.ts owns the go line (synthesis keeps go.mod's equal to it). */
  readonly syncGoMod: boolean;
}


/** A goVersion option as text (projen new passes "1.20" as the number 1.2: recovered from argv). */
function goVersionText(raw: unknown, add: AddProblem): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === "number") {
    const recovered = recoverNumericFlag(raw, "go-version");
    if (recovered === undefined) {
      add("goVersion", raw, "must be a string: as a number, trailing zeros are lost (1.20 becomes 1.2)", `goVersion: "${newestGoMinor()}" in .projenrc.ts`);
      return undefined;
    }
    return recovered;
  }
  if (typeof raw !== "string") {
    add("goVersion", raw, "must be a string", `"${newestGoMinor()}"`);
    return undefined;
  }
  return raw.trim();
}

/**
 * The go line and the toolchain. The go line is the minimum language version
 * (the option's, else go.mod's); the toolchain is an exact release that
 * satisfies it and go.mod's toolchain line: the option's, else the pinned one,
 * else the newest known patch — of the go line's minor when .projenrc.ts owns
 * the line, of the newest minor otherwise (never the x.y.0 a go line names).
 */
export function resolveGo(inputs: GoInputs, add: AddProblem): GoResolution {
  const releases = knownGoReleases();
  const newest = newestGoMinor();
  const fallback: GoResolution = { version: newest, patch: releases[newest], syncGoMod: true };
  const optionLine = goVersionText(inputs.goVersion, add);
  const mod = inputs.goMod !== undefined ? readGoMod(inputs.goMod) : {};
  const modLine = mod.goLine;
  const toolchainLine = mod.toolchainLine?.replace(/^go/, "");
  const syncGoMod = optionLine !== undefined || modLine === undefined;
  const line = optionLine ?? modLine ?? newest;
  const option = optionLine !== undefined ? "goVersion" : "go.mod's go line";
  if (!add(option, line, check.checkGoVersion(line), `"${newest}" or "${releases[newest]}"`)) return fallback;
  const minimum = inputs.starterCode ? MINIMUM_STARTER_GO_MINOR : MINIMUM_ADOPTED_GO_MINOR;
  if (Number(line.split(".")[1]) < minimum) {
    const why = inputs.starterCode ? `the starter code needs Go 1.${minimum}` : `gosynth adopts modules from go 1.${minimum} on; raise it with go mod edit -go=1.${minimum}`;
    add(option, line, `must be 1.${minimum} or newer (${why})`, `"${newest}"`);
    return fallback;
  }
  const floor = [line, ...(toolchainLine ? [toolchainLine] : [])].sort(compareGoVersions).pop()!;

  if (inputs.goToolchain !== undefined) {
    const exact = String(inputs.goToolchain).replace(/^go/, "");
    if (!add("goToolchain", inputs.goToolchain, /^1\.\d+\.\d+$/.test(exact) ? undefined : 'must be an exact release "X.Y.Z"', `"${releases[newest]}"`)) return fallback;
    if (compareGoVersions(exact, floor) < 0) {
      add("goToolchain", inputs.goToolchain, `is older than go.mod needs (go ${line}${toolchainLine ? `, toolchain go${toolchainLine}` : ""})`, `"${releases[goMinor(floor)] ?? releases[newest]}"`);
      return fallback;
    }
    return { version: line, patch: exact, syncGoMod };
  }
  const satisfies = (patch: string) => compareGoVersions(patch, floor) >= 0;
  // A pin (written by new/init/upgrade, possibly a newer minor after upgrade --minor) wins when it satisfies the lines.
  const pinned = inputs.pins?.goToolchain;
  if (pinned && /^1\.\d+\.\d+$/.test(pinned) && satisfies(pinned)) return { version: line, patch: pinned, syncGoMod };
  const candidate = syncGoMod ? releases[goMinor(line)] : releases[newest];
  if (candidate && satisfies(candidate)) return { version: line, patch: candidate, syncGoMod };
  if (syncGoMod && /^\d+\.\d+\.\d+$/.test(line)) return { version: line, patch: line, syncGoMod };
  add(
    option,
    line,
    `gosynth knows no Go release for it (known: ${Object.values(releases).join(", ")}); run gosynth upgrade --minor, or set goToolchain`,
    `goToolchain: "${line.split(".").length === 3 ? line : `${line}.0`}"`,
  );
  return fallback;
}
