import {
  callArgs,
  docCommentAbove,
  enclosingFunction,
  findSelector,
  GoFile,
  GoToken,
  GoValue,
  GoValues,
  LoadedPackage,
  loadWithLocalImports,
  matching,
  namesFor,
  namesMatching,
  ResolvedValue,
  topLevelSpecs,
  trailingComment,
} from "./go-source";

/** Where a port was read from, strongest first in the ranking. */
export type PortSource = "flag" | "listen call" | "server literal" | "env default" | "struct tag" | "config default" | "constant";

export interface PortCandidate {
  readonly port: number;
  /** file:line of the flag, call, tag or declaration. */
  readonly evidence: string;
  readonly source: PortSource;
  /** What was read: 'flag --web.listen-address defaults to ":9115"'. */
  readonly detail: string;
  /** "address" for host:port values (a bind address can be passed), "port" for a bare number. */
  readonly form: "address" | "port";
  /** The host part of an address value: "", "0.0.0.0", "127.0.0.1", "localhost". */
  readonly host?: string;
  /** The host part is a loopback address: a container would not be reachable. */
  readonly loopback: boolean;
  /** The flag that sets it, as passed: "--http-addr". */
  readonly flag?: string;
  /** The environment variable that sets it: "LISTEN_ADDR". */
  readonly env?: string;
  /** The constant, variable or field name: "DEFAULT_PORT", "Web.APIHost". */
  readonly name?: string;
  /** Its doc comment, when it is a constant (tells a monitoring port from the main one). */
  readonly doc?: string;
  readonly pkg: string;
  readonly score: number;
}

export interface PortReport {
  /** The port the service most likely listens on by default. */
  readonly port?: number;
  /** file:line of the winning candidate; "" when none. */
  readonly evidence: string;
  readonly reason: string;
  /** Every candidate, best first. */
  readonly candidates: PortCandidate[];
  /** The winning default address is on loopback (127.0.0.1:8080, localhost:8080): a container must listen on 0.0.0.0. */
  readonly bindsLoopback: boolean;
  readonly loopbackEvidence?: string;
  /** The environment variable that sets the winning address (init can set it to 0.0.0.0:<port>). */
  readonly bindAddressEnv?: string;
  /** The flag that sets the winning address: "--http-addr". */
  readonly bindAddressFlag?: string;
  readonly notes: string[];
}

/** Lower-cased words of names and text: listenAddr, http-addr, DEFAULT_HTTP_PORT -> listen addr / http addr / default http port. */
export function nameWords(name: string): string[] {
  return name.split(/[^A-Za-z0-9]+/).flatMap((w) => w.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((w) => w.toLowerCase());
}
// "export", "report", "transport" end in "port" without being one.
const PORT_WORD = (w: string) => /port$/.test(w) && !/^(ex|im|re|sup|trans|pass|dis)port/.test(w);
const ADDRESS_WORD = (w: string) => PORT_WORD(w) || /(addr|address|listen|bind|host)$/.test(w) || /^(listen|bind|laddr)/.test(w);
/** A name of something holding a port or bind address: port, http-addr, listenAddr, http (as godoc's -http). */
const isAddressName = (name: string) => nameWords(name).some(ADDRESS_WORD) || /^(https?|web|listen|serve)$/i.test(name);
const isPortName = (name: string) => nameWords(name).some(PORT_WORD);
const LISTEN_WORDS = /listen|bind|serve/i;
// Names of addresses the service connects to or advertises, not ones it binds.
const NOT_A_BIND = /adv|advertis|external|public|upstream|target|remote|join|proxy|redis|(^|[^a-z])db|database|postgres|mysql|mongo|smtp|mail|dns|kafka|otlp|jaeger|tempo|collector|endpoint|url|backend|origin|registry|syslog/i;
// A secondary listener: debug, metrics, cluster traffic.
const SECONDARY = /debug|metric|pprof|profil|admin|monitor|raft|cluster|grpc|gossip|peer|leaf|gateway|route|mgmt|manage|health|probe|prom|telemetry|trace|diag|status/i;
const PRIMARY = /http|api|web|listen|server|service/i;
const NOT_A_PORT_CONSTANT = /max|min|random|range|count|num|timeout|size|len|offset/i;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

const BASE: { readonly [s in PortSource]: number } = {
  flag: 85, "listen call": 90, "server literal": 88, "env default": 80, "struct tag": 80, "config default": 78, constant: 50,
};

/** A bind address or port from a value; undefined for remote hosts, URLs and out-of-range numbers. */
function parseAddress(value: GoValue, portOnly: boolean): { port: number; host?: string } | undefined {
  const inRange = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;
  if (value.kind === "number") return portOnly && inRange(value.value) ? { port: value.value } : undefined;
  const v = value.value.trim();
  if (/^\d{1,5}$/.test(v)) return portOnly && inRange(Number(v)) ? { port: Number(v) } : undefined;
  if (v.includes("://")) return undefined;
  const m = /^(\[[^\]]*\]|[^:\s/]*):(\d{1,5})$/.exec(v);
  if (!m || !inRange(Number(m[2]))) return undefined;
  const host = m[1].replace(/^\[|\]$/g, "");
  if (!(host === "" || host === "0.0.0.0" || host === "::" || isLoopback(host))) return undefined;
  return { port: Number(m[2]), host };
}

