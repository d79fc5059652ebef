#!/usr/bin/env node
// npm run bench: measures, side by side in one run on this machine, what the
// benchmark issue asks for, and writes BENCHMARKS.md. Not part of the tests.
//   node bench/run.mjs [--runs N] [--skip-images]
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 7;
const projenVersion = JSON.parse(readFileSync(join(root, "node_modules/projen/package.json"), "utf-8")).version;
const cli = join(root, "packages/cli/bin/gosynth.mjs");
const work = mkdtempSync(join(tmpdir(), "gosynth-bench-"));
const sh = (cmd, args, cwd, env = {}) => {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf-8", env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};
const time = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], n: s.length };
};
const fmt = (s) => `${(s.median / 1000).toFixed(2)} s (min ${(s.min / 1000).toFixed(2)}, max ${(s.max / 1000).toFixed(2)}, n=${s.n})`;
const log = (...a) => console.error("[bench]", ...a);

log("packing gosynth");
sh("node", ["scripts/pack.mjs"], root);
const tarball = join(root, "dist/gosynth-core-0.1.0.tgz");

// 2. new, end to end, without the dependency install (--no-post), alternated.
log("projen new: gosynth go-service vs projen typescript");
const newOurs = [];
const newTs = [];
const warm = (dir, args) => sh("npx", ["-y", `projen@${projenVersion}`, "new", ...args, "--no-git"], dir);
for (let i = 0; i < Math.max(3, Math.floor(runs / 2)); i++) {
  const a = join(work, `new-go-${i}`);
  const b = join(work, `new-ts-${i}`);
  mkdirSync(a);
  mkdirSync(b);
  newOurs.push(time(() => warm(a, ["--from", tarball, "go-service", "--module-path", "example.com/acme/bench", "--no-post"])));
  newTs.push(time(() => warm(b, ["typescript", "--no-post"])));
}

// Real projects (with their dependencies) for the re-synthesis comparison.
log("creating the two projects with dependencies installed");
const ours = join(work, "go-service");
const theirs = join(work, "ts-project");
mkdirSync(ours);
mkdirSync(theirs);
warm(ours, ["--from", tarball, "go-service", "--module-path", "example.com/acme/bench"]);
warm(theirs, ["typescript"]);
sh("npx", ["projen"], theirs);

