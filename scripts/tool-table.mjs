// Prints gosynth's tools table (packages/core/tool-versions.json) for shell
// scripts, one tool a line: scripts/install-tools.sh reads it, so the table is
// the one list of tools.
//   node scripts/tool-table.mjs go       -> "<command> <package> <version> <toolchain|local>" per Go tool
//   node scripts/tool-table.mjs pypi     -> "<command> <distribution>==<version>" per PyPI tool
//   node scripts/tool-table.mjs versions -> "<command>=<version>" per tool
//   node scripts/tool-table.mjs version <key> -> the version of one tool
import { readFileSync } from "node:fs";

const table = JSON.parse(readFileSync(new URL("../packages/core/tool-versions.json", import.meta.url), "utf-8"));
const newestGo = Object.values(table.goReleases).sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).pop();
const tools = Object.entries(table.tools);
const [what, key] = process.argv.slice(2);
const lines = {
  go: () => tools.filter(([, t]) => t.package).map(([, t]) => `${t.command} ${t.package} ${t.version} ${t.buildWith === "newest" ? `go${newestGo}` : "local"}`),
  pypi: () => tools.filter(([, t]) => t.pypi).map(([, t]) => `${t.command} ${t.pypi}==${t.version}`),
  versions: () => tools.map(([, t]) => `${t.command}=${t.version}`),
  version: () => [table.tools[key]?.version ?? ""],
}[what];
if (!lines) {
  process.stderr.write("usage: node scripts/tool-table.mjs go|pypi|versions|version <key>\n");
  process.exit(2);
}
process.stdout.write(lines().join("\n") + "\n");