function isLoopback(host: string): boolean {
  return /^127\./.test(host) || host === "localhost" || host === "::1";
}

/** The ardanlabs/conf way of splitting a field name: APIHost -> API, Host. */
function camelSplit(name: string): string[] {
  const words = name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g);
  return words ?? [name];
}

/** Parses a struct tag (`env:"PORT" default:"8080"`) into key -> value. */
function parseTag(tag: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const re = /\s*([\w.-]+):"((?:[^"\\]|\\.)*)"/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(tag)) !== null) {
    out.set(m[1], m[2]);
    end = re.lastIndex;
  }
  return out.size > 0 && tag.slice(end).trim() === "" ? out : undefined;
}

interface Found {
  readonly value: ResolvedValue;
  readonly source: PortSource;
  readonly file: GoFile;
  readonly line: number;
  readonly what: string;
  readonly portOnly: boolean;
  readonly names: string;
  /** The env and flag were derived from names (ardanlabs/conf): only `names` says what the address is for. */
  readonly derived?: boolean;
  readonly flag?: string;
  readonly env?: string;
  readonly name?: string;
  readonly doc?: string;
  readonly bonus?: number;
}

type Collect = (f: Found) => void;

const FLAG_FUNC = /^(String|Int|Int64|Int32|Uint|Uint64|Uint32|Uint16)(Var)?(P)?$/;

/** std flag, pflag and cobra: flag.String("listen", ":9115", usage), fs.IntVar(&p, "port", 4222, usage), StringP(...). */
function stdFlags(file: GoFile, values: GoValues, collect: Collect, notes: string[]): void {
  if (!file.imports.some((i) => i.path === "flag" || /^github\.com\/spf13\/(pflag|cobra)$/.test(i.path) || /peterbourgon\/ff/.test(i.path))) return;
  const t = file.tokens;
  for (let i = 0; i + 2 < t.length; i++) {
    const m = t[i].text === "." ? FLAG_FUNC.exec(t[i + 1].text) : null;
    if (!m || t[i + 2].text !== "(") continue;
    const { args } = callArgs(t, i + 2);
    const offset = m[2] ? 1 : 0;
    const nameTok = args[offset];
    const def = args[offset + (m[3] ? 2 : 1)];
    const usage = args[offset + (m[3] ? 3 : 2)];
    if (nameTok?.length !== 1 || nameTok[0].kind !== "string" || !def) continue;
    const name = nameTok[0].value ?? "";
    const usageText = usage ? String(values.evaluate(file, usage, i)?.value.value ?? "") : "";
    if (!isAddressName(name) || NOT_A_BIND.test(name)) continue;
    const value = values.evaluate(file, def, i);
    const at = `${file.path}:${nameTok[0].line}`;
    if (!value) {
      if (isPortName(name) || LISTEN_WORDS.test(usageText)) notes.push(`flag --${name} (${at}) has a default that is not a constant (${def.map((x) => x.text).join("")})`);
      continue;
    }
    if (String(value.value.value) === "0" || value.value.value === "") {
      if (isPortName(name) || LISTEN_WORDS.test(usageText)) notes.push(`flag --${name} (${at}) defaults to ${JSON.stringify(value.value.value)}: the port is chosen elsewhere`);
      continue;
    }
    collect({
      value, source: "flag", file, line: nameTok[0].line, what: `flag --${name} defaults to ${JSON.stringify(value.value.value)}`,
      portOnly: isPortName(name), names: name, flag: `--${name}`, bonus: LISTEN_WORDS.test(`${name} ${usageText}`) ? 5 : 0,
    });
  }
}

