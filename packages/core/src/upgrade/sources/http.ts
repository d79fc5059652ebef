// One GET with a timeout for the HTTP sources (Go module proxy, npm, PyPI): network
// failures and timeouts become SourceUnreachableError; the caller reads the status.
import { DEFAULT_TIMEOUT_MS, SourceUnreachableError, formatDuration } from "./errors.js";

export interface HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly body: string;
}

export interface HttpGetOptions {
  /** Names the source in errors, e.g. "npm registry". */
  readonly kind: string;
  /** The location shown in errors (the proxy or registry root rather than the full request URL). */
  readonly location: string;
  readonly timeoutMs?: number;
  readonly headers?: Record<string, string>;
}

export async function httpGet(url: string, opts: HttpGetOptions): Promise<HttpAnswer> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    // The signal covers the body too: a server that stalls mid-answer times out as well.
    const { href, headers } = withBasicAuth(url, opts.headers ?? {});
    const res = await fetch(href, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    const body = await res.text();
    return { status: res.status, statusText: res.statusText, body };
  } catch (err) {
    throw new SourceUnreachableError(opts.kind, opts.location, fetchFailure(err, timeoutMs), { cause: err });
  }
}

// fetch refuses URLs with user:password@, which GOPROXY allows (go sends them as basic auth): do the same.
function withBasicAuth(url: string, headers: Record<string, string>): { href: string; headers: Record<string, string> } {
  const u = new URL(url);
  if (!u.username && !u.password) return { href: url, headers };
  const credentials = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  u.username = "";
  u.password = "";
  return { href: u.href, headers: { ...headers, authorization: `Basic ${Buffer.from(credentials).toString("base64")}` } };
}

/** A status that is neither success nor "not found", as a SourceUnreachableError reason. */
export function statusReason(answer: HttpAnswer): string {
  const said = firstLine(answer.body);
  return `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ""}${said ? ` (${said})` : ""}`;
}

/** The first line of a server's text answer, shortened: enough to show what it said. */
export function firstLine(body: string): string {
  const line = body.trim().split(/\r?\n/, 1)[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

// fetch says only "fetch failed"; the useful words (ECONNREFUSED, ENOTFOUND, a TLS code) are in its cause.
export function fetchFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `no answer within ${formatDuration(timeoutMs)}`;
  }
  let cause: unknown = err instanceof Error ? err.cause : undefined;
  // localhost and dual-stack hosts fail once per address: an AggregateError; its first error is representative.
  if (cause instanceof AggregateError && cause.errors.length) cause = cause.errors[0];
  if (cause instanceof Error && cause.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
