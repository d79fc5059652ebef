import type { AdoptionPlan, PlanItem } from "./plan";
import { imports, typescript } from "./source";

/** What init keeps of the repository's own ignore and attribute files. */
export interface ProjenrcExtras {
  /** .gitignore patterns the repository had. */
  readonly gitignore?: string[];
  /** .gitattributes lines the repository had (glob, then attributes). */
  readonly gitattributes?: string[][];
}

/** The order options are written in: what a reader looks for first. */
const ORDER = ["name", "modulePath", "goVersion", "binaryName", "mainPackage", "binaries", "port", "extraPorts", "portFromEnv", "healthCheck", "baseImage", "debianRelease", "cgo", "vendor"];

/**
 * .projenrc.ts for a plan: the options (each with where it came from), then
 * the statements (overrides, instructions), then what the repository's
 * .gitignore and .gitattributes held. The options are the plan's, once.
 */
export function renderProjenrc(plan: AdoptionPlan, extras: ProjenrcExtras = {}): string {
  const options = plan.options;
  const names = new Set<string>(["GoServiceProject", ...imports(options), ...plan.statements.flatMap((s) => s.imports ?? [])]);
  const keys = [...ORDER.filter((k) => k in options), ...Object.keys(options).filter((k) => !ORDER.includes(k)).sort()];
  const lines = [
    `import { ${[...names].sort().join(", ")} } from "@gosynth/core";`,
    "",
    "// Written by gosynth init from what the repository states (gosynth init --plan shows it again).",
    "// Edit, then run npx projen (or gosynth synth).",
    "const project = new GoServiceProject({",
  ];
  for (const key of keys) {
    for (const why of plan.provenance[key] ?? []) lines.push(`  // ${why}`);
    lines.push(`  ${key}: ${typescript(options[key], "  ")},`);
  }
  lines.push("});", "");
  for (const s of plan.statements) lines.push(...s.comment.map((c) => `// ${c}`), s.code, "");
  if (extras.gitignore?.length) {
    lines.push("// Kept from the .gitignore the repository had before gosynth.", "project.gitignore.addPatterns(", ...extras.gitignore.map((p) => `  ${JSON.stringify(p)},`), ");", "");
  }
  if (extras.gitattributes?.length) {
    lines.push("// Kept from the .gitattributes the repository had before gosynth.");
    lines.push(...extras.gitattributes.map(([glob, ...attrs]) => `project.gitattributes.addAttributes(${[glob, ...attrs].map((a) => JSON.stringify(a)).join(", ")});`), "");
  }
  lines.push("project.synth();", "");
  return lines.join("\n");
}

function line(item: PlanItem): string {
  return `${item.what}${item.reason ? `: ${item.reason}` : ""}${item.from ? `  [${item.from}]` : ""}`;
}

/** The plan as the report init prints (and --plan prints without writing). */
export function renderPlan(plan: AdoptionPlan): string[] {
  const section = (title: string, items: string[]) => (items.length > 0 ? [title, ...items.map((i) => `  ${i}`)] : []);
  return [
    ...section("Carried over:", plan.carried.map(line)),
    ...section("Changed on purpose:", plan.changed.map(line)),
    ...section("Added by gosynth:", plan.added.map(line)),
    ...section("Files moved:", plan.moves.map((m) => `${m.from} -> ${m.to}: ${m.why}`)),
    ...section("Kept as they are (gosynth generates none in their place):", plan.kept),
    ...section("Not carried over:", plan.notCarried.map(line)),
    ...section("Warnings:", plan.warnings.map(line)),
  ];
}