/** kingpin: app.Flag("web.listen-address", help).Default(":9115").Envar("LISTEN").String(). */
function kingpinFlags(file: GoFile, values: GoValues, collect: Collect): void {
  if (!file.imports.some((i) => /alecthomas\/kingpin/.test(i.path))) return;
  const t = file.tokens;
  for (let i = 1; i + 1 < t.length; i++) {
    if (t[i].text !== "Flag" || t[i - 1].text !== "." || t[i + 1].text !== "(") continue;
    const { args, close } = callArgs(t, i + 1);
    const nameTok = args[0];
    if (nameTok?.length !== 1 || nameTok[0].kind !== "string") continue;
    const name = nameTok[0].value ?? "";
    const help = args[1] ? String(values.evaluate(file, args[1], i)?.value.value ?? "") : "";
    let def: ResolvedValue | undefined;
    let env: string | undefined;
    for (let j = close + 1; t[j]?.text === "." && t[j + 1]?.kind === "ident" && t[j + 2]?.text === "(";) {
      const chained = callArgs(t, j + 2);
      if (t[j + 1].text === "Default" && chained.args[0]) def = values.evaluate(file, chained.args[0], j);
      if (t[j + 1].text === "Envar" && chained.args[0]?.[0]?.kind === "string") env = chained.args[0][0].value;
      j = chained.close + 1;
    }
    if (!def || !isAddressName(name) || NOT_A_BIND.test(name)) continue;
    collect({
      value: def, source: "flag", file, line: nameTok[0].line, what: `kingpin flag --${name} defaults to ${JSON.stringify(def.value.value)}`,
      portOnly: isPortName(name), names: name, flag: `--${name}`, ...(env ? { env } : {}), bonus: LISTEN_WORDS.test(`${name} ${help}`) ? 5 : 0,
    });
  }
}

/** The prometheus exporter-toolkit's kingpinflag.AddFlags(app, ":9115"): --web.listen-address. */
function exporterToolkitFlags(file: GoFile, values: GoValues, collect: Collect): void {
  const names = namesFor(file, "github.com/prometheus/exporter-toolkit/web/kingpinflag");
  for (const at of findSelector(file, names, ["AddFlags"])) {
    if (file.tokens[at + 3]?.text !== "(") continue;
    const { args } = callArgs(file.tokens, at + 3);
    const value = args[1] ? values.evaluate(file, args[1], at) : undefined;
    if (!value) continue;
    collect({
      value, source: "flag", file, line: file.tokens[at].line, what: `exporter-toolkit kingpinflag.AddFlags: --web.listen-address defaults to ${JSON.stringify(value.value.value)}`,
      portOnly: false, names: "web.listen-address", flag: "--web.listen-address", bonus: 15,
    });
  }
}

/** urfave/cli: &cli.StringFlag{Name: "listen", Value: ":3000", EnvVars: []string{"LISTEN"}}. */
function urfaveFlags(file: GoFile, values: GoValues, collect: Collect): void {
  const names = namesMatching(file, /^github\.com\/urfave\/cli(\/v[0-9]+)?$/);
  const t = file.tokens;
  for (const at of findSelector(file, names, ["StringFlag", "IntFlag", "UintFlag", "Int64Flag", "Uint64Flag"])) {
    if (t[at + 3]?.text !== "{") continue;
    const close = matching(t, at + 3);
    const fields = new Map<string, GoToken[]>();
    const body = callArgs([{ kind: "op", text: "(", line: 0 }, ...t.slice(at + 4, close), { kind: "op", text: ")", line: 0 }], 0).args;
    for (const f of body) if (f[0]?.kind === "ident" && f[1]?.text === ":") fields.set(f[0].text, f.slice(2));
    const nameTok = fields.get("Name")?.[0];
    const valueExpr = fields.get("Value");
    if (nameTok?.kind !== "string" || !valueExpr) continue;
    const name = nameTok.value ?? "";
    const value = values.evaluate(file, valueExpr, at);
    const envTokens = fields.get("EnvVars") ?? fields.get("EnvVar") ?? fields.get("Sources") ?? [];
    const env = envTokens.find((x) => x.kind === "string")?.value;
    if (!value || !isAddressName(name) || NOT_A_BIND.test(name)) continue;
    collect({
      value, source: "flag", file, line: nameTok.line, what: `urfave/cli flag --${name} defaults to ${JSON.stringify(value.value.value)}`,
      portOnly: isPortName(name), names: name, flag: `--${name}`, ...(env ? { env } : {}),
    });
  }
}

