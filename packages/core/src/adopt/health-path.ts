import {
  callArgs,
  enclosingFunction,
  GoFile,
  GoToken,
  GoValues,
  loadModulePackages,
  packageDir,
  packageLabel,
  reachableDirs,
  readPackageFiles,
  topLevelSpecs,
} from "./go-source";
import { nonDeliverableReason } from "./mains";
import { detectPort, listenAddressesIn, nameWords, PortCandidate } from "./port";

export interface HealthPathCandidate {
  readonly path: string;
  /** file:line of the route registration (or of the constant, when only declared). */
  readonly evidence: string;
  /** 'mux.HandleFunc("/healthz")', 'case strings.HasPrefix(r.URL.Path, "/readyz")'. */
  readonly how: string;
  readonly pkg: string;
  /** The main package imports the package that registers it (directly or through the module). */
  readonly linkedFromMain: boolean;
  /** The path is registered as a route; false for a constant that only holds it. */
  readonly registered: boolean;
}

export interface HealthPathReport {
  /** The liveness path to probe, from a route the main package's code registers. */
  readonly path?: string;
  /** file:line of its registration; "" when none. */
  readonly evidence: string;
  readonly reason: string;
  /** The port that serves it, when the evidence shows a listener other than the service's main one. */
  readonly port?: number;
  readonly portEvidence?: string;
  /** Every health-like path found, best first. */
  readonly candidates: HealthPathCandidate[];
  readonly notes: string[];
}

// The liveness-like paths, most preferred first; other paths rank by their last segment.
const PREFERRED = ["/healthz", "/-/healthy", "/health", "/livez", "/liveness", "/v1/liveness", "/ping", "/status", "/readyz", "/ready"];
// Last segments, in preference order; "anywhere" ones count under any prefix (/api/v2/health),
// the others only under API or version prefixes (/api/status, not /v1/integrations/status).
const BY_SEGMENT: { re: RegExp; anywhere: boolean }[] = [
  { re: /^(healthz?|healthy|health[-_]?check|_health)$/, anywhere: true },
  { re: /^(livez|liveness|alive)$/, anywhere: true },
  { re: /^(ping|heartbeat)$/, anywhere: false },
  { re: /^status$/, anywhere: false },
  { re: /^(readyz|ready|readiness)$/, anywhere: true },
];
const API_PREFIX = /^(api|v[0-9]+|-|_)$/;

/** Preference of a path (lower is better), or undefined when it is not health-like. */
function healthRank(path: string): number | undefined {
  const exact = PREFERRED.indexOf(path);
  if (exact >= 0) return exact;
  const segments = path.split("/").filter((s) => s !== "").map((s) => s.toLowerCase());
  const last = segments.pop() ?? "";
  const at = BY_SEGMENT.findIndex((b) => b.re.test(last) && (b.anywhere || segments.every((s) => API_PREFIX.test(s))));
  return at >= 0 ? PREFERRED.length + at : undefined;
}

const HAS_PARAMETER = /\{(?!\$\})[^}]*\}|\/:[^/]|\*/;
const METHOD = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE)$/;
// Router methods whose arguments hold a route path (net/http, gorilla, chi, gin, echo, fiber, httprouter, ardanlabs web).
const ROUTE_METHOD = /^(Handle|HandleFunc|Handler|HandlerFunc\w*|Get|GET|Head|HEAD|Any|All|Match|Method|MethodFunc|Path|Add)$/;
// Which of those register for one HTTP method by name.
const METHOD_OF_NAME: { readonly [name: string]: string } = { Get: "GET", GET: "GET", Head: "HEAD", HEAD: "HEAD" };

interface Route {
  readonly path: string;
  readonly index: number;
  readonly line: number;
  readonly how: string;
}

const text = (tokens: GoToken[]) => tokens.map((t) => t.text).join("");

/** An HTTP method an argument names: "GET", http.MethodGet. */
function methodOf(arg: GoToken[]): string | undefined {
  if (arg.length === 1 && arg[0].kind === "string" && METHOD.test(arg[0].value ?? "")) return arg[0].value;
  const last = arg[arg.length - 1];
  if (arg.length === 3 && arg[1].text === "." && /^Method[A-Z][a-z]+$/.test(last.text)) return last.text.slice(6).toUpperCase();
  return undefined;
}

