import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";

/**
 * The pinned devDependencies of a generated project: what `npm ci && npx projen`
 * needs on a fresh clone. tsx runs .projenrc.ts; typescript 5.9 is for editors
 * and type-checking (tsx does not need it, and TypeScript 7 breaks ts-node).
 */
export const PINNED_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  projen: "0.103.25",
  constructs: "10.8.1",
  tsx: "4.23.15",
  typescript: "5.9.3",
  "@types/node": "20.19.43",
};

/** This package's own version, for the generated project's @gosynth/core dependency. */
export function ownVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf-8")) as { version: string }).version;
}

/** True for a local path or tarball spec ("../dist/x.tgz", "/abs/dir") as `projen new --from` passes it. */
export function isLocalSpec(spec: string): boolean {
  return isAbsolute(spec) || spec.startsWith(".") || spec.endsWith(".tgz") || spec.startsWith("file:");
}

/**
 * "name@version" specs for package.json: the pinned set, @gosynth/core (from a
 * local spec when `projen new --from <tarball>` gave one), then the user's.
 */
export function devDependencySpecs(userDevDeps: readonly string[], pinnedVersions: { readonly [name: string]: string } = {}): string[] {
  const local = userDevDeps.find(isLocalSpec);
  const coreSpec = local ? `@gosynth/core@${local.startsWith("file:") ? local : `file:${local}`}` : `@gosynth/core@^${ownVersion()}`;
  const others = userDevDeps.filter((d) => !isLocalSpec(d) && !d.startsWith("@gosynth/core@") && d !== "@gosynth/core");
  const userNamed = new Set(others.map((d) => d.replace(/(.)@.*$/, "$1")));
  // The project's pins (gosynth upgrade moves them) over the table shipped with this package.
  const pinned = Object.entries(PINNED_DEV_DEPENDENCIES)
    .filter(([name]) => !userNamed.has(name))
    .map(([name, version]) => `${name}@${pinnedVersions[name] ?? version}`);
  const explicitCore = userDevDeps.find((d) => d.startsWith("@gosynth/core@"));
  return [...pinned, explicitCore ?? coreSpec, ...others];
}

/** What runs .projenrc.ts before the first synthesis writes the full package.json (gosynth init installs these). */
export function bootstrapDependencies(projenVersion: string = PINNED_DEV_DEPENDENCIES.projen): string[] {
  return Object.entries(PINNED_DEV_DEPENDENCIES).map(([name, version]) => `${name}@${name === "projen" ? projenVersion : version}`);
}
