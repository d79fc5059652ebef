import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from "yaml";
import { ldflagsX, splitLdflags } from "./go-ldflags";
import type { Found, SourceLocation } from "./location";

/** What a -X variable is stamped with, judged from the promu template it is given. */
export type PromuLdflagRole = "version" | "revision" | "branch" | "created" | "other";

export interface PromuLinkerVariable {
  /** `{{repoPath}}` replaced by repository.path. */
  readonly symbol: string;
  /** As written: `{{.Version}}`, `{{user}}@{{host}}`, `{{date "20060102-15:04:05"}}`. */
  readonly value: string;
  readonly role: PromuLdflagRole;
}

export interface PromuBinary {
  readonly name: string;
  /** The package directory, relative to the repository: "." or "./cmd/prometheus". */
  readonly path: string;
}

/** build.tags: the tags for one platform ("all" for every one). */
export interface PromuTags {
  readonly platform: string;
  readonly tags: string[];
}

/** What Prometheus' release tool is told in `.promu.yml`. */
export interface ImportedPromu {
  readonly file: string;
  /** go.version as written: "1.20" stays "1.20". */
  readonly goVersion?: Found<string>;
  readonly cgo?: Found<boolean>;
  readonly repositoryPath?: Found<string>;
  readonly binaries: Found<PromuBinary>[];
  /** No build.binaries: promu builds one binary, named after repository.path, from ".". */
  readonly binariesDefaulted: boolean;
  /** build.flags as written: "-a -tags netgo". */
  readonly flags?: Found<string>;
  readonly tags: Found<PromuTags>[];
  readonly ldflagsX: Found<PromuLinkerVariable>[];
  /** The other linker arguments of build.ldflags: "-s", "-w", "-extldflags '-static'". */
  readonly ldflagsOther: Found<string>[];
  readonly tarballFiles: Found<string>[];
  /** crossbuild.platforms; absent when promu's own list applies. */
  readonly crossbuildPlatforms?: Found<string>[];
  readonly notes: Found<string>[];
}

// Keys promu reads that are not carried over, and why.
const NOT_CARRIED: { readonly [key: string]: string } = {
  "build.prefix": "where promu writes the binaries; the generated build chooses its own output directory",
  "build.static": "promu's static-linking switch; the generated build links as its own config says",
  "tarball.prefix": "where promu writes the tarballs; releases are packaged by the generated release config",
};
// Linker flags whose argument is the next field (go tool link -help), of those seen in promu configs.
const LINKER_VALUE_FLAGS = /^--?(extldflags|extld|linkmode|buildmode|B|r)$/;
const MODELLED = new Set([
  "go.version", "go.cgo", "repository.path", "build.binaries", "build.flags", "build.ldflags", "build.tags",
  "tarball.files", "crossbuild.platforms",
]);

export function importPromu(text: string, file: string): ImportedPromu {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined, offset = 0): SourceLocation => ({
    file,
    line: node?.range ? lines.linePos(node.range[0] + offset).line : 1,
  });
  const notes: Found<string>[] = doc.errors.map((e) => ({
    value: e.message.split("\n")[0],
    at: { file, line: lines.linePos(e.pos[0]).line },
  }));
  const note = (where: SourceLocation, value: string) => notes.push({ value, at: where });

  const fields = new Map<string, Pair<Node, Node>>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items as Pair<Node, Node>[]) {
      const section = keyOf(pair);
      if (!isMap(pair.value)) {
        if (pair.value) note(at(pair.key), `${section}: expected a mapping`);
        continue;
      }
      for (const inner of pair.value.items as Pair<Node, Node>[]) {
        const key = `${section}.${keyOf(inner)}`;
        fields.set(key, inner);
        if (NOT_CARRIED[key]) note(at(inner.key), `${key}: not carried over (${NOT_CARRIED[key]})`);
        else if (!MODELLED.has(key)) note(at(inner.key), `${key}: not a promu setting understood here`);
      }
    }
  }
  const scalar = (key: string): Found<string> | undefined => {
    const node = fields.get(key)?.value;
    if (!node) return undefined;
    if (!isScalar(node)) {
      note(at(fields.get(key)!.key), `${key}: expected a single value`);
      return undefined;
    }
    // The source text, so that `version: 1.20` is not read as the number 1.2.
    return { value: node.source ?? String(node.value), at: at(node) };
  };
  const list = (key: string): Found<string>[] | undefined => {
    const node = fields.get(key)?.value;
    if (!node) return undefined;
    if (!isSeq(node)) {
      note(at(fields.get(key)!.key), `${key}: expected a list`);
      return [];
    }
    return (node.items as Node[]).flatMap((item) =>
      isScalar(item) ? [{ value: String(item.value), at: at(item) }] : (note(at(item), `${key}: an entry that is not a value`), []),
    );
  };

  const goVersion = scalar("go.version");
  const cgoText = scalar("go.cgo");
  const cgo = cgoText && { value: cgoText.value === "true", at: cgoText.at };
  if (cgoText && !["true", "false"].includes(cgoText.value)) note(cgoText.at, `go.cgo: ${cgoText.value} is not true or false`);
  const repositoryPath = scalar("repository.path");
  const flags = scalar("build.flags");

  const { binaries, defaulted } = readBinaries(fields.get("build.binaries"), repositoryPath, at, note);
  const ldflags = readLdflags(fields.get("build.ldflags")?.value, text, repositoryPath?.value, at);

  return {
    file,
    ...(goVersion && { goVersion }),
    ...(cgo && { cgo }),
    ...(repositoryPath && { repositoryPath }),
    binaries,
    binariesDefaulted: defaulted,
    ...(flags && { flags }),
    tags: readTags(fields.get("build.tags"), at, note),
    ...ldflags,
    tarballFiles: list("tarball.files") ?? [],
    ...(fields.has("crossbuild.platforms") && { crossbuildPlatforms: list("crossbuild.platforms") }),
    notes: notes.sort((a, b) => a.at.line - b.at.line),
  };
}