/** The route path an argument holds: a constant, or one inside a call (path.Join(prefix, "/-/healthy"), s.basePath(HealthzPath)). */
function pathOf(file: GoFile, values: GoValues, arg: GoToken[], at: number): { value: string; inside?: string } | undefined {
  const whole = values.evaluate(file, arg, at)?.value;
  if (whole?.kind === "string") return { value: whole.value };
  if (!arg.some((t) => t.text === "(")) return undefined;
  let found: string | undefined;
  for (let i = 0; i < arg.length; i++) {
    const t = arg[i];
    let v: string | undefined;
    if (t.kind === "string") v = t.value;
    else if (t.kind === "ident" && arg[i - 1]?.text !== "." && arg[i + 1]?.text !== "(" && arg[i + 1]?.text !== ".") {
      const r = values.evaluate(file, [t], at)?.value;
      v = r?.kind === "string" ? r.value : undefined;
    }
    if (v !== undefined && /^([A-Z]+ )?\//.test(v)) found = v;
  }
  const callee = arg.slice(0, arg.findIndex((t) => t.text === "(")).map((t) => t.text).join("");
  return found !== undefined ? { value: found, inside: callee } : undefined;
}

/** The path prefix of an enclosing chi r.Route("/api", func(r chi.Router) {...}) or a gin/echo group variable. */
function prefixOf(file: GoFile, values: GoValues, index: number, groups: Map<string, string>): string {
  const t = file.tokens;
  let prefix = groups.get(t[index - 2]?.text ?? "") ?? "";
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const x = t[i].text;
    if (x === ")" || x === "}" || x === "]") depth++;
    else if (x === "(" || x === "{" || x === "[") {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (x === "(" && t[i - 1]?.text === "Route" && t[i - 2]?.text === ".") {
        const arg = callArgs(t, i).args[0];
        const v = arg ? values.evaluate(file, arg, i)?.value : undefined;
        if (v?.kind === "string") prefix = v.value.replace(/\/$/, "") + prefix;
      }
    }
  }
  return prefix;
}

