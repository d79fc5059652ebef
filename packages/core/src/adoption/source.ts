// One value, two projections: an option as the object GoServiceProject takes
// and as the TypeScript init writes into .projenrc.ts (enums, HealthCheck
// calls), so the options are stated once.

/** A value whose TypeScript is not its JSON: `BaseImage.DISTROLESS_BASE`, `HealthCheck.http("/status")`. */
export class Code {
  public constructor(
    /** The TypeScript expression. */
    public readonly source: string,
    /** The value it evaluates to. */
    public readonly value: unknown,
    /** Names it needs imported from @gosynth/core. */
    public readonly imports: readonly string[],
  ) {}
}

/** An option tree: plain data with Code leaves. */
export type OptionTree = { readonly [key: string]: unknown };

/** The options as GoServiceProject takes them. */
export function optionValues(tree: unknown): unknown {
  if (tree instanceof Code) return tree.value;
  if (Array.isArray(tree)) return tree.map(optionValues);
  if (tree && typeof tree === "object") return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, optionValues(v)]));
  return tree;
}

/** The @gosynth/core names a tree's Code leaves use. */
export function imports(tree: unknown, into = new Set<string>()): Set<string> {
  if (tree instanceof Code) for (const name of tree.imports) into.add(name);
  else if (Array.isArray(tree)) for (const v of tree) imports(v, into);
  else if (tree && typeof tree === "object") for (const v of Object.values(tree)) imports(v, into);
  return into;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A value as TypeScript, indented for its depth; short arrays and objects stay on one line. */
export function typescript(value: unknown, indent = ""): string {
  if (value instanceof Code) return value.source;
  if (value === undefined) return "undefined";
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v) => typescript(v, inner));
    const flat = `[${items.join(", ")}]`;
    return flat.length <= 100 && !flat.includes("\n") ? flat : `[\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  const items = entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${typescript(v, inner)}`);
  const flat = `{ ${items.join(", ")} }`;
  return flat.length <= 100 && !flat.includes("\n") ? flat : `{\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}}`;
}
