import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { adopt, adoption, toolkit } from "../core.js";
import { installedManifestChanged, npmInstall, writeInstallManifest } from "../npm.js";
import { resolveNewestPins } from "../pins.js";
import { synthesize } from "../synthesize.js";
import { begin, bold, EXIT, green, say, UserError } from "../ui.js";
import { resolveFrom } from "./new.js";

export interface InitOptions {
  readonly dir: string;
  readonly backup: boolean;
  readonly ci: boolean;
  readonly goreleaser: boolean;
  readonly from?: string;
  readonly projenVersion?: string;
  /** The main package the image runs (default: detected). */
  readonly main?: string;
  /** A path the service answers health checks on: the image probes it over HTTP. */
  readonly healthPath?: string;
  /** The port the service listens on. */
  readonly port?: string;
  /** Print the plan and write nothing. */
  readonly plan?: boolean;
  /** Keep the repository's own release workflow (gosynth generates none). */
  readonly keepReleaseWorkflow?: boolean;
  /** Print errors only. */
  readonly quiet?: boolean;
}


/**
 * Other spellings the tools read, which would shadow the generated file or be
 * shadowed by it: GNU make reads GNUmakefile and makefile before Makefile,
 * goreleaser .config/goreleaser.y*ml and .goreleaser.yml before .goreleaser.yaml,
 * golangci-lint .golangci.yml first.
 */
export function shadowingFiles(goreleaser: boolean): string[] {
  return [
    "GNUmakefile",
    "makefile",
    ".golangci.yaml",
    ".golangci.toml",
    ".golangci.json",
    ...(goreleaser ? [".goreleaser.yml", "goreleaser.yml", "goreleaser.yaml", ".config/goreleaser.yml", ".config/goreleaser.yaml"] : []),
  ];
}

/** Lines of an ignore or attributes file worth keeping (no comments, blanks or projen's marker). */
function meaningfulLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ""))
    .filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
}


/** Removes dir and the folders below it that hold nothing (never a file). */
function removeEmptyDirs(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const e of readdirSync(dir)) removeEmptyDirs(join(dir, e));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

