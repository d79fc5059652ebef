// Typed errors of the upgrade sources: callers (the future `gosynth upgrade`) tell
// "the network/remote is down" apart from "this thing does not exist" and from
// "the configuration forbids the lookup", and print the message as is.

/**
 * Drops user:password@ (or token@) from URLs, also inside a GOPROXY list, so that credentials in
 * GOPROXY or a registry URL never reach a message.
 */
export function displayUrl(text: string): string {
  return text.replace(/\/\/[^/@\s,|]*@/g, "//");
}

/** A source could not be queried: connection refused, DNS, TLS, timeout, HTTP 5xx, unreadable answer. */
export class SourceUnreachableError extends Error {
  override readonly name = "SourceUnreachableError";
  /** What was queried and where, e.g. "Go module proxy https://proxy.golang.org". */
  readonly source: string;
  /** Why, e.g. "connect ECONNREFUSED 127.0.0.1:1" or "no answer within 20 s". */
  readonly reason: string;
  /** The kind alone ("Go module proxy") and the location alone (the URL). */
  readonly kind: string;
  readonly location: string;

  constructor(kind: string, location: string, reason: string, options?: { cause?: unknown }) {
    const where = displayUrl(location);
    super(`could not reach the ${kind} at ${where}: ${displayUrl(reason)}`, options);
    this.kind = kind;
    this.location = where;
    this.source = `${kind} ${where}`;
    this.reason = displayUrl(reason);
  }
}

/** Every source answered, and none has the module/package/tag. */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
  /** e.g. "module github.com/x/y", "npm package left-pad", "tag v9.9.9 of actions/checkout". */
  readonly what: string;
  /** The sources that were asked, e.g. ["Go module proxy https://proxy.golang.org"]. */
  readonly searched: readonly string[];
  /** Remarks gathered on the way (a skipped GOPROXY entry, the server's own words). */
  readonly notes: readonly string[];

  constructor(what: string, searched: readonly string[], notes: readonly string[] = []) {
    const where = searched.length ? ` (searched: ${searched.join(", ")})` : "";
    const extra = notes.length ? `; ${notes.join("; ")}` : "";
    super(`${what} not found${where}${extra}`);
    this.what = what;
    this.searched = searched;
    this.notes = notes;
  }
}

/**
 * The configuration rules the lookup out before any request: GOPROXY=off, a GOPROXY
 * with only "direct" (gosynth reads proxies, never origin repositories), an invalid entry.
 */
export class SourceConfigError extends Error {
  override readonly name = "SourceConfigError";
  /** The setting at fault, e.g. "GOPROXY=off". */
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.setting = setting;
  }
}

/** "20 s", "250 ms": timeouts as people read them. */
export function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** Every network call has this timeout unless the caller gives timeoutMs. */
export const DEFAULT_TIMEOUT_MS = 20_000;