/** http.ListenAndServe(":8080"), net.Listen("tcp", ":4222"), tls.Listen, gin Run, echo Start, fiber Listen. */
function listenCalls(file: GoFile, values: GoValues, collect: Collect): void {
  const t = file.tokens;
  // The function that starts a listener names its role: startMonitoring, serveDebug.
  const role = (at: number) => `listen ${enclosingFunction(file, at)?.name ?? ""}`;
  const calls: { names: string[]; sels: string[]; arg: number; label: string }[] = [
    { names: namesFor(file, "net/http"), sels: ["ListenAndServe", "ListenAndServeTLS"], arg: 0, label: "http.ListenAndServe" },
    { names: namesFor(file, "net"), sels: ["Listen", "ListenPacket"], arg: 1, label: "net.Listen" },
    { names: namesFor(file, "crypto/tls"), sels: ["Listen"], arg: 1, label: "tls.Listen" },
  ];
  for (const c of calls) {
    for (const at of findSelector(file, c.names, c.sels)) {
      if (t[at + 3]?.text !== "(") continue;
      const arg = callArgs(t, at + 3).args[c.arg];
      const value = arg ? values.evaluate(file, arg, at) : undefined;
      if (value) collect({ value, source: "listen call", file, line: t[at].line, what: `${c.label}(${JSON.stringify(value.value.value)})`, portOnly: false, names: role(at) });
    }
  }
  const frameworks: { path: RegExp; method: string; label: string }[] = [
    { path: /^github\.com\/gin-gonic\/gin$/, method: "Run", label: "gin Run" },
    { path: /^github\.com\/labstack\/echo(\/v[0-9]+)?$/, method: "Start", label: "echo Start" },
    { path: /^github\.com\/gofiber\/fiber(\/v[0-9]+)?$/, method: "Listen", label: "fiber Listen" },
  ];
  for (const fw of frameworks) {
    if (!file.imports.some((i) => fw.path.test(i.path))) continue;
    for (let i = 1; i + 1 < t.length; i++) {
      if (t[i - 1].text !== "." || t[i].text !== fw.method || t[i + 1].text !== "(") continue;
      const arg = callArgs(t, i + 1).args[0];
      const value = arg ? values.evaluate(file, arg, i) : undefined;
      if (value) collect({ value, source: "listen call", file, line: t[i].line, what: `${fw.label}(${JSON.stringify(value.value.value)})`, portOnly: false, names: role(i) });
    }
  }
  // http.Server{Addr: ":3000"}
  for (const at of findSelector(file, namesFor(file, "net/http"), ["Server"])) {
    if (t[at + 3]?.text !== "{") continue;
    const close = matching(t, at + 3);
    let depth = 0;
    for (let i = at + 4; i < close; i++) {
      if (["(", "[", "{"].includes(t[i].text)) depth++;
      else if ([")", "]", "}"].includes(t[i].text)) depth--;
      if (depth !== 0 || t[i].text !== "Addr" || t[i + 1]?.text !== ":") continue;
      let end = i + 2;
      let d = 0;
      while (end < close && !(d === 0 && t[end].text === ",")) {
        if (["(", "[", "{"].includes(t[end].text)) d++;
        else if ([")", "]", "}"].includes(t[end].text)) d--;
        end++;
      }
      const value = values.evaluate(file, t.slice(i + 2, end).filter((x) => x.kind !== ";"), i);
      if (value) collect({ value, source: "server literal", file, line: t[i].line, what: `http.Server{Addr: ${JSON.stringify(value.value.value)}}`, portOnly: false, names: role(i) });
    }
  }
}

const OS_ENV = ["Getenv", "LookupEnv"];

