// What golangci-lint v2 did to v1's linter names, as its migration guide states them:
// formatters left the linters, gosimple and stylecheck merged into staticcheck,
// alternative names and deprecated linters are gone.

/** v1 linters that are formatters in v2 (`enable-all` enabled these four). */
export const V1_FORMATTERS: readonly string[] = ["gci", "gofmt", "gofumpt", "goimports"];

/** Formatters moved out of the linters: golines is v2-only, but a v1 list naming it can only mean the formatter. */
export const FORMATTERS: readonly string[] = [...V1_FORMATTERS, "golines"];

/** Linters merged into staticcheck in v2. */
export const MERGED_INTO_STATICCHECK: readonly string[] = ["gosimple", "stylecheck"];

/** Linters v1 enables when nothing says otherwise, and which of them v1 calls slow (`linters.fast` drops those). */
export const V1_DEFAULT_LINTERS: ReadonlyMap<string, { slow: boolean }> = new Map([
  ["errcheck", { slow: true }],
  ["gosimple", { slow: true }],
  ["govet", { slow: true }],
  ["ineffassign", { slow: false }],
  ["staticcheck", { slow: true }],
  ["unused", { slow: true }],
]);

/** v1 alternative names and the linters they stand for (megacheck was three linters). */
const ALTERNATIVE_NAMES: ReadonlyMap<string, readonly string[]> = new Map([
  ["gas", ["gosec"]],
  ["goerr113", ["err113"]],
  ["gomnd", ["mnd"]],
  ["logrlint", ["loggercheck"]],
  ["megacheck", ["gosimple", "staticcheck", "unused"]],
  ["vet", ["govet"]],
  ["vetshadow", ["govet"]],
]);

/** Linters v2 no longer has (typecheck is no linter in v2: compile errors are always reported). */
export const REMOVED_LINTERS: readonly string[] = [
  "deadcode", "execinquery", "exhaustivestruct", "exportloopref", "golint", "ifshort", "interfacer",
  "maligned", "nosnakecase", "scopelint", "structcheck", "tenv", "typecheck", "varcheck",
];

/** Sorted without duplicates: migrate lists linters that way. */
export function uniqueSorted(names: Iterable<string>): string[] {
  return [...new Set(names)].sort();
}

/**
 * The v2 names of v1 linter names, as migrate gives them. In enable/disable lists megacheck stands
 * for its three linters and removed linters are dropped; in exclude and severity rules megacheck
 * names staticcheck and only typecheck is dropped (a rule naming another removed linter is kept,
 * matching nothing).
 */
export function canonicalLinterNames(names: readonly string[], where: "lists" | "rules"): string[] {
  return uniqueSorted(
    names.flatMap((name) => {
      if (name === "typecheck" || (where === "lists" && REMOVED_LINTERS.includes(name))) return [];
      if (name === "megacheck" && where === "rules") return ["staticcheck"];
      return ALTERNATIVE_NAMES.get(name) ?? [name];
    }),
  );
}

/** gosimple and stylecheck become staticcheck. */
export function mergeStaticcheck(names: readonly string[]): string[] {
  return uniqueSorted(names.map((name) => (MERGED_INTO_STATICCHECK.includes(name) ? "staticcheck" : name)));
}

/**
 * Disabling gosimple or stylecheck alone has no v2 equivalent short of staticcheck checks;
 * only disabling all three disables staticcheck.
 */
export function mergeDisabledStaticcheck(names: readonly string[]): string[] {
  const all = ["staticcheck", ...MERGED_INTO_STATICCHECK].every((name) => names.includes(name));
  return uniqueSorted(names.flatMap((name) => (MERGED_INTO_STATICCHECK.includes(name) ? (all ? ["staticcheck"] : []) : [name])));
}

export function onlyLinters(names: readonly string[]): string[] {
  return names.filter((name) => !FORMATTERS.includes(name));
}

export function onlyFormatters(names: readonly string[]): string[] {
  return names.filter((name) => FORMATTERS.includes(name));
}
