import { readGoMod } from "../go/module";
import type { Problems } from "../util/problems";
import { compareVersions } from "../util/versions";
import { goMinor, goSupportEnded, knownGoReleases, MINIMUM_ADOPTED_GO_MINOR, MINIMUM_STARTER_GO_MINOR, newestGoMinor } from "./go-releases";
import { recoverNumericFlag } from "./go-version-arg";
import type { Pins } from "./pins";
import type { ResolvedGo } from "./resolved-config";
import * as check from "./validators";

/** What the Go resolution reads besides the options. */
export interface GoInputs {
  readonly goVersion: unknown;
  readonly goToolchain: unknown;
  /** go.mod's text, when the project has one. */
  readonly goMod?: string;
  readonly pins?: Pins;
  readonly starterCode: boolean;
}

/** A goVersion option as text (projen new passes "1.20" as the number 1.2: recovered from argv). */
function goVersionText(raw: unknown, problems: Problems): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === "number") {
    const recovered = recoverNumericFlag(raw, "go-version");
    if (recovered === undefined) {
      problems.add("goVersion", raw, "must be a string: as a number, trailing zeros are lost (1.20 becomes 1.2)", `goVersion: "${newestGoMinor()}" in .projenrc.ts`);
      return undefined;
    }
    return recovered;
  }
  if (typeof raw !== "string") {
    problems.add("goVersion", raw, "must be a string", `"${newestGoMinor()}"`);
    return undefined;
  }
  return raw.trim();
}

const EXACT = /^1\.\d+\.\d+$/;

/**
 * The Go the service is built and tested with. The minor: goVersion, else the
 * pinned toolchain's, else go.mod's toolchain line's, else its go line's (the
 * newest Go without a go.mod). The patch: goToolchain, else the pin when it is
 * of that minor, else the newest patch gosynth knows of it. go.mod is never
 * rewritten: its go and toolchain lines must allow the patch.
 */
export function resolveGo(inputs: GoInputs, problems: Problems): ResolvedGo {
  const releases = knownGoReleases();
  const newest = newestGoMinor();
  const fallback: ResolvedGo = { minor: newest, patch: releases[newest], toolsPatch: releases[newest], languageVersion: newest };
  const option = goVersionText(inputs.goVersion, problems);
  if (option !== undefined && !problems.add("goVersion", option, check.checkGoVersion(option), `"${newest}"`)) return fallback;
  const mod = inputs.goMod !== undefined ? readGoMod(inputs.goMod) : {};
  const goLine = mod.goLine;
  const toolchainLine = mod.toolchainLine?.replace(/^go/, "");
  if (goLine !== undefined && !problems.add("go.mod's go line", goLine, check.checkGoVersion(goLine.replace(/(rc|beta)\d+$/, "")), `go ${newest}`)) return fallback;

  const pinned = inputs.pins?.goToolchain && EXACT.test(inputs.pins.goToolchain) ? inputs.pins.goToolchain : undefined;
  const minor = option
    ? goMinor(option)
    : pinned
      ? goMinor(pinned)
      : toolchainLine
        ? goMinor(toolchainLine)
        : goLine
          ? goMinor(goLine)
          : newest;
  const name = option ? "goVersion" : "the Go minor (from gosynth.pins.json or go.mod)";
  const minimum = inputs.starterCode ? MINIMUM_STARTER_GO_MINOR : MINIMUM_ADOPTED_GO_MINOR;
  if (Number(minor.split(".")[1]) < minimum) {
    const why = inputs.starterCode ? `the starter code needs Go 1.${minimum}` : `gosynth adopts modules from Go 1.${minimum} on`;
    problems.add(name, option ?? minor, `must be 1.${minimum} or newer (${why})`, `"${newest}"`);
    return fallback;
  }

  let patch: string | undefined;
  if (inputs.goToolchain !== undefined) {
    const exact = String(inputs.goToolchain).replace(/^go/, "");
    if (!problems.add("goToolchain", inputs.goToolchain, EXACT.test(exact) ? undefined : 'must be an exact release "X.Y.Z"', `"${releases[minor] ?? releases[newest]}"`)) return fallback;
    if (option && goMinor(exact) !== minor) {
      problems.add("goToolchain", inputs.goToolchain, `is not a release of goVersion ${option}`, `"${releases[minor] ?? `${minor}.0`}"`);
      return fallback;
    }
    patch = exact;
  } else if (pinned && goMinor(pinned) === minor) {
    patch = pinned;
  } else {
    patch = releases[minor];
  }
  if (patch === undefined) {
    const known = Object.keys(releases).sort(compareVersions);
    problems.add(name, option ?? minor, `gosynth knows no Go release of ${minor} (known: ${known.join(", ")}); run gosynth upgrade to learn newer releases, or name the exact release with goToolchain`, `"${known[known.length - 1]}"`);
    return fallback;
  }
  // go.mod's lines are minimums: the go command refuses to build with an older Go.
  for (const [line, label] of [
    [goLine, "go"],
    [toolchainLine, "toolchain"],
  ] as const) {
    if (line !== undefined && compareVersions(patch, line) < 0) {
      problems.add(option ? "goVersion" : "goToolchain", option ?? patch, `Go ${patch} is older than go.mod's ${label} line (${label === "go" ? "go " : "toolchain go"}${line}): go.mod stays yours, so build with a Go it allows`, `"${goMinor(line)}"`);
      return fallback;
    }
  }
  const supportEnded = goSupportEnded(minor);
  // The tools build with the newest Go gosynth knows (or the project's, when newer): their own go
  // lines move ahead of a project's minor (golangci-lint v2.15 needs Go 1.26), and a linter must
  // be built with a Go at least as new as the code it reads.
  const toolsPatch = compareVersions(patch, releases[newest]) >= 0 ? patch : releases[newest];
  return { minor, patch, toolsPatch, languageVersion: goLine ?? minor, ...(supportEnded ? { supportEnded } : {}) };
}