/** gosynth init: adopt an existing Go repository, carrying over what it states, without touching its code. */
export async function init(options: InitOptions): Promise<number> {
  const dir = resolve(options.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${options.dir}: no such directory`);
  if (existsSync(join(dir, ".projenrc.ts"))) throw new UserError(`${dir} already has a .projenrc.ts: run gosynth synth there`);
  if (existsSync(join(dir, ".projen"))) throw new UserError(`${dir} is already a projen project (.projen/ exists): gosynth init adopts plain Go repositories`);
  if (options.healthPath !== undefined && !options.healthPath.startsWith("/")) {
    throw new UserError(`--health-path: must start with "/" (got ${JSON.stringify(options.healthPath)}; example: --health-path /healthz)`);
  }
  if (options.port !== undefined && !/^\d+$/.test(options.port)) throw new UserError(`--port: must be a number (got ${JSON.stringify(options.port)}; example: --port 8080)`);
  const out = say(options.quiet ?? false);
  const { PROJEN_MARKER, generatedFiles, validateOptions, formatProblem, devDependencySpecs, CREATION_PINS_ENV } = toolkit();
  const { planAdoption, optionValues, renderPlan, renderProjenrc, backupPath, isBackup, BACKUP_DIR } = adoption();

  const reading = await begin("reading the repository (go.mod, main packages, Dockerfiles, goreleaser, Makefile, golangci-lint, workflows)", out);
  let planned;
  try {
    planned = planAdoption(dir, {
      ...(options.main ? { main: options.main } : {}),
      ...(options.port !== undefined ? { port: Number(options.port) } : {}),
      ...(options.healthPath ? { healthPath: options.healthPath } : {}),
      ci: options.ci,
      goreleaser: options.goreleaser,
      keepReleaseWorkflow: options.keepReleaseWorkflow ?? false,
    });
  } catch (e) {
    reading.fail("cannot adopt this repository");
    if (e instanceof adopt().DetectionError) throw new UserError(e.message.replace(/^gosynth init: /, ""));
    throw e;
  }
  reading.done("read the repository");
  const { plan } = planned;
  const from = resolveFrom(options.from);
  // A tarball, or a registry version other than the newest: the project keeps depending on it.
  const pinnedCore = from === "@gosynth/core" ? undefined : from;
  const tree = { ...plan.options, ...(pinnedCore ? { devDeps: [pinnedCore] } : {}) };
  const values = optionValues(tree) as Record<string, unknown>;

  // What the project's inputs will be after init (go.mod, moved files): the options are checked against them, before anything is written.
  const goMod = readFileSync(join(dir, "go.mod"), "utf-8");
  const renamed = plan.moves.filter((m) => !isBackup(m.to));
  const inputs = { "go.mod": goMod, ...Object.fromEntries(renamed.map((m) => [m.to, readFileSync(join(dir, m.from), "utf-8")])) };
  const problems = validateOptions(values as never, inputs);
  if (problems.length > 0) throw new UserError(`the options read from the repository are not valid:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  const generated = generatedFiles(values as never, inputs);
  const moved = new Set(plan.moves.map((m) => m.from));
  const isHandWritten = (f: string) => existsSync(join(dir, f)) && statSync(join(dir, f)).isFile() && !readFileSync(join(dir, f), "utf-8").includes(PROJEN_MARKER);
  const candidates = [...generated.filter((f) => ![".gitignore", ".gitattributes"].includes(f)), ...shadowingFiles(options.goreleaser)];
  const handWritten = [...new Set(candidates)].filter((f) => isHandWritten(f) && !moved.has(f) && !plan.kept.includes(f));
  if (options.plan) {
    for (const line of renderPlan(plan)) console.log(line);
    if (handWritten.length > 0) {
      console.log(`Replaced (init needs --backup, which keeps each under ${BACKUP_DIR}/):`);
      for (const f of handWritten) console.log(`  ${f}`);
    }
    console.log(`\n.projenrc.ts would be:\n\n${renderProjenrc(plan)}`);
    return EXIT.ok;
  }
  if (handWritten.length > 0 && !options.backup) {
    throw new UserError(
      [
        "gosynth init would replace (or be shadowed by) these hand-written files:",
        ...handWritten.map((f) => `  ${f}`),
        "nothing was changed. What init carries over from them: gosynth init --plan.",
        `Rerun with --backup to keep each under ${BACKUP_DIR}/ (at its own path), or move them away first.`,
      ].join("\n"),
    );
  }
  const renames = [...plan.moves.map((m) => ({ from: m.from, to: m.to })), ...handWritten.map((f) => ({ from: f, to: backupPath(f) }))];
  const clash = renames.filter((r) => existsSync(join(dir, r.to)));
  if (clash.length > 0) throw new UserError(`${clash.map((r) => r.to).join(", ")} already exist${clash.length === 1 ? "s" : ""}; move ${clash.length === 1 ? "it" : "them"} away first`);

  // Everything init may create or change, to put back as it was if it fails.
  const topLevel = (f: string) => f.split("/")[0];
  const created = [...new Set([".projenrc.ts", "package.json", "package-lock.json", "node_modules", ".projen", toolkit().PINS_FILE, ...generated.map(topLevel)])];
  const existedBefore = new Set(created.filter((f) => existsSync(join(dir, f))));
  const saved = new Map<string, string>();
  for (const f of ["go.mod", ".gitignore", ".gitattributes"]) if (existsSync(join(dir, f))) saved.set(f, readFileSync(join(dir, f), "utf-8"));
  const done: { from: string; to: string }[] = [];
  const rollBack = () => {
    for (const f of created) {
      const p = join(dir, f);
      if (!existsSync(p)) continue;
      if (existedBefore.has(f)) {
        // A folder the repository had (.github): remove only what gosynth wrote into it.
        if (statSync(p).isDirectory()) for (const g of generated.filter((g) => g.startsWith(`${f}/`))) if (!done.some((r) => r.from === g)) rmSync(join(dir, g), { force: true });
        continue;
      }
      rmSync(p, { recursive: true, force: true });
    }
    for (const [f, text] of saved) {
      const p = join(dir, f);
      if (existsSync(p) && readFileSync(p, "utf-8") === text) continue;
      rmSync(p, { force: true }); // projen leaves its files read-only
      writeFileSync(p, text);
    }
    if (!saved.has(".gitignore")) rmSync(join(dir, ".gitignore"), { force: true });
    if (!saved.has(".gitattributes")) rmSync(join(dir, ".gitattributes"), { force: true });
    for (const r of done.reverse()) renameSync(join(dir, r.to), join(dir, r.from));
    // The backup folder init made, once its files are back where they were (only what is empty).
    if (!backupDirExisted) removeEmptyDirs(join(dir, BACKUP_DIR));
  };

  const backupDirExisted = existsSync(join(dir, BACKUP_DIR));
  try {
    for (const r of renames) {
      mkdirSync(dirname(join(dir, r.to)), { recursive: true });
      renameSync(join(dir, r.from), join(dir, r.to));
      done.push(r);
    }
    const keep = (f: string) => {
      const text = saved.get(f);
      return text === undefined || text.includes(PROJEN_MARKER) ? [] : meaningfulLines(text);
    };
    writeFileSync(
      join(dir, ".projenrc.ts"),
      renderProjenrc({ ...plan, options: tree }, { gitignore: keep(".gitignore"), gitattributes: keep(".gitattributes").map((l) => l.trim().split(/\s+/)) }),
    );
    out.lines([bold("gosynth init's plan:"), ...renderPlan(plan).map((l) => `  ${l}`), ...handWritten.map((f) => `  kept your ${f} as ${backupPath(f)}`)]);
    const pins = await resolveNewestPins(String(values.goVersion), out, values);
    // One install: the devDependencies synthesis writes, from core, so the synthesized package.json matches the lock file.
    const npmVersions = { ...pins.npm, ...(options.projenVersion ? { projen: options.projenVersion } : {}) };
    const installed = writeInstallManifest(dir, String(values.name), devDependencySpecs(pinnedCore ? [pinnedCore] : [], npmVersions));
    await npmInstall(dir, "installing projen, tsx and @gosynth/core", out);
    const synthesizing = await begin("synthesizing", out);
    try {
      // Post-synthesis (projen's npm install) off: the one install above has the same devDependencies.
      const { ms } = await synthesize(dir, { quiet: true, env: { PROJEN_DISABLE_POST: "true", ...(pins.file ? { [CREATION_PINS_ENV]: pins.file } : {}) } });
      synthesizing.done(`synthesized in ${ms} ms`);
    } catch (e) {
      synthesizing.fail("synthesis failed");
      throw e;
    }
    // Synthesis pins projen itself: a --projen-version it overrode needs the install again.
    if (installedManifestChanged(dir, installed)) await npmInstall(dir, "installing the pinned devDependencies", out);
  } catch (e) {
    rollBack();
    if (e instanceof UserError) e.message += "\ngosynth init changed nothing (what it had written was removed, moved files are back)";
    throw e;
  }
  if (readFileSync(join(dir, "go.mod"), "utf-8") !== goMod) throw new Error("internal error: go.mod changed during init");
  out.line(green(`gosynth now packages ${String(values.modulePath)}.`));
  out.line("Next:\n  make help\n  git add -A && git commit -m 'Packaging by gosynth'\n  edit .projenrc.ts, then npx projen (or gosynth synth)");
  return EXIT.ok;
}
