import { callArgs, findSelector, GoFile, GoToken, GoValues, isKeyword, loadWithLocalImports, namesFor, namesMatching } from "./go-source";
import { readGoModModulePath } from "./module-path";

export interface HealthcheckReport {
  readonly hasSubcommand: boolean;
  readonly reason: string;
}

const WORD = "healthcheck";

/** Joins tokens to compact source text ("os.Args[1]") for pattern checks. */
const text = (tokens: GoToken[]) => tokens.map((t) => t.text).join("");

/** Regexes for expressions that are command-line arguments in this file: os.Args[1], flag.Arg(0), flag.Args()[0]. */
function argPatterns(f: GoFile): RegExp[] {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const os = namesFor(f, "os").map(esc);
  const flag = namesFor(f, "flag").map(esc);
  const out: RegExp[] = [];
  if (os.length) out.push(new RegExp(`(?:${os.join("|")})\\.Args(?:\\[[^\\]]*\\])?`));
  if (flag.length) out.push(new RegExp(`(?:${flag.join("|")})\\.Args?\\([^)]*\\)(?:\\[[^\\]]*\\])?`));
  return out;
}

/** Identifiers assigned from the arguments (args := os.Args[1:], cmd := flag.Arg(0)). */
function argVariables(f: GoFile, patterns: RegExp[]): string[] {
  const vars: string[] = [];
  const t = f.tokens;
  for (let i = 0; i + 1 < t.length; i++) {
    if (t[i].kind !== "ident" || (t[i + 1].text !== ":=" && t[i + 1].text !== "=")) continue;
    let end = i + 2;
    while (end < t.length && t[end].kind !== ";") end++;
    if (patterns.some((p) => p.test(text(t.slice(i + 2, end))))) vars.push(t[i].text);
  }
  return vars;
}

/** Does this file compare an argument with "healthcheck"? Returns the evidence and its file:line. */
function handlesArgument(f: GoFile): { text: string; at: string } | undefined {
  const found = handlesArgumentText(f);
  return found ? { text: found, at: /at (\S+:\d+)$/.exec(found)?.[1] ?? f.path } : undefined;
}

function handlesArgumentText(f: GoFile): string | undefined {
  const patterns = argPatterns(f);
  const t = f.tokens;
  const vars = patterns.length > 0 ? argVariables(f, patterns) : [];
  const isArg = (expr: string) =>
    patterns.some((p) => new RegExp(`^${p.source}$`).test(expr)) || vars.some((v) => new RegExp(`^${v}(\\[[^\\]]*\\])?$`).test(expr));
  const importsPath = (re: RegExp) => f.imports.some((i) => re.test(i.path));
  for (let i = 0; i < t.length; i++) {
    if (t[i].kind !== "string" || t[i].value !== WORD) continue;
    const at = `${f.path}:${t[i].line}`;
    // x == "healthcheck" / "healthcheck" == x
    if (t[i - 1]?.text === "==") {
      let j = i - 1;
      let d = 0;
      while (j > 0) {
        const p = t[j - 1];
        if (p.text === ")" || p.text === "]") d++;
        else if (p.text === "(" || p.text === "[") {
          if (d === 0) break;
          d--;
        } else if (d === 0 && !((p.kind === "ident" && !isKeyword(p.text)) || p.text === ".")) break;
        j--;
      }
      if (isArg(text(t.slice(j, i - 1)))) return `compares ${text(t.slice(j, i - 1))} with "healthcheck" at ${at}`;
    }
    if (t[i + 1]?.text === "==") {
      let j = i + 2;
      let d = 0;
      while (j < t.length) {
        const c = t[j];
        if (c.text === "(" || c.text === "[") d++;
        else if (c.text === ")" || c.text === "]") {
          if (d === 0) break;
          d--;
        } else if (d === 0 && !((c.kind === "ident" && !isKeyword(c.text)) || c.text === ".")) break;
        j++;
      }
      if (isArg(text(t.slice(i + 2, j)))) return `compares ${text(t.slice(i + 2, j))} with "healthcheck" at ${at}`;
    }
    // switch <arg> { case "healthcheck": }
    let k = i - 1;
    while (k >= 0 && (t[k].kind === "string" || t[k].text === ",")) k--;
    if (t[k]?.text === "case") {
      let depth = 0;
      for (let s = k - 1; s >= 0; s--) {
        if (t[s].text === "}") depth++;
        else if (t[s].text === "{") {
          if (depth === 0) {
            // The header: `switch tag {` or `switch x := init; tag {`.
            let h = s - 1;
            let tagStart = s;
            while (h >= 0 && t[h].text !== "switch" && t[h].text !== "{" && t[h].text !== "}") {
              if (t[h].kind === ";" && tagStart === s) tagStart = h + 1;
              h--;
            }
            const tag = text(t.slice(tagStart === s ? h + 1 : tagStart, s));
            if (t[h]?.text === "switch" && isArg(tag)) return `switches on ${tag} with case "healthcheck" at ${at}`;
            break;
          }
          depth--;
        }
      }
    }
    // cobra: &cobra.Command{Use: "healthcheck"}; urfave/cli: &cli.Command{Name: "healthcheck"}
    if (t[i - 1]?.text === ":" && t[i - 2]?.text === "Use" && importsPath(/^github\.com\/spf13\/cobra$/)) return `defines a cobra command Use: "healthcheck" at ${at}`;
    if (t[i - 1]?.text === ":" && t[i - 2]?.text === "Name" && importsPath(/^github\.com\/urfave\/cli(\/v[0-9]+)?$/)) return `defines a urfave/cli command Name: "healthcheck" at ${at}`;
  }
  return undefined;
}

