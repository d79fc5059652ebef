// What tools (the gosynth CLI) take from @gosynth/core instead of keeping copies:
// import from "@gosynth/core/lib/toolkit".
export * from "./error-report";
export * from "./explain";
export { generatedFiles } from "./generated-files";
export * from "./synthesis-events";
export { PINNED_DEV_DEPENDENCIES, bootstrapDependencies } from "../dev-dependencies";
export { formatProblem } from "../config/errors";
export type { ConfigProblem } from "../config/errors";
export { PROJEN_MARKER } from "projen/lib/common";
export { compareGoVersions, goMinor, knownGoReleases, newestGoMinor } from "../config/go-releases";
export { PINS_FILE, readPinsFile, renderPins } from "../config/pins";
export type { Pins, PinnedAction } from "../config/pins";
export { CREATION_PINS_ENV } from "../pins-file";
export { validateOptions } from "./generated-files";
export { STATE_FILE } from "../synthesis/hand-edits";
export { LOCK_FILE } from "../synthesis/lock";