/** Routes a file registers for GET (or any method), with their full paths where the code shows them. */
function routesIn(file: GoFile, values: GoValues, notes: string[]): Route[] {
  const t = file.tokens;
  const routes: Route[] = [];
  // v1 := r.Group("/v1") (gin, echo, fiber)
  const groups = new Map<string, string>();
  for (let i = 0; i + 4 < t.length; i++) {
    if (t[i].kind === "ident" && t[i + 1].text === ":=" && t[i + 3]?.text === "." && t[i + 4]?.text === "Group" && t[i + 5]?.text === "(") {
      const arg = callArgs(t, i + 5).args[0];
      const v = arg ? values.evaluate(file, arg, i)?.value : undefined;
      if (v?.kind === "string") groups.set(t[i].text, (groups.get(t[i + 2].text) ?? "") + v.value.replace(/\/$/, ""));
    }
  }
  for (let i = 1; i + 1 < t.length; i++) {
    if (t[i - 1].text !== "." || !ROUTE_METHOD.test(t[i].text) || t[i + 1].text !== "(") continue;
    const { args, close } = callArgs(t, i + 1);
    let k = 0;
    let method = METHOD_OF_NAME[t[i].text];
    let version = "";
    // Leading arguments: the method and an API version group (ardanlabs web: method, "v1", path, handler).
    while (k < args.length - 1) {
      const m = methodOf(args[k]);
      if (m) {
        method = m;
        k++;
        continue;
      }
      const v = values.evaluate(file, args[k], i)?.value;
      if (v?.kind === "string" && /^\/?v[0-9]+$/.test(v.value) && args[k].length === 1) {
        version = "/" + v.value.replace(/^\//, "");
        k++;
        continue;
      }
      break;
    }
    const chained = t[close + 1]?.text === "." ? t[close + 2]?.text : undefined;
    // The handler follows the path, except gorilla's r.Path("/x").Handler(h).
    if (t[i].text === "Path" ? !["Handler", "HandlerFunc", "Methods"].includes(chained ?? "") : k >= args.length - 1) continue;
    const p = args[k] ? pathOf(file, values, args[k], i) : undefined;
    if (!p) continue;
    let path = p.value;
    const pattern = /^([A-Z]+)\s+(\/.*)$/.exec(path);
    if (pattern) {
      method = pattern[1];
      path = pattern[2];
    }
    if (!path.startsWith("/")) continue;
    // gorilla: r.HandleFunc("/x", h).Methods("POST")
    if (chained === "Methods" && t[close + 3]?.text === "(") {
      const ms = callArgs(t, close + 3).args.map(methodOf);
      if (!ms.some((m) => m === "GET" || m === "HEAD")) continue;
    }
    if (method && method !== "GET" && method !== "HEAD") continue;
    const full = prefixOf(file, values, i, groups) + version + path;
    const how = `${text(t.slice(Math.max(0, i - 2), i + 1))}(${JSON.stringify(p.value)})` + (version ? ` in API version ${version.slice(1)}` : "") + (p.inside ? ` under ${p.inside}(...)` : "");
    if (p.inside && healthRank(full) !== undefined) notes.push(`${full} (${file.path}:${t[i].line}) is registered under ${p.inside}(...): a configured prefix would move it; assumed empty`);
    routes.push({ path: full.replace(/\{\$\}$/, "").replace(/(.)\/$/, "$1"), index: i, line: t[i].line, how });
  }
  // r.URL.Path == "/x", strings.HasPrefix(r.URL.Path, "/x"), switch r.URL.Path { case "/x": }
  for (let i = 2; i + 2 < t.length; i++) {
    if (t[i].text !== "Path" || t[i - 1].text !== "." || t[i - 2].text !== "URL") continue;
    if (t[i + 1].text === "==" && t[i + 2].kind === "string") routes.push({ path: t[i + 2].value ?? "", index: i, line: t[i].line, how: `URL.Path == ${t[i + 2].text}` });
    if (t[i + 1].text === "," && t[i + 2].kind === "string" && t[i + 3]?.text === ")") {
      const before = t.slice(Math.max(0, i - 8), i);
      if (before.some((x, k) => x.text === "HasPrefix" && before[k + 1]?.text === "(")) routes.push({ path: t[i + 2].value ?? "", index: i, line: t[i].line, how: `strings.HasPrefix(URL.Path, ${t[i + 2].text})` });
    }
    if (t[i + 1].text === "{" && t.slice(Math.max(0, i - 6), i).some((x) => x.text === "switch")) {
      let depth = 0;
      for (let j = i + 1; j < t.length; j++) {
        if (t[j].text === "{") depth++;
        else if (t[j].text === "}" && --depth === 0) break;
        if (depth === 1 && t[j].text === "case") {
          for (let k = j + 1; t[k] && t[k].text !== ":"; k++) {
            if (t[k].kind === "string") routes.push({ path: t[k].value ?? "", index: k, line: t[k].line, how: `switch URL.Path case ${t[k].text}` });
          }
        }
      }
    }
  }
  return routes;
}

// Words that name a listener apart from the main one.
const ROLE_STEMS = ["monit", "metric", "debug", "admin", "manag", "mgmt", "probe", "health", "diag", "intern", "ops"];

/** Role words of a name (startMonitoring -> monit). */
function rolesOf(name: string): string[] {
  return ROLE_STEMS.filter((stem) => nameWords(name).some((w) => w.startsWith(stem)));
}

/** A listener for the route other than the main one: a listen call in the registering function, or a port candidate of the same role. */
function healthListener(file: GoFile, values: GoValues, index: number, receiver: string, ports: PortCandidate[]): { port: number; evidence: string; why: string } | undefined {
  const fn = enclosingFunction(file, index);
  if (!fn) return undefined;
  const first = file.tokens[fn.bodyStart].line;
  const last = file.tokens[fn.end]?.line ?? Number.MAX_SAFE_INTEGER;
  const local = listenAddressesIn(file, values).find((l) => l.line >= first && l.line <= last);
  if (local) return { port: local.port, evidence: `${file.path}:${local.line}`, why: `${local.detail} in ${fn.name}, which registers it` };
  const roles = [...new Set([...rolesOf(fn.name), ...rolesOf(fn.receiver ?? ""), ...rolesOf(receiver)])];
  if (roles.length === 0) return undefined;
  const match = ports.find((c) => roles.some((r) => nameWords(`${c.name ?? ""} ${c.flag ?? ""} ${c.env ?? ""} ${c.doc ?? ""}`).some((w) => w.startsWith(r))));
  if (!match) return undefined;
  return { port: match.port, evidence: match.evidence, why: `registered in ${fn.name} (${roles.join(", ")}), like ${match.name ?? match.flag ?? match.env} (${match.detail}${match.doc ? `; "${match.doc}"` : ""})` };
}

/**
 * The liveness path a main package serves: routes registered anywhere in the module's
 * non-test packages (bounded), preferring those the main package links, then by name
 * (/healthz, /-/healthy, /health, /livez, /liveness, /v1/liveness, /ping, /status,
 * /readyz, /ready, then other health-like names). Also the port that serves it when
 * the code shows a listener other than the service's main one (a monitoring port).
 */
export function detectHealthPath(dir: string, mainPackage: string, modulePath: string | undefined): HealthPathReport {
  const mainDir = packageDir(mainPackage);
  const { packages, truncated } = loadModulePackages(dir, (rel) => nonDeliverableReason(rel) !== undefined);
  if (!packages.some((p) => p.dir === mainDir)) packages.push({ pkg: packageLabel(mainDir), dir: mainDir, depth: 0, files: readPackageFiles(dir, mainDir) });
  const linked = reachableDirs(packages, mainDir, modulePath);
  const values = new GoValues(dir, modulePath, packages);
  const notes: string[] = [];
  const found: (HealthPathCandidate & { rank: number; file: GoFile; index: number; receiver: string })[] = [];
  for (const p of packages) {
    // Another main package's code is not this binary's.
    const files = p.files.filter((f) => p.dir === mainDir || f.packageName !== "main");
    for (const file of files) {
      for (const r of routesIn(file, values, notes)) {
        const evidence = `${file.path}:${r.line}`;
        if (HAS_PARAMETER.test(r.path)) {
          if (healthRank(r.path.replace(HAS_PARAMETER, "x")) !== undefined || /\/(status|health)/.test(r.path)) notes.push(`${r.path} (${evidence}) has a path parameter: not used as a probe`);
          continue;
        }
        const rank = healthRank(r.path);
        if (rank === undefined || found.some((c) => c.evidence === evidence && c.path === r.path)) continue;
        found.push({ path: r.path, evidence, how: r.how, pkg: p.pkg, linkedFromMain: linked.has(p.dir), registered: true, rank, file, index: r.index, receiver: file.tokens[r.index - 2]?.text ?? "" });
      }
      // Constants that hold a health path but are not seen registered.
      for (const spec of topLevelSpecs(file.tokens)) {
        spec.names.forEach((n, i) => {
          const v = spec.values[i]?.length === 1 && spec.values[i][0].kind === "string" ? spec.values[i][0].value : undefined;
          if (!v?.startsWith("/") || healthRank(v) === undefined || found.some((c) => c.path === v)) return;
          found.push({ path: v, evidence: `${file.path}:${n.line}`, how: `${spec.keyword} ${n.text} = ${JSON.stringify(v)}`, pkg: p.pkg, linkedFromMain: linked.has(p.dir), registered: false, rank: healthRank(v) as number, file, index: -1, receiver: "" });
        });
      }
    }
  }
  // A constant later seen registered is the route, not a separate candidate.
  const candidates = found
    .filter((c) => c.registered || !found.some((r) => r.registered && r.path === c.path))
    .map((c, order) => ({ c, order }))
    .sort((a, b) => Number(b.c.registered) - Number(a.c.registered) || Number(b.c.linkedFromMain) - Number(a.c.linkedFromMain) || a.c.rank - b.c.rank || a.order - b.order)
    .map((x) => x.c);
  if (truncated) notes.push("the module has more package directories than were read; routes in the rest were not looked for");
  const strip = ({ rank: _r, file: _f, index: _i, receiver: _v, ...rest }: (typeof found)[number]): HealthPathCandidate => rest;
  const best = candidates.find((c) => c.registered && c.linkedFromMain);
  if (!best) {
    const elsewhere = candidates.filter((c) => c.registered);
    const declared = candidates.filter((c) => !c.registered);
    return {
      evidence: "",
      reason:
        `no health-like route registered by ${mainPackage} or the module packages it imports` +
        (elsewhere.length ? `; other packages register ${elsewhere.map((c) => `${c.path} (${c.evidence})`).join(", ")}` : "") +
        (declared.length ? `; declared but not seen registered: ${declared.map((c) => `${c.path} (${c.evidence})`).join(", ")}` : ""),
      candidates: candidates.map(strip),
      notes,
    };
  }
  const ports = detectPort(dir, mainPackage, modulePath);
  const listener = healthListener(best.file, values, best.index, best.receiver, ports.candidates);
  const other = listener && listener.port !== ports.port ? listener : undefined;
  const rest = candidates.filter((c) => c !== best && c.registered && c.linkedFromMain).map((c) => `${c.path} (${c.evidence})`);
  return {
    path: best.path,
    evidence: best.evidence,
    reason: `${mainPackage} serves ${best.path}: ${best.how} at ${best.evidence}` + (other ? `, on port ${other.port} (${other.why}), not the main port${ports.port ? ` ${ports.port}` : ""}` : "") + (rest.length ? `; also ${rest.join(", ")}` : ""),
    ...(other ? { port: other.port, portEvidence: other.evidence } : {}),
    candidates: candidates.map(strip),
    notes,
  };
}
