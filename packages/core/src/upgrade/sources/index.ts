// The read-only sources of `gosynth upgrade`: where the newest versions of pinned things come from.
export * from "./errors.js";
export * from "../../util/versions";
export * from "./module-path.js";
export * from "./goproxy.js";
export * from "./npm-registry.js";
export * from "./pypi.js";
export * from "./git-tags.js";
export * from "./oci-registry.js";