/** getEnv("PORT", "3000"), os.Getenv("PORT") with a fallback next to it, cmp.Or(os.Getenv("ADDR"), ":8080"). */
function envDefaults(file: GoFile, values: GoValues, collect: Collect): void {
  const t = file.tokens;
  const osNames = namesFor(file, "os");
  const envLike = (s: string | undefined): s is string => s !== undefined && ENV_NAME.test(s) && isAddressName(s) && !NOT_A_BIND.test(s);
  for (let i = 0; i + 1 < t.length; i++) {
    if (t[i].kind !== "ident" || t[i + 1].text !== "(" || !/env/i.test(t[i].text)) continue;
    const isOs = t[i - 1]?.text === "." && osNames.includes(t[i - 2]?.text ?? "") && OS_ENV.includes(t[i].text);
    const { args, close } = callArgs(t, i + 1);
    const key = args[0]?.length === 1 && args[0][0].kind === "string" ? args[0][0].value : undefined;
    if (!envLike(key)) continue;
    const line = args[0][0].line;
    const portOnly = isPortName(key);
    const found = (value: ResolvedValue, how: string) =>
      collect({ value, source: "env default", file, line, what: `${key} defaults to ${JSON.stringify(value.value.value)} (${how})`, portOnly, names: key, env: key });
    if (!isOs) {
      // A helper taking the name and its default.
      const value = args.length === 2 ? values.evaluate(file, args[1], i) : undefined;
      if (value) found(value, `${t[i].text}("${key}", ...)`);
      continue;
    }
    const start = t[i - 1]?.text === "." ? i - 2 : i;
    // cmp.Or(os.Getenv("X"), "8080") and other calls that take the default next to it.
    const outer = enclosingCall(t, start);
    if (outer !== undefined) {
      const { args: siblings } = callArgs(t, outer);
      for (const s of siblings) {
        const value = values.evaluate(file, s, i);
        if (value) {
          found(value, `next to os.${t[i].text} in ${t[outer - 1]?.text ?? "a call"}(...)`);
          break;
        }
      }
      continue;
    }
    // v := os.Getenv("X"); if v == "" { v = "8080" }
    const assigned = t[start - 1]?.text === ":=" || t[start - 1]?.text === "=" ? assignedName(t, start - 1) : undefined;
    if (assigned) {
      const value = laterAssignment(file, values, assigned, close + 1);
      if (value) {
        found(value, `${assigned} falls back to it when the variable is empty`);
        continue;
      }
      // addr := ":8080"; if v := os.Getenv("ADDR"); v != "" { addr = v }
      const target = assignmentOf(t, assigned, close + 1);
      const before = target !== undefined ? values.evaluate(file, [t[target]], start) : undefined;
      if (before) found(before, `${t[target as number].text} keeps it unless the variable is set`);
    }
  }
}

/** Index of the "(" of the call whose arguments hold token `at` directly, if any (stops at a statement boundary). */
function enclosingCall(t: GoToken[], at: number): number | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const x = t[i].text;
    if (t[i].kind === ";" || x === "{" || x === "}") return undefined;
    if (x === ")" || x === "]") depth++;
    else if (x === "(" || x === "[") {
      if (depth === 0) return x === "(" && t[i - 1]?.kind === "ident" && !["if", "for", "switch"].includes(t[i - 1].text) ? i : undefined;
      depth--;
    }
  }
  return undefined;
}

/** The first name of `a, b :=` / `a =` ending at the operator index. */
function assignedName(t: GoToken[], op: number): string | undefined {
  let i = op - 1;
  while (t[i - 1]?.text === "," && t[i - 2]?.kind === "ident") i -= 2;
  return t[i]?.kind === "ident" && t[i - 1]?.text !== "." ? t[i].text : undefined;
}

/** A later `name = <constant>` in the same function, within a few statements. */
function laterAssignment(file: GoFile, values: GoValues, name: string, from: number): ResolvedValue | undefined {
  const t = file.tokens;
  let depth = 0;
  for (let i = from; i < Math.min(t.length, from + 120); i++) {
    if (t[i].text === "{") depth++;
    else if (t[i].text === "}" && --depth < 0) return undefined;
    if (t[i].text !== name || t[i + 1]?.text !== "=" || t[i - 1]?.text === ".") continue;
    let end = i + 2;
    while (end < t.length && t[end].kind !== ";") end++;
    return values.evaluate(file, t.slice(i + 2, end), i);
  }
  return undefined;
}

/** Index of `x` in a later `x = name` within the next few statements of the block. */
function assignmentOf(t: GoToken[], name: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < Math.min(t.length, from + 80); i++) {
    if (t[i].text === "{") depth++;
    else if (t[i].text === "}" && --depth < 0) return undefined;
    if (t[i].text === name && t[i - 1]?.text === "=" && t[i - 2]?.kind === "ident" && t[i - 3]?.text !== "." && t[i + 1]?.kind === ";") return i - 2;
  }
  return undefined;
}

