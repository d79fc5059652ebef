// Release tags of GitHub Actions (actions/checkout@<sha> # v4.2.2) read with `git ls-remote`:
// no API token, no rate limit, and tests can point baseUrl at local bare repositories.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_TIMEOUT_MS, NotFoundError, SourceUnreachableError, displayUrl } from "./errors.js";
import { ExecFailure, run } from "./exec.js";
import { type Semver, maxSemver, parseSemver } from "../../util/versions";

export const DEFAULT_GIT_BASE_URL = "https://github.com";
/** The upgrade keeps an action within its major unless told otherwise (a new major may break workflows). */
export const DEFAULT_ALLOW_NEW_MAJOR = false;
const KIND = "git remote";

export interface GitTagOptions {
  /**
   * Where repositories live: the remote is `<baseUrl>/<owner>/<repo>`, with no ".git" appended.
   * GitHub serves both spellings, and for a local remote (file:///tmp/x) git itself tries
   * `<repo>` and then `<repo>.git`, so a bare directory may have either name.
   */
  readonly baseUrl?: string;
  /** The git binary (default "git"). */
  readonly gitCommand?: string;
  /** For the whole ls-remote, default 20 s. */
  readonly timeoutMs?: number;
  /** Environment for git (default process.env); prompts are always disabled. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ActionTagQuery extends GitTagOptions {
  /** The major to stay within: "v4", 4, or the pinned tag itself ("v4.1.0"). Without it: the newest overall. */
  readonly major?: string | number;
  /** Ignore `major` and take the newest release overall (default DEFAULT_ALLOW_NEW_MAJOR). */
  readonly allowNewMajor?: boolean;
}

export interface ActionTag {
  /** "v1.2.0" */
  readonly tag: string;
  /** The commit the tag points at (annotated tags peeled), 40 hex digits. */
  readonly sha: string;
}

/** "actions/cache/restore" -> { owner: "actions", name: "cache", url: "<baseUrl>/actions/cache" }. */
export function actionRemote(repo: string, baseUrl = DEFAULT_GIT_BASE_URL): { owner: string; name: string; url: string } {
  // An action may live in a subdirectory (github/codeql-action/init): the repository is the first two parts.
  const [owner, name] = repo.split("/");
  const ok = (s: string | undefined): s is string => !!s && /^[A-Za-z0-9_.-]+$/.test(s) && s !== "." && s !== "..";
  if (!ok(owner) || !ok(name)) throw new TypeError(`not an action repository: ${JSON.stringify(repo)} (expected "owner/repo")`);
  return { owner, name, url: `${baseUrl.replace(/\/+$/, "")}/${owner}/${name}` };
}

/** Every tag of the repository with the commit it points at (the peeled "^{}" line wins for annotated tags). */
export async function listActionTags(repo: string, opts: GitTagOptions = {}, patterns: readonly string[] = []): Promise<Map<string, string>> {
  const { owner, name, url } = actionRemote(repo, opts.baseUrl);
  const baseUrl = opts.baseUrl ?? DEFAULT_GIT_BASE_URL;
  if (baseUrl.startsWith("file:") && !existsSync(fileURLToPath(baseUrl))) {
    // git cannot tell a missing base directory from a missing repository: say which it is.
    throw new SourceUnreachableError(KIND, url, `the directory ${fileURLToPath(baseUrl)} does not exist`);
  }
  let stdout: string;
  try {
    ({ stdout } = await run(opts.gitCommand ?? "git", ["ls-remote", "--tags", url, ...patterns], {
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // Never wait for a password prompt; LC_ALL=C keeps git's messages in English for the checks below.
      env: { ...(opts.env ?? process.env), GIT_TERMINAL_PROMPT: "0", GCM_INTERACTIVE: "never", LC_ALL: "C" },
    }));
  } catch (err) {
    if (!(err instanceof ExecFailure)) throw err;
    // GitHub answers a missing (or private) repository with an authentication request.
    if (err.kind === "exit" && /does not appear to be a git repository|repository '.*' not found|Repository not found|could not read Username|Authentication failed/i.test(err.stderr)) {
      throw new NotFoundError(`git repository ${owner}/${name}`, [`${KIND} ${displayUrl(url)}`]);
    }
    const reason = err.kind === "exit" ? lastLine(err.stderr) || err.message : err.message;
    throw new SourceUnreachableError(KIND, url, reason, { cause: err });
  }
  const tags = new Map<string, string>();
  for (const line of stdout.split("\n")) {
    const m = /^([0-9a-f]{40,64})\s+refs\/tags\/(.+?)(\^\{\})?$/.exec(line.trim());
    if (!m) continue;
    // ls-remote prints the tag object first and its peeled commit right after.
    if (m[3] || !tags.has(m[2]!)) tags.set(m[2]!, m[1]!);
  }
  return tags;
}

/** The commit SHA `tag` points at; NotFoundError when the repository has no such tag. */
export async function resolveActionTag(repo: string, tag: string, opts: GitTagOptions = {}): Promise<string> {
  // ls-remote filters by pattern, and the peeled line needs its own ("^{}" is part of its name).
  // A tag with glob characters is looked up among all tags instead.
  const patterns = /^[A-Za-z0-9._\-/]+$/.test(tag) ? [`refs/tags/${tag}`, `refs/tags/${tag}^{}`] : [];
  const tags = await listActionTags(repo, opts, patterns);
  const sha = tags.get(tag);
  if (!sha) {
    const { owner, name, url } = actionRemote(repo, opts.baseUrl);
    throw new NotFoundError(`tag ${tag} of ${owner}/${name}`, [`${KIND} ${displayUrl(url)}`]);
  }
  return sha;
}

/**
 * The newest release tag vX.Y.Z (prereleases and "v4"-style moving tags left out) with its commit:
 * within `major` unless allowNewMajor.
 */
export async function newestActionTag(repo: string, opts: ActionTagQuery = {}): Promise<ActionTag> {
  let major: number | undefined;
  if (opts.major !== undefined && !(opts.allowNewMajor ?? DEFAULT_ALLOW_NEW_MAJOR)) {
    const m = /^v?(\d+)(?:\.\d+){0,2}$/.exec(String(opts.major).trim());
    if (!m) throw new TypeError(`not a major version: ${JSON.stringify(opts.major)} (expected e.g. "v4", 4 or "v4.1.0")`);
    major = Number(m[1]);
  }
  const tags = await listActionTags(repo, opts);
  // Strict vX.Y.Z: no prerelease, no build, no moving "v4"/"v4.1" tags.
  const releases = [...tags.keys()]
    .filter((tag) => /^v\d+\.\d+\.\d+$/.test(tag))
    .map((tag) => parseSemver(tag))
    .filter((v): v is Semver => !!v && (major === undefined || v.major === major));
  const best = maxSemver(releases);
  if (!best) {
    const { owner, name, url } = actionRemote(repo, opts.baseUrl);
    throw new NotFoundError(`a vX.Y.Z release tag${major === undefined ? "" : ` in major v${major}`} of ${owner}/${name}`, [`${KIND} ${displayUrl(url)}`], [
      `${tags.size} tag(s) in all`,
    ]);
  }
  return { tag: best.raw, sha: tags.get(best.raw)! };
}

function lastLine(text: string): string {
  return text.trim().split("\n").filter(Boolean).at(-1)?.trim() ?? "";
}