type Locate = (node: Node | null | undefined, offset?: number) => SourceLocation;

function keyOf(pair: Pair<unknown, unknown>): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function readBinaries(
  pair: Pair<Node, Node> | undefined,
  repositoryPath: Found<string> | undefined,
  at: Locate,
  note: (where: SourceLocation, text: string) => void,
): { binaries: Found<PromuBinary>[]; defaulted: boolean } {
  if (pair && isSeq(pair.value)) {
    const binaries = (pair.value.items as Node[]).flatMap((item): Found<PromuBinary>[] => {
      const name = isMap(item) ? item.get("name") : undefined;
      const path = isMap(item) ? item.get("path") : undefined;
      if (typeof name !== "string") {
        note(at(item), "build.binaries: an entry without a name");
        return [];
      }
      return [{ value: { name, path: typeof path === "string" ? path : "." }, at: at(item) }];
    });
    return { binaries, defaulted: false };
  }
  if (pair) note(at(pair.key), "build.binaries: expected a list");
  // promu's default: the repository's name, built from its root.
  const name = repositoryPath?.value.split("/").filter((p) => p !== "").pop();
  if (!name || !repositoryPath) return { binaries: [], defaulted: true };
  return { binaries: [{ value: { name, path: "." }, at: repositoryPath.at }], defaulted: true };
}

function readTags(pair: Pair<Node, Node> | undefined, at: Locate, note: (where: SourceLocation, text: string) => void): Found<PromuTags>[] {
  if (!pair) return [];
  if (!isMap(pair.value)) {
    note(at(pair.key), "build.tags: expected a mapping of platform to tags");
    return [];
  }
  return (pair.value.items as Pair<Node, Node>[]).map((p) => {
    const tags = isSeq(p.value) ? (p.value.items as Node[]).filter(isScalar).map((t) => String(t.value)) : [];
    return { value: { platform: keyOf(p), tags }, at: at(p.key) };
  });
}

function readLdflags(
  node: Node | null | undefined,
  text: string,
  repositoryPath: string | undefined,
  at: Locate,
): Pick<ImportedPromu, "ldflagsX" | "ldflagsOther"> {
  if (!isScalar(node) || typeof node.value !== "string" || !node.range) return { ldflagsX: [], ldflagsOther: [] };
  const value = node.value;
  const written = text.slice(node.range[0], node.range[1]);
  // Each flag's line: where its text is in the file (a block scalar spans several lines).
  let searchFrom = 0;
  const lineOf = (fragment: string) => {
    const found = written.indexOf(fragment, searchFrom);
    if (found < 0) return at(node);
    searchFrom = found + fragment.length;
    return at(node, found);
  };
  const xs = ldflagsX(value);
  const xOffsets = new Set(xs.map((x) => x.offset));
  const ldflagsOther: Found<string>[] = [];
  const fields = splitLdflags(value);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const isX = f.text === "-X" || f.text === "--X";
    if (isX || xOffsets.has(f.offset) || /^--?X=/.test(f.text)) {
      if (isX) i++;
      continue;
    }
    // A flag with its argument, as one: "-extldflags=-static".
    const takesValue = LINKER_VALUE_FLAGS.test(f.text) && i + 1 < fields.length;
    const line = lineOf(f.text);
    ldflagsOther.push({ value: takesValue ? `${f.text}=${fields[++i].text}` : f.text, at: line });
  }
  searchFrom = 0;
  const ldflagsXFound = xs.map((x): Found<PromuLinkerVariable> => {
    const symbol = repositoryPath ? x.symbol.replace(/\{\{\s*repoPath\s*\}\}/g, repositoryPath) : x.symbol;
    return { value: { symbol, value: x.value, role: roleOf(x.value) }, at: lineOf(x.symbol) };
  });
  return { ldflagsX: ldflagsXFound, ldflagsOther };
}

/** The role a promu template gives: `{{.Version}}`, `{{.Revision}}`, `{{.Branch}}`, `{{date ...}}`. */
function roleOf(template: string): PromuLdflagRole {
  const actions = [...template.matchAll(/\{\{-?\s*([^}]*?)\s*-?\}\}/g)].map((m) => m[1]);
  if (actions.length !== 1) return "other";
  const action = actions[0];
  if (action === ".Version") return "version";
  if (action === ".Revision") return "revision";
  if (action === ".Branch") return "branch";
  if (/^date\b/.test(action)) return "created";
  return "other";
}