/** Defaults keyed by environment name ("LISTEN_ADDR": {... "127.0.0.1:8080" ...}) and viper SetDefault("port", 8080). */
function configDefaults(file: GoFile, values: GoValues, collect: Collect): void {
  const t = file.tokens;
  for (let i = 1; i + 2 < t.length; i++) {
    const key = t[i].kind === "string" ? t[i].value : undefined;
    if (!key || t[i + 1].text !== ":" || !(t[i - 1].text === "{" || t[i - 1].text === "," || t[i - 1].kind === ";")) continue;
    if (!ENV_NAME.test(key) || !isAddressName(key) || NOT_A_BIND.test(key)) continue;
    const portOnly = isPortName(key);
    let value: ResolvedValue | undefined;
    if (t[i + 2].text === "{") {
      value = firstFieldValue(file, values, i + 2, portOnly);
    } else {
      value = values.evaluate(file, [t[i + 2]], i);
    }
    if (value) collect({ value, source: "config default", file, line: t[i].line, what: `default of ${key} is ${JSON.stringify(value.value.value)}`, portOnly, names: key, env: key });
  }
  for (let i = 1; i + 1 < t.length; i++) {
    if (t[i].text !== "SetDefault" || t[i - 1].text !== "." || t[i + 1].text !== "(") continue;
    const { args } = callArgs(t, i + 1);
    const key = args[0]?.[0]?.kind === "string" ? args[0][0].value : undefined;
    if (!key || !isAddressName(key) || NOT_A_BIND.test(key) || !args[1]) continue;
    const value = values.evaluate(file, args[1], i);
    if (value) collect({ value, source: "config default", file, line: t[i].line, what: `SetDefault("${key}", ${JSON.stringify(value.value.value)})`, portOnly: isPortName(key), names: key });
  }
}

/**
 * In a composite literal ({parsed: []string{"127.0.0.1:8080"}, raw: "127.0.0.1:8080"}), the
 * first field or element value that is a port or address; never a function's body or a call's argument.
 */
function firstFieldValue(file: GoFile, values: GoValues, open: number, portOnly: boolean): ResolvedValue | undefined {
  const t = file.tokens;
  const close = matching(t, open);
  const stack: string[] = [];
  for (let j = open + 1; j < close; j++) {
    const x = t[j];
    if (x.text === "func") {
      // Skip to the end of the function literal's body.
      let k = j + 1;
      while (k < close && t[k].text !== "{") k = t[k].text === "(" ? matching(t, k) + 1 : k + 1;
      j = matching(t, k);
      continue;
    }
    if (x.text === "(" || x.text === "{" || x.text === "[") stack.push(x.text);
    else if (x.text === ")" || x.text === "}" || x.text === "]") stack.pop();
    if ((x.kind !== "string" && x.kind !== "number") || stack.includes("(")) continue;
    const v = values.evaluate(file, [x]);
    if (v && parseAddress(v.value, portOnly)) return v;
  }
  return undefined;
}

/** Names of the structs enclosing the field at `at` (Web for `Web struct { APIHost ... }`), outermost first. */
function structPath(t: GoToken[], at: number): string[] {
  const path: string[] = [];
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    if (t[i].text === "}") depth++;
    else if (t[i].text === "{") {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (t[i - 1]?.text !== "struct") break;
      const parent = t[i - 2];
      if (parent?.kind !== "ident" || !(t[i - 3]?.kind === ";" || t[i - 3]?.text === "{")) break;
      path.unshift(parent.text);
      i -= 2;
    }
  }
  return path;
}

/** Struct tags: `envconfig:"PORT" default:"8080"`, `env:"ADDR" envDefault:":8080"`, `conf:"default:0.0.0.0:3000"` (ardanlabs/conf). */
function structTags(file: GoFile, values: GoValues, collect: Collect): void {
  const t = file.tokens;
  const confNames = namesMatching(file, /^github\.com\/ardanlabs\/conf(\/v[0-9]+)?$/);
  let confPrefix: string | undefined;
  for (const at of findSelector(file, confNames, ["Parse"])) {
    const arg = t[at + 3]?.text === "(" ? callArgs(t, at + 3).args[0] : undefined;
    const v = arg ? values.evaluate(file, arg, at) : undefined;
    if (v?.value.kind === "string") confPrefix = v.value.value;
  }
  for (let i = 2; i < t.length; i++) {
    if (t[i].kind !== "string" || !t[i].text.startsWith("`")) continue;
    const tag = parseTag(t[i].value ?? "");
    if (!tag) continue;
    // The field: `Name Type `tag``, first token after the previous ";" or "{".
    let s = i - 1;
    while (s > 0 && t[s - 1].kind !== ";" && t[s - 1].text !== "{") s--;
    const field = t[s];
    if (field?.kind !== "ident" || s === i - 1) continue;
    const conf = new Map<string, string>();
    for (const opt of (tag.get("conf") ?? "").split(",")) {
      const colon = opt.indexOf(":");
      if (colon > 0) conf.set(opt.slice(0, colon), opt.slice(colon + 1));
    }
    const def = tag.get("default") ?? tag.get("envDefault") ?? tag.get("env-default") ?? conf.get("default");
    if (def === undefined) continue;
    const path = [...structPath(t, s), field.text];
    let env = tag.get("env")?.split(",")[0] || tag.get("envconfig")?.split(",")[0] || undefined;
    let flag = tag.get("long") ?? tag.get("flag");
    const fromConf = tag.has("conf") && confNames.length > 0;
    if (fromConf) {
      const words = path.flatMap(camelSplit);
      env = conf.get("env") ?? [confPrefix, ...words].filter((w) => w).join("_").toUpperCase();
      flag = conf.get("flag") ?? words.join("-").toLowerCase();
    }
    // conf's env prefix is the service's name (METRICS_...), not what the field is for.
    const names = fromConf ? path.join(".") : `${path.join(".")} ${env ?? ""}`;
    if (!isAddressName(names) || NOT_A_BIND.test(names)) continue;
    collect({
      value: { value: { kind: "string", value: def } }, source: "struct tag", file, line: t[i].line,
      what: `field ${path.join(".")} has default ${JSON.stringify(def)} in its tag`, portOnly: isPortName(names), names,
      name: path.join("."), ...(env ? { env } : {}), ...(flag ? { flag: `--${flag}` } : {}), derived: fromConf,
    });
  }
}

