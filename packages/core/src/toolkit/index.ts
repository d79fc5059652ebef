// What tools (the gosynth CLI) take from @gosynth/core instead of keeping copies:
// import from "@gosynth/core/lib/toolkit".
export * from "../synthesis/error-report";
export * from "./explain";
export { enumChoices, optionProbes } from "./option-probes";
export type { OptionProbe } from "./option-probes";
export { generatedFiles } from "./generated-files";
export type { ProjectInputs } from "./generated-files";
export * from "../synthesis/synthesis-events";
export { PINNED_DEV_DEPENDENCIES, bootstrapDependencies, devDependencySpecs } from "../dev-dependencies";
export { formatProblem, GoSynthConfigError } from "../util/problems";
export type { ConfigProblem } from "../util/problems";
export { compareVersions } from "../util/versions";
export { PROJEN_MARKER } from "projen/lib/common";
export { goMinor, goSupportEnded, knownGoReleases, newestGoMinor } from "../config/go-releases";
export { PINS_FILE, readPinsFile, renderPins } from "../config/pins";
export type { Pins, PinnedAction } from "../config/pins";
export { CREATION_PINS_ENV } from "../pins-file";
export { validateOptions } from "./generated-files";
export { FORCE_ENV, HandEditError, STATE_FILE } from "../synthesis/hand-edits";
export { LOCK_FILE } from "../synthesis/lock";
export { pinnedToolVersions } from "./tools";
