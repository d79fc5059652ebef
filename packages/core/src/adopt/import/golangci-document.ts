import { LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Node } from "yaml";
import { formatLocation } from "./location";

/** A config path: map keys and list indexes, e.g. ["issues", "exclude-rules", 0, "path"]. */
export type ConfigPath = readonly (string | number)[];

/** A parsed golangci-lint config: its data, and the line of any path in it (YAML, and JSON, which YAML reads). */
export interface ConfigDocument {
  readonly data: unknown;
  readonly errors: string[];
  /** The line of the deepest part of path that exists (its key, for a map entry); 1 when none does. */
  lineOf(path: ConfigPath): number;
}

export function readConfigDocument(text: string, file: string): ConfigDocument {
  const lineCounter = new LineCounter();
  // golangci-lint's YAML reader (go-yaml) honours << merge keys.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  const errors = doc.errors.map((e) => `${formatLocation({ file, line: lineCounter.linePos(e.pos[0]).line })}: ${e.message}`);
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  const lineOf = (path: ConfigPath): number => {
    let node: unknown = doc.contents;
    let line = node && (node as Node).range ? lineAt((node as Node).range![0]) : 1;
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
        if (!pair) break;
        if (isScalar(pair.key) && pair.key.range) line = lineAt(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof part === "number" && node.items[part]) {
        node = node.items[part];
        const range = (node as Node).range;
        if (range) line = lineAt(range[0]);
      } else {
        break;
      }
    }
    return line;
  };

  return {
    data: errors.length ? undefined : doc.toJS(),
    errors,
    lineOf,
  };
}