/** Package-level constants and variables for ports: const DEFAULT_PORT = 4222, defaultAddr = ":8080". */
function constants(p: LoadedPackage, all: LoadedPackage[], values: GoValues, collect: Collect): void {
  for (const file of p.files) {
    for (const spec of topLevelSpecs(file.tokens)) {
      if (spec.values.length !== spec.names.length) continue;
      spec.names.forEach((n, index) => {
        const name = n.text;
        const portName = isPortName(name);
        const addrName = nameWords(name).some((w) => /(addr|address|listen|bind)$/.test(w));
        if ((!portName && !addrName) || NOT_A_PORT_CONSTANT.test(name) || NOT_A_BIND.test(name)) return;
        const value = values.evaluate(file, spec.values[index]);
        if (!value) return;
        const plain = /^(default_?)?(listen_?|server_?)?(port|addr|address)$/i.test(name);
        const used = assignedToPortField(all, name);
        const env = envNamedLike(p, name);
        collect({
          value, source: "constant", file, line: n.line, what: `${spec.keyword} ${name} = ${JSON.stringify(value.value.value)}${used ? `, assigned to a port field at ${used}` : ""}${env ? `, unless ${env} is set` : ""}`,
          portOnly: portName, names: name, name, ...(env ? { env } : {}), doc: docCommentAbove(file, n.line) || trailingComment(file, n.line) || docCommentAbove(file, spec.groupLine),
          bonus: (plain ? 8 : 0) + (used ? 10 : 0),
        });
      });
    }
  }
}

/** The variable the package reads with os.Getenv that names the same setting as a default constant: defaultListenAddr -> LISTEN_ADDR. */
function envNamedLike(p: LoadedPackage, constant: string): string | undefined {
  const setting = nameWords(constant).filter((w) => w !== "default").join("_");
  for (const f of p.files) {
    const osNames = namesFor(f, "os");
    const t = f.tokens;
    for (let i = 2; i + 2 < t.length; i++) {
      const key = t[i + 2];
      if (t[i - 1].text !== "." || !osNames.includes(t[i - 2].text) || !OS_ENV.includes(t[i].text) || t[i + 1].text !== "(" || key.kind !== "string") continue;
      if (key.value && ENV_NAME.test(key.value) && nameWords(key.value).join("_") === setting) return key.value;
    }
  }
  return undefined;
}

/** Where a constant is assigned to something named like a port (opts.Port = DEFAULT_PORT), file:line. */
function assignedToPortField(all: LoadedPackage[], name: string): string | undefined {
  for (const p of all) {
    for (const f of p.files) {
      const t = f.tokens;
      for (let i = 2; i < t.length; i++) {
        if (t[i].text !== name || t[i].kind !== "ident") continue;
        const op = t[i - 1].text === "." ? t[i - 3] : t[i - 1];
        const target = t[i - 1].text === "." ? t[i - 4] : t[i - 2];
        if ((op?.text === "=" || op?.text === ":") && target?.kind === "ident" && /port|addr/i.test(target.text)) return `${f.path}:${t[i].line}`;
      }
    }
  }
  return undefined;
}