// 1. Re-synthesis after a config change, alternating the three ways and the floor.
const rcOurs = join(ours, ".projenrc.ts");
const rcTheirs = join(theirs, ".projenrc.ts");
let flip = false;
const changeOurs = () => writeFileSync(rcOurs, readFileSync(rcOurs, "utf-8").replace(/name: "go-service",\n(  port: \d+,\n)?/, `name: "go-service",\n  port: ${(flip = !flip) ? 9000 : 9001},\n`));
const changeTheirs = () => writeFileSync(rcTheirs, readFileSync(rcTheirs, "utf-8").replace(/description: "[^"]*",\n|(name: "ts-project",\n)/, (m, n) => `${n ?? ""}description: "bench ${Math.random()}",\n`));
const resynth = { npxProjen: [], gosynthSynth: [], projenTypescript: [], floor: [] };
log(`re-synthesis: ${runs} rounds`);
for (let i = 0; i < runs; i++) {
  changeOurs();
  resynth.npxProjen.push(time(() => sh("npx", ["projen"], ours)));
  changeTheirs();
  resynth.projenTypescript.push(time(() => sh("npx", ["projen"], theirs)));
  changeOurs();
  resynth.gosynthSynth.push(time(() => sh("node", [cli, "synth"], ours)));
  resynth.floor.push(time(() => sh("node", ["-e", "require('projen')"], ours)));
}

// 3. Scale: 1, 10, 100 services in one repository (projen subprojects), in a child process.
log("scale: 1, 10, 100 services");
const scale = [];
for (const n of [1, 10, 100]) {
  const dir = join(work, `scale-${n}`);
  mkdirSync(dir);
  const script = `
    process.env.PROJEN_DISABLE_POST = "true";
    const { Project } = require(${JSON.stringify(join(root, "node_modules/projen"))});
    const { GoServiceProject } = require(${JSON.stringify(join(root, "packages/core/lib"))});
    const t = process.hrtime.bigint();
    const root = new Project({ name: "platform", outdir: ${JSON.stringify(dir)} });
    for (let i = 0; i < ${n}; i++) new GoServiceProject({ parent: root, outdir: "services/svc" + i, name: "svc" + i, modulePath: "example.com/acme/svc" + i, ci: false });
    root.synth();
    console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`;
  const r = JSON.parse(sh("node", ["-e", script], dir).trim().split("\n").pop());
  scale.push({ services: n, ...r });
}

// 4. What we generate: binary size with and without -s -w.
log("binary sizes");
const bin = join(work, "bin-size");
cpSync(ours, bin, { recursive: true, filter: (s) => !s.includes("node_modules") });
// The project's own Go (its pinned toolchain; this machine's go env may say GOTOOLCHAIN=local).
const goEnv = { CGO_ENABLED: "0", GOTOOLCHAIN: `go${/^GO_TOOLCHAIN := (\S+)$/m.exec(readFileSync(join(ours, "Makefile"), "utf-8"))[1]}` };
sh("go", ["build", "-trimpath", "-ldflags=-X main.version=bench", "-o", "full", "./cmd/go-service"], bin, goEnv);
sh("go", ["build", "-trimpath", "-ldflags=-s -w -X main.version=bench", "-o", "stripped", "./cmd/go-service"], bin, goEnv);
const binary = { full: statSync(join(bin, "full")).size, stripped: statSync(join(bin, "stripped")).size };

// Images: size per base, cold build and rebuild after editing one .go file (podman, offline stand-ins).
const images = {};
if (!process.argv.includes("--skip-images") && spawnSync("sh", ["-c", "command -v podman"]).status === 0) {
  const env = { CONTAINERS_CONF: join(root, "scripts/container/containers.conf"), CONTAINERS_STORAGE_CONF: join(root, "scripts/container/storage.conf") };
  const goPatch = /golang:(\S+)-bookworm/.exec(readFileSync(join(ours, "Dockerfile"), "utf-8"))[1];
  sh("bash", [join(root, "scripts/container/standins.sh"), goPatch, "3.22.2"], root);
  const baseSize = (ref) => Number(sh("podman", ["image", "inspect", "--format", "{{.Size}}", ref], root, env).trim());
  for (const [name, options, baseRef] of [
    ["distroless-static", {}, "gcr.io/distroless/static-debian12:nonroot"],
    ["distroless-base (cgo)", { baseImage: "distroless-base", cgo: true }, "gcr.io/distroless/base-debian12:nonroot"],
    ["alpine", { baseImage: "alpine" }, "docker.io/library/alpine:3.22.2"],
    ["scratch", { baseImage: "scratch" }, undefined],
  ]) {
    log(`image ${name}`);
    const dir = join(work, `img-${name.split(" ")[0]}`);
    mkdirSync(dir, { recursive: true });
    sh("node", ["-e", `process.env.PROJEN_DISABLE_POST="true";const {GoServiceProject}=require(${JSON.stringify(join(root, "packages/core/lib"))});new GoServiceProject({name:"svc",modulePath:"example.com/acme/svc-${name.split(" ")[0]}",outdir:${JSON.stringify(dir)},...${JSON.stringify(options)}}).synth();`], root);
    const tag = `localhost/bench/${name.split(" ")[0]}`;
    // Stand-ins again: cheap when present, and another podman user may have re-tagged them.
    sh("bash", [join(root, "scripts/container/standins.sh"), goPatch, "3.22.2"], root);
    // Cold: a module path of its own (no layer of another variant matches) and empty
    // cache mounts (buildah keeps them under /var/tmp). Not --layers=false: with it,
    // buildah 1.28 drops the tag of a base image that a stage uses unchanged.
    sh("sh", ["-c", `podman rmi -f ${tag} >/dev/null 2>&1; podman image prune -f >/dev/null; rm -rf /var/tmp/buildah-cache*`], root, env);
    const build = () => sh("podman", ["build", "--format", "docker", "--pull=never", "--build-arg", "BUILDPLATFORM=linux/amd64", "-t", tag, "."], dir, env);
    const cold = time(build);
    // One real code change: a new function in one package.
    const server = join(dir, "internal/server/server.go");
    writeFileSync(server, `${readFileSync(server, "utf-8")}\n// Edited reports that the benchmark changed this file.\nfunc Edited() bool { return true }\n`);
    const rebuild = time(build);
    images[name] = { sizeMb: baseSize(tag) / 1e6, baseMb: baseRef ? baseSize(baseRef) / 1e6 : 0, coldS: cold / 1000, rebuildS: rebuild / 1000 };
  }
}

// Report.
const r = Object.fromEntries(Object.entries(resynth).map(([k, v]) => [k, stats(v)]));
const ratio = (a, b) => (a.median / b.median).toFixed(2);
const cpu = cpus()[0]?.model ?? "unknown";
const lines = [
  "# Benchmarks",
  "",
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, projen ${projenVersion}.`,
  `Medians of ${runs} alternating runs, with min and max. Wall-clock times of whole commands, as a user sees them.`,
  "",
  "## Re-synthesis after a config change",
  "",
  "| what | time | vs projen typescript |",
  "| --- | --- | --- |",
  `| projen's own \`typescript\` project, \`npx projen\` | ${fmt(r.projenTypescript)} | 1.00 |`,
  `| gosynth project, \`npx projen\` | ${fmt(r.npxProjen)} | ${ratio(r.npxProjen, r.projenTypescript)} (target ≤ 0.30) |`,
  `| gosynth project, \`gosynth synth\` | ${fmt(r.gosynthSynth)} | ${ratio(r.gosynthSynth, r.projenTypescript)} (target ≤ 0.15) |`,
  `| floor: \`node -e "require('projen')"\` | ${fmt(r.floor)} | ${ratio(r.floor, r.projenTypescript)} |`,
  "",
  `\`gosynth synth\` is ${ratio(r.gosynthSynth, r.floor)}x the floor (target ≤ 2).`,
  "",
  "## `projen new` (synthesis only: `--no-post`, npm cache warm)",
  "",
  `| gosynth \`go-service\` | ${fmt(stats(newOurs))} |`,
  "| --- | --- |",
  `| projen \`typescript\` | ${fmt(stats(newTs))} |`,
  "",
  "## Scale: services in one repository (in-process synthesis, subprojects)",
  "",
  "| services | time | peak RSS |",
  "| --- | --- | --- |",
  ...scale.map((s) => `| ${s.services} | ${(s.ms / 1000).toFixed(2)} s | ${s.maxRssMb.toFixed(0)} MB |`),
  "",
  `Per service: ${(scale[1].ms / 10).toFixed(0)} ms at 10, ${(scale[2].ms / 100).toFixed(0)} ms at 100 (target: 100 services in under 3 s).`,
  "",
  "## What we generate",
  "",
  `Binary (starter service, linux/amd64): ${(binary.full / 1e6).toFixed(2)} MB without \`-s -w\`, ${(binary.stripped / 1e6).toFixed(2)} MB with (${((1 - binary.stripped / binary.full) * 100).toFixed(0)}% smaller).`,
  "",
];
if (Object.keys(images).length) {
  lines.push(
    "Images, built with podman 4.3 on the offline stand-in base images (scripts/container/standins.sh: sizes of the stand-ins, not of the real distroless/alpine images):",
    "",
    "| base | image | base image | image − base | cold build | rebuild after editing one .go file |",
    "| --- | --- | --- | --- | --- | --- |",
    ...Object.entries(images).map(([n, i]) => `| ${n} | ${i.sizeMb.toFixed(2)} MB | ${i.baseMb.toFixed(2)} MB | ${(i.sizeMb - i.baseMb).toFixed(2)} MB | ${i.coldS.toFixed(1)} s | ${i.rebuildS.toFixed(1)} s (${((i.rebuildS / i.coldS) * 100).toFixed(0)}%) |`),
    "",
  );
}
lines.push("## Notes on method\n\n- Re-synthesis: each round edits `.projenrc.ts` (our port; the typescript project's description) and runs the command; the three commands and the floor alternate within each round.\n- `projen new` for gosynth includes installing the `@gosynth/core` tarball into the new directory (projen's own types need no install); dependency installation (`npm install`) is excluded with `--no-post` for both.\n- Scale: one Node process synthesizes a root project with N `GoServiceProject` subprojects (`ci: false`), without npm install; peak RSS from `process.resourceUsage()`.\n- Images: cold = a module path no earlier build used, no leftover layers, empty cache mounts; rebuild = the same build after adding a function to one package (layer cache and the Go build cache mount at work).\n");
writeFileSync(join(root, "BENCHMARKS.md"), lines.join("\n"));
console.log(lines.join("\n"));
rmSync(work, { recursive: true, force: true });
