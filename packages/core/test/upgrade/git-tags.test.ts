import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_ALLOW_NEW_MAJOR,
  NotFoundError,
  SourceUnreachableError,
  actionRemote,
  newestActionTag,
  resolveActionTag,
} from "../../src/upgrade/sources/index.js";
import { closedPort, localServer, tempDir } from "./helpers.js";

// Real repositories made with the git CLI: a work tree, then bare copies under <base>/actions/,
// one named checkout.git and one named setup-go (both spellings must resolve).
const scratch = tempDir("git");
const work = join(scratch.dir, "work");
const base = join(scratch.dir, "base");
const baseUrl = pathToFileURL(base).href;
const gitEnv = { ...process.env, HOME: scratch.dir, GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf-8" }).trim();
const commits: Record<string, string> = {};

beforeAll(() => {
  execFileSync("git", ["init", "-q", "-b", "main", work], { env: gitEnv });
  const commit = (name: string) => {
    git(work, "commit", "-q", "--allow-empty", "-m", name);
    commits[name] = git(work, "rev-parse", "HEAD");
  };
  commit("one");
  git(work, "tag", "v1.0.0"); // lightweight
  commit("two");
  git(work, "tag", "-a", "v1.2.0", "-m", "release 1.2.0"); // annotated
  git(work, "tag", "v1"); // the moving major tag actions keep
  git(work, "tag", "v1.10.0-rc.1"); // a prerelease, numerically above 1.2.0
  commit("three");
  git(work, "tag", "-a", "v2.0.0", "-m", "release 2.0.0");
  git(work, "tag", "v1.1.9");
  git(scratch.dir, "clone", "-q", "--bare", work, join(base, "actions", "checkout.git"));
  git(scratch.dir, "clone", "-q", "--bare", work, join(base, "actions", "setup-go"));
});

afterAll(() => scratch.cleanup());

describe("resolveActionTag", () => {
  it("gives the commit of a lightweight tag", async () => {
    expect(await resolveActionTag("actions/checkout", "v1.0.0", { baseUrl })).toBe(commits.one);
  });

  it("peels an annotated tag to its commit, not the tag object", async () => {
    const tagObject = git(work, "rev-parse", "v1.2.0");
    const sha = await resolveActionTag("actions/checkout", "v1.2.0", { baseUrl });
    expect(sha).toBe(commits.two);
    expect(sha).not.toBe(tagObject);
  });

  it("finds a bare repository named with or without .git, and actions in subdirectories", async () => {
    expect(await resolveActionTag("actions/setup-go", "v2.0.0", { baseUrl: `${baseUrl}/` })).toBe(commits.three);
    expect(await resolveActionTag("actions/checkout/sub/action", "v1", { baseUrl })).toBe(commits.two);
    expect(actionRemote("actions/checkout").url).toBe("https://github.com/actions/checkout");
  });

  it("reports a missing tag or repository as NotFoundError", async () => {
    await expect(resolveActionTag("actions/checkout", "v9.9.9", { baseUrl })).rejects.toThrow(
      `tag v9.9.9 of actions/checkout not found (searched: git remote ${baseUrl}/actions/checkout)`,
    );
    await expect(resolveActionTag("actions/nope", "v1.0.0", { baseUrl })).rejects.toThrow(NotFoundError);
  });

  it("reports an unreachable base URL as SourceUnreachableError naming the remote", async () => {
    const port = await closedPort();
    const err = await resolveActionTag("actions/checkout", "v1.0.0", { baseUrl: `http://127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreachableError);
    expect((err as SourceUnreachableError).source).toBe(`git remote http://127.0.0.1:${port}/actions/checkout`);
    expect((err as Error).message).toMatch(new RegExp(`^could not reach the git remote at http://127.0.0.1:${port}/actions/checkout: .*(Failed to connect|Couldn't connect)`));
    const missingBase = pathToFileURL(join(scratch.dir, "no-such-base")).href;
    await expect(resolveActionTag("actions/checkout", "v1.0.0", { baseUrl: missingBase })).rejects.toThrow(SourceUnreachableError);
  });
});

describe("git timeouts", () => {
  it("reports a remote that never answers as SourceUnreachableError", async () => {
    // Accepts the connection, never says a word.
    const server = await localServer(() => {});
    try {
      const err = await resolveActionTag("actions/checkout", "v1.0.0", { baseUrl: server.url, timeoutMs: 500 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceUnreachableError);
      expect((err as SourceUnreachableError).reason).toBe("no answer within 500 ms");
    } finally {
      await server.close();
    }
  });
});

describe("newestActionTag", () => {
  it("stays within the major by default", async () => {
    expect(DEFAULT_ALLOW_NEW_MAJOR).toBe(false);
    expect(await newestActionTag("actions/checkout", { baseUrl, major: "v1" })).toEqual({ tag: "v1.2.0", sha: commits.two });
    // The pinned tag itself may be given as the major.
    expect(await newestActionTag("actions/checkout", { baseUrl, major: "v1.0.0" })).toEqual({ tag: "v1.2.0", sha: commits.two });
  });

  it("moves to a new major only when allowed", async () => {
    expect(await newestActionTag("actions/checkout", { baseUrl, major: 1, allowNewMajor: true })).toEqual({ tag: "v2.0.0", sha: commits.three });
    expect(await newestActionTag("actions/setup-go", { baseUrl })).toEqual({ tag: "v2.0.0", sha: commits.three });
  });

  it("reports a major without releases as NotFoundError", async () => {
    await expect(newestActionTag("actions/checkout", { baseUrl, major: "v3" })).rejects.toThrow(/a vX.Y.Z release tag in major v3 of actions\/checkout not found/);
  });
});