/** Ports of the listen calls and http.Server{Addr} literals of a file, with their lines. */
export function listenAddressesIn(file: GoFile, values: GoValues): { port: number; line: number; detail: string }[] {
  const out: { port: number; line: number; detail: string }[] = [];
  listenCalls(file, values, (f) => {
    const parsed = parseAddress(f.value.value, false);
    if (parsed) out.push({ port: parsed.port, line: f.line, detail: f.what });
  });
  return out;
}

/**
 * The port a main package listens on by default, from its code and the module packages it
 * imports (three levels): flag defaults (flag, pflag, cobra, kingpin, urfave/cli,
 * exporter-toolkit), listen calls and http.Server{Addr}, environment defaults (helpers,
 * os.Getenv fallbacks, defaults maps, struct tags) and port constants, ranked in that
 * spirit: an explicit listen flag or ListenAndServe over a constant, a main listener
 * over a debug/metrics/cluster one.
 */
export function detectPort(dir: string, mainPackage: string, modulePath: string | undefined): PortReport {
  const packages = loadWithLocalImports(dir, mainPackage, modulePath, 3, 300);
  const values = new GoValues(dir, modulePath, packages);
  const candidates: PortCandidate[] = [];
  const notes: string[] = [];
  for (const p of packages) {
    const collect: Collect = (f) => {
      const parsed = parseAddress(f.value.value, f.portOnly);
      if (!parsed) {
        if (f.source === "listen call" && /:0$/.test(String(f.value.value.value))) notes.push(`${f.what} at ${f.file.path}:${f.line} listens on a port the system picks`);
        return;
      }
      const via = f.value.via && f.source !== "constant" ? ` (${f.value.via.name} at ${f.value.via.at})` : "";
      const words = f.derived ? f.names : `${f.names} ${f.flag ?? ""} ${f.env ?? ""}`;
      const score = BASE[f.source] + (f.bonus ?? 0) + (PRIMARY.test(words) ? 3 : 0) - (SECONDARY.test(words) ? 25 : 0) - 2 * p.depth;
      const evidence = `${f.file.path}:${f.line}`;
      const form = parsed.host !== undefined ? "address" : "port";
      const existing = candidates.findIndex((c) => c.evidence === evidence && c.port === parsed.port);
      if (existing >= 0 && candidates[existing].score >= score) return;
      const candidate: PortCandidate = {
        port: parsed.port, evidence, source: f.source, detail: f.what + via, form,
        ...(parsed.host !== undefined ? { host: parsed.host } : {}), loopback: parsed.host !== undefined && isLoopback(parsed.host),
        ...(f.flag ? { flag: f.flag } : {}), ...(f.env ? { env: f.env } : {}), ...(f.name ? { name: f.name } : {}), ...(f.doc ? { doc: f.doc } : {}),
        pkg: p.pkg, score,
      };
      if (existing >= 0) candidates[existing] = candidate;
      else candidates.push(candidate);
    };
    for (const file of p.files) {
      exporterToolkitFlags(file, values, collect);
      stdFlags(file, values, collect, notes);
      kingpinFlags(file, values, collect);
      urfaveFlags(file, values, collect);
      listenCalls(file, values, collect);
      envDefaults(file, values, collect);
      configDefaults(file, values, collect);
      structTags(file, values, collect);
    }
    constants(p, packages, values, collect);
  }
  // Stable: equal scores keep the order found (main package first, then by import level).
  const ranked = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.score - a.c.score || a.i - b.i).map((x) => x.c);
  const best = ranked[0];
  if (!best) {
    return { evidence: "", reason: `no port found in ${mainPackage} or the module packages it imports`, candidates: [], bindsLoopback: false, notes };
  }
  const others = ranked.slice(1, 4).map((c) => `${c.port} (${c.detail}, ${c.evidence})`);
  const address = best.form === "address";
  if (best.loopback && !best.env && !best.flag) notes.push(`the default address binds ${best.host} (${best.evidence}) and no flag or environment variable for it was found`);
  return {
    port: best.port,
    evidence: best.evidence,
    reason: `${mainPackage} listens on ${best.port}: ${best.detail} at ${best.evidence}` + (others.length ? `; other candidates: ${others.join(", ")}` : ""),
    candidates: ranked,
    bindsLoopback: best.loopback,
    ...(best.loopback ? { loopbackEvidence: best.evidence } : {}),
    ...(address && best.env ? { bindAddressEnv: best.env } : {}),
    ...(address && best.flag ? { bindAddressFlag: best.flag } : {}),
    notes,
  };
}
