#!/usr/bin/env node
// Generates docs/api.md (every public type of @gosynth/core) and docs/options.md
// (GoServiceProjectOptions) from the jsii assembly, so the reference cannot
// drift from the code. Run by core's build; `--check` fails when a committed
// file is stale (a unit test runs that too).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const assembly = JSON.parse(readFileSync(join(root, "packages/core/.jsii"), "utf-8"));
const PREFIX = "@gosynth/core.";

function typeName(t) {
  if (!t) return "void";
  if (t.primitive) return t.primitive;
  if (t.fqn) return t.fqn.startsWith(PREFIX) ? `[${t.fqn.slice(PREFIX.length)}](api.md#${t.fqn.slice(PREFIX.length).toLowerCase()})` : t.fqn;
  if (t.collection) return t.collection.kind === "array" ? `${typeName(t.collection.elementtype)}[]` : `{ [key: string]: ${typeName(t.collection.elementtype)} }`;
  if (t.union) return t.union.types.map(typeName).join(" \\| ");
  return "unknown";
}
const cell = (s) => (s ?? "").replace(/\|/g, "\\|").replace(/\n+/g, " ");
const doc = (d = {}) => [d.summary, d.remarks].filter(Boolean).join(" ");

export function renderApi() {
  const lines = ["# @gosynth/core API reference", "", "Generated from the jsii assembly by `scripts/gen-api-docs.mjs`; do not edit.", ""];
  const types = Object.values(assembly.types).sort((a, b) => a.name.localeCompare(b.name));
  for (const t of types) {
    lines.push(`## ${t.name}`, "", `*${t.kind}${t.base ? ` extends ${typeName({ fqn: t.base })}` : ""}${t.interfaces?.length ? ` extends ${t.interfaces.map((i) => typeName({ fqn: i })).join(", ")}` : ""}* — ${cell(doc(t.docs))}`, "");
    if (t.kind === "enum") {
      lines.push("| member | meaning |", "| --- | --- |", ...t.members.map((m) => `| \`${m.name}\` | ${cell(doc(m.docs))} |`), "");
      continue;
    }
    if (t.initializer) lines.push(`\`new ${t.name}(${(t.initializer.parameters ?? []).map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type.primitive ?? p.type.fqn?.replace(PREFIX, "") ?? "…"}`).join(", ")})\``, "");
    const props = (t.properties ?? []).filter((p) => !p.protected);
    if (props.length) {
      lines.push("| property | type | description | default |", "| --- | --- | --- | --- |");
      for (const p of props) lines.push(`| \`${p.name}${p.optional ? "?" : ""}\`${p.static ? " (static)" : ""} | ${typeName(p.type)} | ${cell(doc(p.docs))} | ${cell(p.docs?.default)} |`);
      lines.push("");
    }
    const methods = (t.methods ?? []).filter((m) => !m.protected);
    if (methods.length) {
      lines.push("| method | returns | description |", "| --- | --- | --- |");
      for (const m of methods) lines.push(`| \`${m.static ? "static " : ""}${m.name}(${(m.parameters ?? []).map((p) => `${p.variadic ? "..." : ""}${p.name}${p.optional ? "?" : ""}`).join(", ")})\` | ${typeName(m.returns?.type)} | ${cell(doc(m.docs))} |`);
      lines.push("");
    }
  }
  return lines.join("\n");
}

export function renderOptions() {
  const t = assembly.types[`${PREFIX}GoServiceProjectOptions`];
  const lines = [
    "# GoServiceProjectOptions",
    "",
    "Every option of `new GoServiceProject({...})` that gosynth adds; projen's own",
    "`ProjectOptions` (name, outdir, gitIgnoreOptions, ...) apply too.",
    "Generated from the jsii assembly by `scripts/gen-api-docs.mjs`; do not edit.",
    "",
    "| option | type | description | default |",
    "| --- | --- | --- | --- |",
  ];
  for (const p of t.properties) lines.push(`| \`${p.name}${p.optional ? "" : " (required)"}\` | ${typeName(p.type)} | ${cell(doc(p.docs))}${p.docs?.example ? ` e.g. \`${cell(p.docs.example)}\`` : ""} | ${cell(p.docs?.default)} |`);
  return lines.join("\n") + "\n";
}

const outputs = { "docs/api.md": renderApi() + "\n", "docs/options.md": renderOptions() };
if (process.argv.includes("--check")) {
  const stale = Object.entries(outputs).filter(([file, text]) => {
    try {
      return readFileSync(join(root, file), "utf-8") !== text;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(`stale: ${stale.map(([f]) => f).join(", ")}: run npm run build`);
    process.exit(1);
  }
} else {
  for (const [file, text] of Object.entries(outputs)) writeFileSync(join(root, file), text);
}
