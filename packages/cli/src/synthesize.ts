import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { copyFilter } from "./project-files.js";
import { toolkit, type Toolkit } from "./core.js";
import { debug, EXIT, UserError } from "./ui.js";

/** How a synthesis ran: in this process (tsx's API), or `npx projen` as a child. */
export type SynthMode = "in-process" | "npx projen";

export interface SynthOptions {
  /** Extra environment for the run (PROJEN_DISABLE_POST). */
  readonly env?: Record<string, string>;
  /** Overwrite hand-edited managed files (core's FORCE_ENV). */
  readonly force?: boolean;
  /** Keep projen's output (and the projenrc's console output) off the terminal; it is added to errors. */
  readonly quiet?: boolean;
  /** Called with each gosynth project that starts to synthesize (in-process runs only). */
  readonly onProject?: (project: unknown) => void;
}

export interface SynthResult {
  readonly mode: SynthMode;
  readonly ms: number;
}

/** Synthesis stopped: bad options, a hand edit, or an error in .projenrc.ts. Exit 3. */
export class SynthesisError extends UserError {
  constructor(
    message: string,
    /** Managed files edited by hand, when that is why synthesis stopped. */
    readonly handEdited: string[] = [],
  ) {
    super(message, EXIT.failure);
  }
}

/** The projenrc could not be loaded in-process (nothing of the project ran): npx projen is tried. */
class LoadFailure extends Error {
  constructor(readonly cause: unknown) {
    super(String((cause as Error)?.message ?? cause));
  }
}

const RC = ".projenrc.ts";

/** A gosynth project directory: .projenrc.ts and installed dependencies. */
export function projectDir(dir: string): string {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new UserError(`${dir}: no such directory`);
  if (!statSync(abs).isDirectory()) throw new UserError(`${dir} is not a directory (give the project's directory)`);
  if (!existsSync(join(abs, RC))) {
    throw new UserError(`${abs} has no ${RC}: run gosynth in a gosynth project (or create one with gosynth new / gosynth init)`);
  }
  if (!existsSync(join(abs, "node_modules", "projen")) || !existsSync(join(abs, "node_modules", "@gosynth", "core"))) {
    throw new UserError(`${abs} has no installed dependencies: run npm ci (or npm install) there first`);
  }
  return abs;
}

/** Error codes that mean "this loader cannot load the projenrc" rather than "the projenrc failed". */
const LOAD_ERROR_CODES = new Set([
  "ERR_REQUIRE_ESM",
  "ERR_REQUIRE_ASYNC_MODULE",
  "ERR_UNKNOWN_FILE_EXTENSION",
  "ERR_MODULE_NOT_FOUND",
  "MODULE_NOT_FOUND",
  "ERR_PACKAGE_PATH_NOT_EXPORTED",
  "ERR_IMPORT_ATTRIBUTE_MISSING",
]);

function isLoadError(e: unknown): boolean {
  const error = e as { code?: string; errors?: unknown[]; name?: string } | undefined;
  if (!error) return false;
  if (error.code && LOAD_ERROR_CODES.has(error.code)) return true;
  // tsx's transform errors are syntax errors in the projenrc: npx projen would fail the same way.
  if (Array.isArray(error.errors)) return false;
  // "Cannot use import statement outside a module" and the like: a loader mismatch.
  return error.name === "SyntaxError" && /import|export|module/i.test(String((error as Error).message));
}

/** tsx's own API, from the project's node_modules: CJS first, tsImport for ESM-only projenrcs. */
async function loadWithTsx(dir: string, rc: string): Promise<void> {
  const req = createRequire(join(dir, "package.json"));
  let api: { register(): () => void };
  try {
    api = req("tsx/cjs/api") as { register(): () => void };
  } catch (e) {
    throw new LoadFailure(e);
  }
  const unregister = api.register();
  try {
    req(rc);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== "ERR_REQUIRE_ESM" && code !== "ERR_REQUIRE_ASYNC_MODULE") throw e;
    // createRequire resolves the "require" condition (index.cjs); tsImport needs tsx's ESM entry.
    const tsxPackage = req.resolve("tsx/package.json");
    const exports = (JSON.parse(readFileSync(tsxPackage, "utf-8")) as { exports: Record<string, { import?: { default?: string } }> }).exports;
    const entry = exports["./esm/api"]?.import?.default;
    if (!entry) throw new LoadFailure(e);
    const esm = (await import(pathToFileURL(join(dirname(tsxPackage), entry)).href)) as { tsImport(specifier: string, parent: string): Promise<unknown> };
    await esm.tsImport(pathToFileURL(rc).href, pathToFileURL(join(dir, sep)).href);
  } finally {
    unregister();
  }
}