/**
 * Whether the binary handles `<binary> healthcheck` (what a distroless HEALTHCHECK runs).
 * Conservative: only a "healthcheck" literal compared with os.Args / flag.Arg(s) (directly,
 * via a variable or a switch) or a cobra/urfave-cli command of that name counts.
 */
export function hasHealthcheckSubcommand(dir: string, mainPackage: string): HealthcheckReport {
  const packages = loadWithLocalImports(dir, mainPackage, readGoModModulePath(dir));
  const mentions: string[] = [];
  for (const p of packages) {
    for (const f of p.files) {
      const evidence = handlesArgument(f);
      if (evidence) return { hasSubcommand: true, reason: `${mainPackage} handles a healthcheck argument (${evidence.text})` };
      for (const t of f.tokens) if (t.kind === "string" && t.value === WORD) mentions.push(`${f.path}:${t.line}`);
    }
  }
  const hint = mentions.length > 0 ? `; "healthcheck" appears at ${mentions.join(", ")} but not as an argument comparison, so it is not counted` : "";
  return { hasSubcommand: false, reason: `${mainPackage} has no healthcheck subcommand${hint}` };
}

/** How the binary checks its own health: `<binary> healthcheck` or `<binary> -healthcheck`. */
export interface HealthcheckCommand {
  readonly found: boolean;
  readonly kind?: "subcommand" | "flag";
  /** The arguments to run, complete: ["healthcheck"], ["-healthcheck"], ["-healthcheck", "auto"]; undefined when a value is needed and not known. */
  readonly args?: string[];
  /** file:line of the comparison or flag definition. */
  readonly evidence?: string;
  /** The flag takes a value (a string flag, as miniflux's -healthcheck <endpoint>). */
  readonly flagTakesValue?: boolean;
  readonly reason: string;
}

const FLAG_NAME = /^health-?check$/;

interface HealthFlag {
  readonly name: string;
  readonly dash: "-" | "--";
  readonly takesValue: boolean;
  readonly at: string;
  readonly usage: string;
  readonly how: string;
}

