import { existsSync } from "node:fs";
import { join } from "node:path";
import { readConfigDocument } from "./golangci-document";
import { migrateV1 } from "./golangci-migrate";
import { isData } from "./golangci-settings";
import type { SourceLocation } from "./location";
import { formatLocation } from "./location";

/** The config files golangci-lint looks for, in its documented order. */
const CONFIG_FILES = [".golangci.yml", ".golangci.yaml", ".golangci.toml", ".golangci.json"];

/** A golangci-lint config as v2 config data. */
export interface ImportedGolangci {
  /** The config version the file is written for: 2 when it says `version: "2"`, 1 when it has no version. */
  readonly version: 1 | 2;
  /** The config as golangci-lint v2 reads it (a v1 file migrated); undefined when it could not be read. */
  readonly config: Record<string, unknown> | undefined;
  /** What the migration changed or could not carry, each "file:line: text". */
  readonly notes: string[];
  readonly at: SourceLocation;
}

/** The config file golangci-lint would read in dir, relative to it, if any. */
export function findGolangciConfig(dir: string): string | undefined {
  return CONFIG_FILES.find((name) => existsSync(join(dir, name)));
}

/** file is the config's path relative to the repository (it names where notes point). */
export function importGolangci(text: string, file: string): ImportedGolangci {
  const at = { file, line: 1 };
  if (file.endsWith(".toml")) {
    const version = /^\s*version\s*=\s*["']?2["']?\s*$/m.test(beforeFirstTable(text)) ? 2 : 1;
    return { version, config: undefined, notes: [`${formatLocation(at)}: a TOML config is not read here: convert it with golangci-lint migrate --format yaml`], at };
  }

  const doc = readConfigDocument(text, file);
  if (doc.errors.length) return { version: 1, config: undefined, notes: doc.errors.map((e) => `${e}: the config could not be parsed`), at };
  const data = doc.data ?? {};
  if (!isData(data)) return { version: 1, config: undefined, notes: [`${formatLocation(at)}: the config is not a map`], at };

  const lineNote = (line: number, message: string) => `${formatLocation({ file, line })}: ${message}`;
  if (data.version === undefined || data.version === null) {
    const notes: { line: number; message: string }[] = [];
    const config = migrateV1(data, (path, message) => notes.push({ line: doc.lineOf(path), message }));
    // In file order (sort is stable: one line's notes keep their order).
    return { version: 1, config, notes: notes.sort((a, b) => a.line - b.line).map((n) => lineNote(n.line, n.message)), at };
  }
  if (String(data.version) === "2") return { version: 2, config: data, notes: [], at };
  const versionNote = lineNote(doc.lineOf(["version"]), `version ${String(data.version)} is not a config version golangci-lint reads`);
  return { version: 2, config: undefined, notes: [versionNote], at };
}

/** TOML's top-level keys come before its first [table]. */
function beforeFirstTable(text: string): string {
  const table = text.search(/^\s*\[/m);
  return table < 0 ? text : text.slice(0, table);
}