type Write = typeof process.stdout.write;

/**
 * Runs the project's .projenrc.ts in this process, with the project's own
 * projen and @gosynth/core (loaded first, as plain JavaScript; tsx's hooks
 * then compile only the projenrc), cwd set to the project. Throws LoadFailure
 * when the projenrc could not be loaded this way and nothing of it ran.
 */
async function runInProcess(dir: string, options: SynthOptions): Promise<void> {
  const rc = join(dir, RC);
  const req = createRequire(join(dir, "package.json"));
  // Whether a gosynth project started to synthesize decides whether npx projen may retry after a failure.
  let synthStarted = false;
  let stopListening: (() => void) | undefined;
  let projectToolkit: Toolkit;
  try {
    // Loaded before any loader hook exists, so they stay plain, cached JavaScript (tsx would otherwise transform them).
    req("projen");
    req("@gosynth/core");
    // core's own hook (no patching of projen): it names the project that synthesizes.
    projectToolkit = req("@gosynth/core/lib/toolkit") as Toolkit;
    stopListening = projectToolkit.onSynthesisStart((project) => {
      synthStarted = true;
      options.onProject?.(project);
    });
  } catch (e) {
    throw new LoadFailure(e);
  }

  const env = { ...options.env, ...(options.force ? { [projectToolkit.FORCE_ENV]: "1" } : {}) };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const previousCwd = process.cwd();
  const restoreSourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(true);
  const captured: string[] = [];
  const out = process.stdout.write;
  const err = process.stderr.write;
  if (options.quiet) {
    const capture = ((chunk: string | Uint8Array) => {
      captured.push(String(chunk));
      return true;
    }) as Write;
    process.stdout.write = capture;
    process.stderr.write = capture;
  }
  process.chdir(dir);
  delete req.cache[rc];
  try {
    await loadWithTsx(dir, rc);
  } catch (e) {
    if (e instanceof LoadFailure) throw e;
    if (!synthStarted && isLoadError(e)) throw new LoadFailure(e);
    throw toSynthesisError(e, dir, captured.join(""), projectToolkit);
  } finally {
    delete req.cache[rc];
    process.chdir(previousCwd);
    process.stdout.write = out;
    process.stderr.write = err;
    process.setSourceMapsEnabled(restoreSourceMaps);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    stopListening?.();
  }
}

