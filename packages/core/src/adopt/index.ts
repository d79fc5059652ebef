// gosynth init's detection of an existing Go repository (its code and the readers of its
// packaging files in import/). Imported by the CLI as
// @gosynth/core/lib/adopt; deliberately not part of the jsii API (index.ts of core).
export { detectCgo, parseJsonStream } from "./cgo";
export type { CgoReport } from "./cgo";
export { detectService, describeService } from "./detect";
export type { DetectedBinary, DetectedService, DetectOptions } from "./detect";
export { DetectionError } from "./errors";
export type { DetectionProblem } from "./errors";
export { runGo } from "./go-command";
export type { GoOptions, GoResult } from "./go-command";
export { binaryNameFromModule, majorVersionSuffix, readGoMod, readGoModFile, sanitizeBinaryName } from "./go-mod";
export type { GoModInfo } from "./go-mod";
export { hasHealthcheckSubcommand } from "./healthcheck";
export type { HealthcheckReport } from "./healthcheck";
export { findMainPackages, pickServer } from "./mains";
export type { ListenEvidence, MainPackages, PickedServer } from "./mains";
export { readsPortEnv } from "./port-env";
export type { PortEnvReport } from "./port-env";
export { findVersionVariables } from "./version-vars";
export type { VersionRole, VersionVariable, VersionVariables } from "./version-vars";
export { detectPort } from "./port";
export type { PortCandidate, PortReport } from "./port";
export { detectHealthPath } from "./health-path";
export type { HealthPathReport } from "./health-path";
export { findHealthcheckCommand } from "./healthcheck";
export type { HealthcheckCommand } from "./healthcheck";
export { findBuildTimeVariables } from "./version-vars";
export type { BuildTimeVariable, BuildTimeVariables } from "./version-vars";
export { detectVendoring } from "./vendor";
export type { VendoringReport } from "./vendor";
