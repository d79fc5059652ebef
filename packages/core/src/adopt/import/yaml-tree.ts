import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, Node, parseDocument, ScalarTag, YAMLMap } from "yaml";
import { SourceLocation } from "./location";

/** A parsed YAML file that can say on which line each node is. */
export interface YamlFile {
  readonly file: string;
  readonly doc: Document;
  readonly text: string;
  readonly lines: LineCounter;
}

// go-yaml, which goreleaser reads its config with, takes `mode: 0644` as octal; YAML 1.2 would say 644.
const legacyOctal: ScalarTag = {
  tag: "tag:yaml.org,2002:int",
  test: /^0[0-7]+$/,
  resolve: (source: string) => parseInt(source, 8),
  default: true,
};

/** Parses YAML keeping line positions; `<<` merge keys on, as goreleaser configs use them. */
export function parseYamlFile(text: string, file: string): { readonly yaml: YamlFile; readonly errors: string[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    merge: true,
    prettyErrors: false,
    customTags: (tags) => [legacyOctal, ...tags],
  });
  const yaml = { file, doc, text, lines };
  const errors = doc.errors.map((e) => `${file}:${lines.linePos(e.pos[0]).line}: ${e.message.split("\n")[0]}`);
  return { yaml, errors };
}

/** A node reached from a map key: the value and the line of its key. */
export interface Field {
  readonly node: Node | undefined;
  readonly at: SourceLocation;
}

export function locate(yaml: YamlFile, node: Node | null | undefined): SourceLocation {
  const offset = node?.range?.[0] ?? 0;
  return { file: yaml.file, line: yaml.lines.linePos(offset).line };
}

function resolve(yaml: YamlFile, node: unknown): Node | undefined {
  if (isAlias(node)) return resolve(yaml, node.resolve(yaml.doc));
  return node instanceof Object && "range" in node ? (node as Node) : undefined;
}

function keyName(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return typeof key.value === "symbol" ? "<<" : String(key.value);
}

/** The map's own keys first, then those merged in with `<<`, as YAML 1.1 merge keys resolve. */
export function fields(yaml: YamlFile, node: Node | undefined): [string, Field][] {
  if (!isMap(node)) return [];
  const own: [string, Field][] = [];
  const merged: [string, Field][] = [];
  for (const pair of (node as YAMLMap).items) {
    const name = keyName(pair.key);
    const value = resolve(yaml, pair.value);
    if (name === undefined) continue;
    if (name === "<<") {
      const sources = isSeq(value) ? value.items.map((i) => resolve(yaml, i)) : [value];
      for (const source of sources) merged.push(...fields(yaml, source));
      continue;
    }
    const at = locate(yaml, pair.key as Node);
    own.push([name, { node: value, at }]);
  }
  const result = [...own];
  for (const entry of merged) if (!result.some(([k]) => k === entry[0])) result.push(entry);
  return result;
}

export function field(yaml: YamlFile, node: Node | undefined, key: string): Field | undefined {
  return fields(yaml, node).find(([k]) => k === key)?.[1];
}

export function items(yaml: YamlFile, node: Node | undefined): Node[] {
  if (!isSeq(node)) return [];
  return node.items.map((i) => resolve(yaml, i)).filter((i): i is Node => i !== undefined);
}

/** A scalar as its text: `go-version: 1.20` is "1.20", not the number 1.2. */
export function text(node: Node | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === "string") return node.value;
  return node.source ?? String(node.value);
}

/** A list of scalars, or one scalar standing for a list of one (`ldflags: -s -w`). */
export function texts(node: Node | undefined): string[] {
  if (isSeq(node)) return node.items.map((i) => text(i as Node)).filter((t): t is string => t !== undefined);
  const single = text(node);
  return single === undefined ? [] : [single];
}

/** Each scalar of a list with its own line (or the scalar itself). */
export function textItems(yaml: YamlFile, node: Node | undefined): { value: string; at: SourceLocation }[] {
  const nodes = isSeq(node) ? items(yaml, node) : node ? [node] : [];
  return nodes.flatMap((n) => {
    const value = text(n);
    return value === undefined ? [] : [{ value, at: locate(yaml, n) }];
  });
}

/** The node as plain JSON data (aliases and merges resolved). */
export function plain(yaml: YamlFile, node: Node | undefined): unknown {
  return node === undefined ? undefined : node.toJS(yaml.doc);
}

/** The line where `needle` first appears inside a (possibly multi-line) scalar's source. */
export function lineOfText(yaml: YamlFile, node: Node, needle: string): SourceLocation {
  const [start, , end] = node.range ?? [0, 0, 0];
  const index = yaml.text.slice(start, end).indexOf(needle);
  return { file: yaml.file, line: yaml.lines.linePos(index < 0 ? start : start + index).line };
}
