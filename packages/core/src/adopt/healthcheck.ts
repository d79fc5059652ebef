import { GoFile, GoToken, isKeyword, loadWithLocalImports, namesFor } from "./go-source";
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

/** Does this file compare an argument with "healthcheck"? Returns the evidence. */
function handlesArgument(f: GoFile): string | undefined {
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
      if (evidence) return { hasSubcommand: true, reason: `${mainPackage} handles a healthcheck argument (${evidence})` };
      for (const t of f.tokens) if (t.kind === "string" && t.value === WORD) mentions.push(`${f.path}:${t.line}`);
    }
  }
  const hint = mentions.length > 0 ? `; "healthcheck" appears at ${mentions.join(", ")} but not as an argument comparison, so it is not counted` : "";
  return { hasSubcommand: false, reason: `${mainPackage} has no healthcheck subcommand${hint}` };
}
