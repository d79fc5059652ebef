import { importMakefile } from "../adopt/import/makefile";

/** A hand-written Makefile's targets, with those of the files it includes, and the goal `make` alone runs. */
export function makefileTargets(path: string, text: string, readFile: (path: string) => string | undefined): { targets: string[]; defaultGoal?: string } {
  const main = importMakefile(text, path);
  // include lines with make variables in them are left out: their file is only known when make runs.
  const included = main.includes.flatMap((i) => i.value.split(/\s+/)).filter((f) => f !== "" && !f.includes("$") && f !== path);
  const all = [main, ...included.flatMap((f) => {
    const t = readFile(f);
    return t === undefined ? [] : [importMakefile(t, f)];
  })];
  const named = all.flatMap((m) => m.targets.map((t) => t.value.name));
  // A forwarding pattern rule (`%: common-% ;`, as Prometheus' Makefile.common has) makes `make build` run common-build.
  const texts = [text, ...included.map((f) => readFile(f) ?? "")];
  const prefixes = texts.flatMap((t) => [...t.matchAll(/^%\s*::?\s*([\w.-]+)%\s*;?\s*$/gm)].map((m) => m[1]));
  const forwarded = prefixes.flatMap((prefix) => named.filter((n) => n.startsWith(prefix) && n.length > prefix.length).map((n) => n.slice(prefix.length)));
  const targets = [...new Set([...named, ...forwarded])];
  const goal = all.flatMap((m) => m.variables).find((v) => v.value.name === ".DEFAULT_GOAL")?.value.value.trim() || targets[0];
  return { targets, ...(goal ? { defaultGoal: goal } : {}) };
}
