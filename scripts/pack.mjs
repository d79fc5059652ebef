#!/usr/bin/env node
// Packs the publishable packages into dist/. @gosynth/core bundles its
// non-jsii dependencies (ejs, yaml and @gosynth/templates) so that
// `projen new --from dist/gosynth-core-<v>.tgz` works with no @gosynth
// package on the registry. npm does not bundle hoisted workspace
// dependencies, so core is packed from a staging copy with a real node_modules.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf-8" });
const readJson = (file) => JSON.parse(readFileSync(file, "utf-8"));

if (!process.argv.includes("--no-build")) run("npx", ["turbo", "run", "build", "--output-logs=errors-only"]);
mkdirSync(dist, { recursive: true });

// What core require()s of a bundled package (CommonJS only): the rest (ESM builds,
// browser bundles, docs, typings) is weight every `npm install` of core unpacks for nothing.
// The packed-project tests (projen new from this tarball) fail if a needed file is left out.
const BUNDLED_RUNTIME_FILES = {
  ejs: ["package.json", "LICENSE", "lib/cjs/"],
  yaml: ["package.json", "LICENSE", "dist/"],
};

/** Copies a package's publishable files (package.json "files" plus package.json and README), or only `keep`. */
function stagePackage(pkgDir, target, keep) {
  const pkg = readJson(join(pkgDir, "package.json"));
  const listed = JSON.parse(run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], pkgDir))[0].files.map((f) => f.path);
  const kept = keep ? listed.filter((f) => keep.some((k) => (k.endsWith("/") ? f.startsWith(k) && !f.endsWith(".d.ts") : f === k))) : listed;
  for (const file of kept) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(pkgDir, file), join(target, file));
  }
  return pkg;
}

const stage = join(dist, ".stage");
rmSync(stage, { recursive: true, force: true });

const coreDir = join(root, "packages", "core");
const coreStage = join(stage, "core");
const core = stagePackage(coreDir, coreStage);
// jsii inlines each module's source map: half of lib/'s bytes, unpacked by every install of
// core. Published without them; stack traces then name lib/'s JavaScript lines.
for (const file of readdirSync(join(coreStage, "lib"), { recursive: true })) {
  if (!String(file).endsWith(".js")) continue;
  const path = join(coreStage, "lib", String(file));
  writeFileSync(path, readFileSync(path, "utf-8").replace(/\n\/\/# sourceMappingURL=data:[^\n]*\n?$/, "\n"));
}
for (const dep of core.bundleDependencies ?? core.bundledDependencies ?? []) {
  const source = dirname(join(root, "node_modules", dep, "package.json"));
  const depDir = dep === "@gosynth/templates" ? join(root, "packages", "templates") : source;
  stagePackage(depDir, join(coreStage, "node_modules", dep), BUNDLED_RUNTIME_FILES[dep]);
}

const tarballs = [];
const pack = (cwd) => {
  const out = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dist], cwd))[0];
  tarballs.push(join(dist, out.filename));
};
pack(coreStage);
pack(join(root, "packages", "templates"));
pack(join(root, "packages", "cli"));
rmSync(stage, { recursive: true, force: true });
for (const t of tarballs) {
  if (!existsSync(t)) throw new Error(`missing ${t}`);
  console.log(t);
}
