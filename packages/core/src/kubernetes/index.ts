export * from "./probe";
export * from "./manifests";