/** A message for the user: gosynth's own errors as they are; other errors with where in the project they happened. */
function toSynthesisError(e: unknown, dir: string, output: string, core: Toolkit): SynthesisError {
  // gosynth's own errors (of the project's own core) carry their data: the invalid options, the files edited by hand.
  if (e instanceof core.GoSynthConfigError) return new SynthesisError(e.message);
  if (e instanceof core.HandEditError) return new SynthesisError(e.message, e.files);
  const error = e as Error;
  if (!(error instanceof Error)) return new SynthesisError(`synthesis failed: ${String(e)}`);
  // The first frame in the project's own code (not node_modules), as a relative path.
  const frame = (error.stack ?? "")
    .split("\n")
    .map((l) => /\(?((?:file:\/\/)?\/[^()]+?):(\d+):(\d+)\)?$/.exec(l.trim()))
    .find((m) => m && m[1].replace(/^file:\/\//, "").startsWith(dir + sep) && !m[1].includes(`${sep}node_modules${sep}`));
  const where = frame ? ` (at ${relative(dir, frame[1].replace(/^file:\/\//, ""))}:${frame[2]}:${frame[3]})` : "";
  const details = debug() ? `\n${error.stack}` : "";
  const logged = output.trim() ? `\n${output.trim()}` : "";
  const message = error.message.split(dir + sep).join("");
  return new SynthesisError(`synthesis failed: ${message}${where}${logged}${details}`);
}

/** `npx projen` as a child process: the last resort, and what every projen user runs anyway. */
async function runNpx(dir: string, options: SynthOptions): Promise<void> {
  const { execa } = await import("execa");
  const { ERROR_REPORT_ENV, FORCE_ENV } = toolkit();
  // core writes a user error (bad options, hand edits) there as data: nothing to parse out of the output.
  const reportFile = join(mkdtempSync(join(tmpdir(), "gosynth-report-")), "error.json");
  try {
    const result = await execa("npx", ["projen"], {
      cwd: dir,
      env: { ...options.env, ...(options.force ? { [FORCE_ENV]: "1" } : {}), npm_config_update_notifier: "false", [ERROR_REPORT_ENV]: reportFile },
      reject: false,
      all: true,
      stdin: "ignore",
    });
    if (result.exitCode === 0) return;
    const report = readErrorReport(reportFile);
    if (report) throw new SynthesisError(report.message, report.files ?? []);
    const output = cleanChildOutput(result.all ?? "");
    throw new SynthesisError(output || `npx projen failed (exit ${result.exitCode})`);
  } finally {
    rmSync(dirname(reportFile), { recursive: true, force: true });
  }
}

/** The structured error a child's .projenrc.ts run left (see @gosynth/core's toolkit/error-report). */
export function readErrorReport(file: string): { kind: string; message: string; files?: string[]; problems?: { option: string }[] } | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf-8")) as { kind: string; message: string; files?: string[] };
}

/**
 * Synthesizes a project: in this process when its projenrc loads (fast), else
 * with `npx projen`. gosynth's own errors (bad options, hand edits) stop it
 * with SynthesisError and no retry.
 */
export async function synthesize(dir: string, options: SynthOptions = {}): Promise<SynthResult> {
  const abs = projectDir(dir);
  const start = performance.now();
  const attempts: [SynthMode, () => Promise<void>][] = [
    ["in-process", () => runInProcess(abs, options)],
    ["npx projen", () => runNpx(abs, options)],
  ];
  // GOSYNTH_LOADER=npx skips the in-process run (for comparisons and tests).
  const first = process.env.GOSYNTH_LOADER === "npx" ? 1 : 0;
  for (const [mode, attempt] of attempts.slice(first)) {
    try {
      await attempt();
      return { mode, ms: Math.round(performance.now() - start) };
    } catch (e) {
      if (!(e instanceof LoadFailure)) throw e;
      if (debug()) process.stderr.write(`gosynth: ${mode} could not load ${RC}: ${(e.cause as Error)?.stack ?? e.message}\n`);
    }
  }
  throw new Error("unreachable");
}

/**
 * Synthesizes a copy of the project (node_modules linked, post-synthesis steps
 * off) and returns the copy's directory. The project itself is not touched.
 */
export async function synthesizeCopy(dir: string, force = false, onProject?: (project: unknown) => void): Promise<string> {
  const abs = projectDir(dir);
  const copy = join(mkdtempSync(join(tmpdir(), "gosynth-check-")), "project");
  try {
    cpSync(abs, copy, { recursive: true, filter: copyFilter, verbatimSymlinks: true, preserveTimestamps: true });
    symlinkSync(join(abs, "node_modules"), join(copy, "node_modules"), "dir");
    await synthesize(copy, { env: { PROJEN_DISABLE_POST: "true" }, force, quiet: true, onProject });
  } catch (e) {
    removeCopy(copy);
    throw e;
  }
  return copy;
}

export function removeCopy(copy: string): void {
  rmSync(join(copy, ".."), { recursive: true, force: true });
}

/**
 * A child's output for the user: npm's warnings and Node's stack traces of
 * gosynth's own errors left out (GOSYNTH_DEBUG=1 keeps everything).
 */
export function cleanChildOutput(text: string): string {
  if (debug()) return text.trim();
  const lines = text.split("\n");
  const kept: string[] = [];
  let inTrace = false;
  let inDump = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^npm (warn|notice)/.test(line)) continue;
    // Node's uncaught-exception banner: "file.js:18", the source line (minified ones span lines), the caret.
    if (/^\/.+:\d+$/.test(line)) {
      const blank = lines.slice(i + 1, i + 40).findIndex((l) => l.trim() === "");
      if (blank >= 0) {
        i += blank + 1;
        continue;
      }
    }
    // projen's task runner: "👾 default | node ...", "👾 Synthesis failed: Task ...".
    if (/^👾 (\S+ \||Synthesis failed: Task)/u.test(line)) continue;
    if (line.length > 400) continue;
    if (/^Node\.js v[\d.]+\s*$/.test(line) || /^\s*\}\s*$/.test(line)) continue;
    // The error's own properties, as Node prints them after the message: "  code: 'ERR_X',".
    if (/^\s+[\w$]+: (['"[{]|\d|true|false|undefined|null)/.test(line)) continue;
    if (/^\s+at .+/.test(line)) {
      inTrace = true;
      continue;
    }
    // After a trace: Node prints the error's own properties as "{ problems: [...] }".
    if (inTrace && /^\s*\{\s*$|^\s*\w+: \[/.test(line)) inDump = true;
    if (inDump) {
      if (/^\}\s*$/.test(line)) inDump = false;
      continue;
    }
    inTrace = false;
    kept.push(line.replace(/^(GoSynthConfigError|HandEditError): /, ""));
  }
  return kept
    .join("\n")
    .replace(/ \{$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
