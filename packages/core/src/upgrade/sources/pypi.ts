// The newest version of a PyPI project (Python tools a generated service pins, e.g. in CI) from its JSON API.
import { NotFoundError, SourceUnreachableError, displayUrl } from "./errors.js";
import { httpGet, statusReason } from "./http.js";

export const DEFAULT_PYPI_INDEX = "https://pypi.org";
const KIND = "PyPI index";

export interface PypiOptions {
  /** The index root serving /pypi/<name>/json (default https://pypi.org; not a pip "simple" URL). */
  readonly index?: string;
  /** Per request, default 20 s. */
  readonly timeoutMs?: number;
}

/** PEP 503 normalization: "Zizmor_Core" -> "zizmor-core", so no redirect is needed. */
export function normalizePypiName(name: string): string {
  if (!/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name)) throw new TypeError(`invalid PyPI project name ${JSON.stringify(name)}`);
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** info.version: PyPI's latest release (a prerelease only when the project has nothing else). */
export async function newestPypiVersion(name: string, opts: PypiOptions = {}): Promise<string> {
  const index = (opts.index?.trim() || DEFAULT_PYPI_INDEX).replace(/\/+$/, "");
  const answer = await httpGet(`${index}/pypi/${normalizePypiName(name)}/json`, { kind: KIND, location: index, timeoutMs: opts.timeoutMs });
  if (answer.status === 404) throw new NotFoundError(`PyPI project ${name}`, [`${KIND} ${displayUrl(index)}`]);
  if (answer.status !== 200) throw new SourceUnreachableError(KIND, index, statusReason(answer));
  let doc: { info?: { version?: unknown } };
  try {
    doc = JSON.parse(answer.body) as typeof doc;
  } catch {
    throw new SourceUnreachableError(KIND, index, `the answer for ${name} is not JSON`);
  }
  const version = doc?.info?.version;
  if (typeof version !== "string" || !version) throw new SourceUnreachableError(KIND, index, `the answer for ${name} has no info.version`);
  return version;
}
