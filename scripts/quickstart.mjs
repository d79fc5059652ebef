#!/usr/bin/env node
// Quick start: builds and packs gosynth, then scaffolds an example Go service
// exactly as a user would (`projen new --from <packed @gosynth/core>`), into
// ./quickstart/hello (git-ignored, recreated on every run), and shows it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: "inherit" });
const version = JSON.parse(readFileSync(join(root, "packages/core/package.json"), "utf-8")).version;
const projenVersion = JSON.parse(readFileSync(join(root, "node_modules/projen/package.json"), "utf-8")).version;

sh("node", ["scripts/pack.mjs"], root);
const dir = join(root, "quickstart", "hello");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
sh("npx", ["-y", `projen@${projenVersion}`, "new", "--from", join(root, "dist", `gosynth-core-${version}.tgz`), "go-service", "--module-path", "example.com/acme/hello", "--no-git"], dir);
sh("npx", ["projen"], dir); // re-synthesis: changes nothing
sh("make", ["help"], dir);
console.log(`\nExample service in ${dir}:`);
console.log(readdirSync(dir).filter((f) => f !== "node_modules").sort().join("  "));
console.log(`\nNext: cd ${dir} && make build && ./bin/hello -version`);