/** A -healthcheck flag defined in the file: flag.Bool/BoolVar/String(Var), pflag ...P, kingpin Flag(...).Bool(), urfave/cli BoolFlag. */
function healthFlagIn(f: GoFile, values: GoValues): HealthFlag | undefined {
  const t = f.tokens;
  const std = f.imports.some((i) => i.path === "flag");
  const gnu = f.imports.some((i) => /^github\.com\/spf13\/(pflag|cobra)$/.test(i.path));
  const kingpin = f.imports.some((i) => /alecthomas\/kingpin/.test(i.path));
  const at = (tok: GoToken) => `${f.path}:${tok.line}`;
  const str = (arg: GoToken[] | undefined, i: number) => (arg ? String(values.evaluate(f, arg, i)?.value.value ?? "") : "");
  for (let i = 1; i + 1 < t.length; i++) {
    if (t[i - 1].text !== "." || t[i + 1].text !== "(") continue;
    const m = /^(Bool|String)(Var)?(P)?$/.exec(t[i].text);
    if (m && (std || gnu)) {
      const { args } = callArgs(t, i + 1);
      const nameArg = args[m[2] ? 1 : 0];
      const name = nameArg?.length === 1 && nameArg[0].kind === "string" ? (nameArg[0].value ?? "") : "";
      if (!FLAG_NAME.test(name)) continue;
      const usage = str(args[(m[2] ? 1 : 0) + (m[3] ? 3 : 2)], i);
      return { name, dash: gnu || m[3] ? "--" : "-", takesValue: m[1] === "String", at: at(nameArg[0]), usage, how: `${t[i - 2]?.text ?? ""}.${t[i].text}("${name}", ...)` };
    }
    if (t[i].text === "Flag" && kingpin) {
      const { args, close } = callArgs(t, i + 1);
      const name = args[0]?.length === 1 && args[0][0].kind === "string" ? (args[0][0].value ?? "") : "";
      if (!FLAG_NAME.test(name)) continue;
      let j = close + 1;
      let type = "";
      while (t[j]?.text === "." && t[j + 1]?.kind === "ident" && t[j + 2]?.text === "(") {
        type = t[j + 1].text;
        j = callArgs(t, j + 2).close + 1;
      }
      return { name, dash: "--", takesValue: type !== "Bool", at: at(args[0][0]), usage: str(args[1], i), how: `kingpin Flag("${name}", ...).${type}()` };
    }
  }
  for (const i of findSelector(f, namesMatching(f, /^github\.com\/urfave\/cli(\/v[0-9]+)?$/), ["BoolFlag", "StringFlag"])) {
    if (t[i + 3]?.text !== "{") continue;
    for (let j = i + 4; j < t.length && t[j].text !== "}"; j++) {
      if (t[j].text === "Name" && t[j + 1]?.text === ":" && t[j + 2]?.kind === "string" && FLAG_NAME.test(t[j + 2].value ?? "")) {
        return { name: t[j + 2].value ?? "", dash: "--", takesValue: t[i + 2].text === "StringFlag", at: at(t[j + 2]), usage: "", how: `cli.${t[i + 2].text}{Name: "${t[j + 2].value}"}` };
      }
    }
  }
  return undefined;
}

/** A value the flag's help names in quotes and the code compares with ("auto" in miniflux's `-healthcheck auto`). */
function documentedValue(flag: HealthFlag, files: GoFile[]): { value: string; at: string } | undefined {
  for (const quoted of flag.usage.matchAll(/"([^"\s]+)"/g)) {
    for (const f of files) {
      const t = f.tokens;
      for (let i = 1; i < t.length; i++) {
        if (t[i].kind === "string" && t[i].value === quoted[1] && (t[i - 1].text === "==" || t[i + 1]?.text === "==")) return { value: quoted[1], at: `${f.path}:${t[i].line}` };
      }
    }
  }
  return undefined;
}

/**
 * The command a container HEALTHCHECK can run: a healthcheck subcommand (as
 * hasHealthcheckSubcommand) or a -healthcheck flag, in the main package or the module
 * packages it imports (three levels). A flag that takes a value gets one only when its
 * help names it and the code compares with it.
 */
export function findHealthcheckCommand(dir: string, mainPackage: string): HealthcheckCommand {
  const modulePath = readGoModModulePath(dir);
  const packages = loadWithLocalImports(dir, mainPackage, modulePath, 3);
  const files = packages.flatMap((p) => p.files);
  for (const f of files) {
    const sub = handlesArgument(f);
    if (sub) return { found: true, kind: "subcommand", args: [WORD], evidence: sub.at, reason: `${mainPackage} handles a healthcheck subcommand (${sub.text})` };
  }
  const values = new GoValues(dir, modulePath, packages);
  for (const f of files) {
    const flag = healthFlagIn(f, values);
    if (!flag) continue;
    const arg = `${flag.dash}${flag.name}`;
    if (!flag.takesValue) return { found: true, kind: "flag", args: [arg], evidence: flag.at, flagTakesValue: false, reason: `${mainPackage} has a boolean ${arg} flag (${flag.how} at ${flag.at})` };
    const value = documentedValue(flag, files);
    if (value) {
      return {
        found: true, kind: "flag", args: [arg, value.value], evidence: flag.at, flagTakesValue: true,
        reason: `${mainPackage} has a ${arg} flag that takes a value (${flag.how} at ${flag.at}); its help names "${value.value}", which the code handles at ${value.at}`,
      };
    }
    return { found: true, kind: "flag", evidence: flag.at, flagTakesValue: true, reason: `${mainPackage} has a ${arg} flag that takes a value (${flag.how} at ${flag.at}); which value to pass is not known` };
  }
  return { found: false, reason: `${mainPackage} has no healthcheck subcommand or -healthcheck flag` };
}
