export * from "./healthcheck";
export * from "./compose-file";
