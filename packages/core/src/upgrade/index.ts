// gosynth upgrade: the newest pins from the registries (network), written to gosynth.pins.json.
export * from "./upgrade";
export * as sources from "./sources/index.js";
