import { statSync } from "node:fs";
import { join } from "node:path";
import { Node } from "yaml";
import { BuildIgnore, matrixPlatforms, targetPlatforms } from "./goreleaser-platforms";
import { LinkerVariable, parseGoreleaserLdflags } from "./goreleaser-ldflags";
import { formatLocation, Found, SourceLocation } from "./location";
import { Field, field, fields, items, locate, parseYamlFile, plain, text, textItems, texts, YamlFile } from "./yaml-tree";

export type { BuildIgnore } from "./goreleaser-platforms";
export type { LdflagRole, LinkerVariable } from "./goreleaser-ldflags";

/**
 * A value goreleaser uses: read at `at`, or, when the key is absent, goreleaser's
 * default; then `defaulted` says so and `at` is the entry that leaves it out.
 */
export interface Setting<T> extends Found<T> {
  readonly defaulted?: string;
}

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

export interface GoreleaserBuild {
  /** The `- ` line of the entry (line 1 for the build goreleaser makes when there is no `builds`). */
  readonly at: SourceLocation;
  /** Defaults to the project name; absent when that is unknown here. */
  readonly id?: Setting<string>;
  readonly main: Setting<string>;
  readonly dir: Setting<string>;
  /** Defaults to the project name; absent when that is unknown here. */
  readonly binary?: Setting<string>;
  readonly flags: Found<string>[];
  readonly ldflags: Setting<string[]>;
  readonly ldflagsX: Found<LinkerVariable>[];
  /** The non -X linker arguments: "-s", "-w", "-extldflags=-static". */
  readonly ldflagsOther: Found<string>[];
  readonly env: Found<EnvVar>[];
  readonly goos: Setting<string[]>;
  readonly goarch: Setting<string[]>;
  readonly goarm: Setting<string[]>;
  readonly goamd64: Setting<string[]>;
  /** `targets:`, which replaces the goos/goarch matrix and ignore. */
  readonly targets?: Found<string[]>;
  readonly ignore: Found<BuildIgnore>[];
  readonly tags: Found<string>[];
  readonly modTimestamp?: Found<string>;
  /** true/false, or a template goreleaser evaluates. */
  readonly skip?: Found<boolean | string>;
  readonly builder: Setting<string>;
  /** `tool:` (or the deprecated `gobinary:`): the go command to build with, e.g. "go1.22.1". */
  readonly tool?: Found<string>;
  readonly hooks?: Found<unknown>;
  readonly overrides?: Found<unknown>;
  /** What the build produces after ignore: "linux/amd64", "linux/arm/v7". Empty for other builders. */
  readonly platforms: string[];
}

export interface FormatOverride {
  readonly goos: string;
  readonly formats: string[];
}

export interface GoreleaserArchive {
  readonly at: SourceLocation;
  readonly id: Setting<string>;
  /** `ids:` (or the deprecated `builds:`): the builds it packs; all builds when absent. */
  readonly ids?: Found<string[]>;
  readonly formats: Setting<string[]>;
  readonly formatOverrides: Found<FormatOverride>[];
  readonly nameTemplate: Setting<string>;
  /** true/false, or a directory name template. */
  readonly wrapInDirectory?: Found<boolean | string>;
  readonly stripBinaryDirectory?: Found<boolean>;
  readonly files?: Found<unknown>;
}

export interface GoreleaserChecksum {
  readonly nameTemplate: Setting<string>;
  readonly algorithm: Setting<string>;
  readonly split?: Found<boolean>;
  /** true/false, or a template. */
  readonly disable?: Found<boolean | string>;
}

export interface GoreleaserImage {
  /** Registry and repository, tag cut off: "ghcr.io/acme/x". */
  readonly name: string;
  readonly from: "dockers" | "dockers_v2" | "docker_manifests" | "kos";
}

export interface ImportedGoreleaser {
  readonly file: string;
  /** 2 with `version: 2`; 1 (defaulted) when absent. */
  readonly version: Setting<number>;
  readonly projectName?: Setting<string>;
  /** Top-level `env:`. */
  readonly env: Found<EnvVar>[];
  readonly builds: GoreleaserBuild[];
  /** GOTOOLCHAIN from the top-level env or a build's env: "go1.26.2". */
  readonly gotoolchain?: Found<string>;
  readonly archives: GoreleaserArchive[];
  readonly checksum: GoreleaserChecksum;
  readonly images: Found<GoreleaserImage>[];
  /** Every top-level key's whole value as plain data, so init can carry what it does not model. */
  readonly sections: { readonly [key: string]: Found<unknown> };
  /** Deprecated keys, templates that cannot be evaluated here, defaults that depend on the repository. */
  readonly notes: string[];
}

/** The files goreleaser reads without --config, in its order (cmd/config.go, loadConfigCheck). */
export const GORELEASER_CONFIG_FILES = [
  ".config/goreleaser.yml",
  ".config/goreleaser.yaml",
  ".goreleaser.yml",
  ".goreleaser.yaml",
  "goreleaser.yml",
  "goreleaser.yaml",
] as const;

/** The config goreleaser itself would read in `dir`, relative to it. */
export function findGoreleaserConfig(dir: string): string | undefined {
  return GORELEASER_CONFIG_FILES.find((name) => statSync(join(dir, name), { throwIfNoEntry: false })?.isFile());
}

// goreleaser v2's defaults (internal/builders/golang/build.go, WithDefaults, and the docs).
const DEFAULT_GOOS = ["linux", "darwin", "windows"];
const DEFAULT_GOARCH = ["amd64", "arm64", "386"];
const DEFAULT_GOARM = ["6"];
const DEFAULT_GOAMD64 = ["v1"];
const DEFAULT_LDFLAGS = "-s -w -X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}} -X main.builtBy=goreleaser";
const DEFAULT_ARCHIVE_NAME =
  '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}';
const DEFAULT_CHECKSUM_NAME = "{{ .ProjectName }}_{{ .Version }}_checksums.txt";

// Keys goreleaser deprecated or removed (https://goreleaser.com/deprecations/); "[]" walks a list.
const DEPRECATIONS: readonly { readonly path: string; readonly message: string }[] = [
  { path: "build", message: "was removed in goreleaser v2: use builds (a list)" },
  { path: "archive", message: "was removed in goreleaser v1: use archives (a list)" },
  { path: "brew", message: "was removed in goreleaser v1: use homebrew_casks" },
  { path: "scoop", message: "was removed in goreleaser v2: use scoops (a list)" },
  { path: "builds[].gobinary", message: "is deprecated since goreleaser v2.5: use tool" },
  { path: "archives[].format", message: "is deprecated since goreleaser v2.6: use formats" },
  { path: "archives[].builds", message: "is deprecated since goreleaser v2.8: use ids" },
  { path: "archives[].format_overrides[].format", message: "is deprecated since goreleaser v2.6: use formats" },
  { path: "archives[].replacements", message: "was removed in goreleaser v1.19: put the names in name_template" },
  { path: "archives[].strip_parent_binary_folder", message: "was removed in goreleaser v2: use strip_binary_directory" },
  { path: "archives[].rlcp", message: "was removed in goreleaser v2: it is always on" },
  { path: "nfpms[].builds", message: "is deprecated since goreleaser v2.8: use ids" },
  { path: "nfpms[].replacements", message: "was removed in goreleaser v1.19: put the names in file_name_template" },
  { path: "snapcrafts[].builds", message: "is deprecated since goreleaser v2.8: use ids" },
  { path: "snapshot.name_template", message: "is deprecated since goreleaser v2.2: use version_template" },
  { path: "nightly.name_template", message: "is deprecated since goreleaser v2.2: use version_template" },
  { path: "changelog.skip", message: "was removed in goreleaser v2: use disable" },
  { path: "kos[].repository", message: "is deprecated since goreleaser v2.5: use repositories" },
  { path: "brews[].tap", message: "was removed in goreleaser v2: use repository" },
  { path: "brews[].folder", message: "was removed in goreleaser v2: use directory" },
  { path: "scoops[].bucket", message: "was removed in goreleaser v2: use repository" },
  { path: "scoops[].folder", message: "was removed in goreleaser v2: use directory" },
  { path: "brews", message: "is deprecated since goreleaser v2.10: use homebrew_casks" },
  { path: "furies", message: "is deprecated: renamed gemfury" },
  { path: "dockers", message: "is deprecated in favour of dockers_v2 (one buildx build per image, manifests included)" },
  { path: "docker_manifests", message: "is deprecated in favour of dockers_v2, which makes the manifests itself" },
];

interface Reader {
  readonly yaml: YamlFile;
  readonly notes: string[];
  readonly projectName?: string;
}

function note(r: Reader, at: SourceLocation, message: string): void {
  r.notes.push(`${formatLocation(at)}: ${message}`);
}

function asBoolean(value: string): boolean | string {
  return value === "true" ? true : value === "false" ? false : value;
}

function foundText(f: Field | undefined): Found<string> | undefined {
  const value = text(f?.node);
  return f && value !== undefined ? { value, at: f.at } : undefined;
}

function foundTexts(f: Field | undefined): Found<string[]> | undefined {
  return f ? { value: texts(f.node), at: f.at } : undefined;
}

function withDefault<T>(found: Found<T> | undefined, value: T, at: SourceLocation, defaulted: string): Setting<T> {
  return found ?? { value, at, defaulted };
}

function listSetting(f: Field | undefined, value: string[], at: SourceLocation, key: string): Setting<string[]> {
  const found = f && texts(f.node).length > 0 ? { value: texts(f.node), at: f.at } : undefined;
  return withDefault(found, value, at, `goreleaser's default ${key}: ${value.join(", ")}`);
}

function readEnv(r: Reader, node: Node | undefined): Found<EnvVar>[] {
  return textItems(r.yaml, node).flatMap(({ value, at }) => {
    const eq = value.indexOf("=");
    if (value.trimStart().startsWith("{{") || eq <= 0) {
      note(r, at, `env entry "${value.trim()}" is a template goreleaser evaluates per target; not read`);
      return [];
    }
    return [{ value: { name: value.slice(0, eq), value: value.slice(eq + 1) }, at }];
  });
}

/** A name with the project name filled in; undefined (and a note) for any other template. */
function fillProjectName(r: Reader, value: string, at: SourceLocation, what: string): string | undefined {
  const rest = value.replace(/\{\{-?\s*\.ProjectName\s*-?\}\}/g, () => r.projectName ?? "{{ .ProjectName }}");
  if (!rest.includes("{{")) return rest;
  note(r, at, `${what} "${value}" is a template that cannot be evaluated here`);
  return undefined;
}

function projectNameDefault(r: Reader, at: SourceLocation, key: string, f: Field | undefined): Setting<string> | undefined {
  const written = foundText(f);
  if (written) return written;
  if (r.projectName === undefined) return undefined;
  return { value: r.projectName, at, defaulted: `goreleaser's default ${key}: the project name` };
}

function readLdflags(r: Reader, f: Field | undefined, buildAt: SourceLocation): Pick<GoreleaserBuild, "ldflags" | "ldflagsX" | "ldflagsOther"> {
  const written = textItems(r.yaml, f?.node);
  const lines = written.length > 0 ? written : [{ value: DEFAULT_LDFLAGS, at: buildAt }];
  const ldflags: Setting<string[]> =
    f && written.length > 0
      ? { value: written.map((w) => w.value), at: f.at }
      : { value: [DEFAULT_LDFLAGS], at: buildAt, defaulted: "goreleaser's default ldflags" };
  const ldflagsX: Found<LinkerVariable>[] = [];
  const ldflagsOther: Found<string>[] = [];
  for (const { value, at } of lines) {
    const parsed = parseGoreleaserLdflags(value);
    for (const v of parsed.variables) {
      ldflagsX.push({ value: v, at });
      if (v.role === "other" && v.value.includes("{{")) {
        note(r, at, `-X ${v.symbol}=${v.value}: a template goreleaser fills at release time; not evaluated`);
      }
    }
    for (const o of parsed.other) ldflagsOther.push({ value: o, at });
  }
  return { ldflags, ldflagsX, ldflagsOther };
}

function readIgnore(r: Reader, node: Node | undefined): Found<BuildIgnore>[] {
  return items(r.yaml, node).map((entry) => {
    const get = (key: string) => text(field(r.yaml, entry, key)?.node);
    const ignore: BuildIgnore = { goos: get("goos"), goarch: get("goarch"), goarm: get("goarm"), goamd64: get("goamd64") };
    const defined = Object.fromEntries(Object.entries(ignore).filter(([, v]) => v !== undefined)) as BuildIgnore;
    return { value: defined, at: locate(r.yaml, entry) };
  });
}

function readBuild(r: Reader, node: Node | undefined, at: SourceLocation): GoreleaserBuild {
  const f = (key: string) => field(r.yaml, node, key);
  const builder = withDefault(foundText(f("builder")), "go", at, "goreleaser's default builder: go");
  const goos = listSetting(f("goos"), DEFAULT_GOOS, at, "goos");
  const goarch = listSetting(f("goarch"), DEFAULT_GOARCH, at, "goarch");
  const goarm = listSetting(f("goarm"), DEFAULT_GOARM, at, "goarm");
  const goamd64 = listSetting(f("goamd64"), DEFAULT_GOAMD64, at, "goamd64");
  const targets = foundTexts(f("targets"));
  const ignore = readIgnore(r, f("ignore")?.node);
  const skipText = foundText(f("skip"));
  const modTimestamp = foundText(f("mod_timestamp"));
  const tool = foundText(f("tool") ?? f("gobinary"));
  const hooks = f("hooks");
  const overrides = f("overrides");
  const binary = projectNameDefault(r, at, "binary", f("binary"));
  if (binary?.value.includes("{{")) note(r, binary.at, `binary "${binary.value}" is a template goreleaser evaluates per target`);
  if (!binary) note(r, at, "binary defaults to the project name, which goreleaser infers (see project_name)");

  let platforms: string[] = [];
  if (builder.value !== "go") {
    note(r, builder.at, `builder ${builder.value}: not a Go build; its platforms are not worked out`);
  } else if (targets) {
    platforms = targetPlatforms(targets.value);
    if (f("goos") || f("goarch") || f("ignore")) note(r, targets.at, "targets replaces goos, goarch and ignore, which goreleaser then leaves out");
  } else {
    const matrix = matrixPlatforms({
      goos: goos.value, goarch: goarch.value, goarm: goarm.value, goamd64: goamd64.value,
      ignore: ignore.map((i) => i.value),
    });
    platforms = matrix.platforms;
    if (matrix.skipped.length > 0) note(r, goarch.at, `goreleaser skips ${matrix.skipped.join(", ")}: not Go ports it builds`);
    if (matrix.broken.length > 0) note(r, goarch.at, `${matrix.broken.join(", ")}: broken since Go 1.24, goreleaser builds it with an error`);
  }

  return {
    at,
    id: projectNameDefault(r, at, "id", f("id")),
    main: withDefault(foundText(f("main")), ".", at, "goreleaser's default main: ."),
    dir: withDefault(foundText(f("dir")), ".", at, "goreleaser's default dir: ."),
    binary,
    flags: textItems(r.yaml, f("flags")?.node),
    ...readLdflags(r, f("ldflags"), at),
    env: readEnv(r, f("env")?.node),
    goos, goarch, goarm, goamd64,
    ...(targets && { targets }),
    ignore,
    tags: textItems(r.yaml, f("tags")?.node),
    ...(modTimestamp && { modTimestamp }),
    ...(skipText && { skip: { value: asBoolean(skipText.value), at: skipText.at } }),
    builder,
    ...(tool && { tool }),
    ...(hooks && { hooks: { value: plain(r.yaml, hooks.node), at: hooks.at } }),
    ...(overrides && { overrides: { value: plain(r.yaml, overrides.node), at: overrides.at } }),
    platforms,
  };
}

function readBuilds(r: Reader, builds: Field | undefined): GoreleaserBuild[] {
  const entries = items(r.yaml, builds?.node);
  if (entries.length > 0) return entries.map((entry) => readBuild(r, entry, locate(r.yaml, entry)));
  const at = builds?.at ?? { file: r.yaml.file, line: 1 };
  note(r, at, "no builds: goreleaser builds the module root with its defaults");
  return [readBuild(r, undefined, at)];
}

/** GOTOOLCHAIN as a literal, or the default of `{{ envOrDefault "X" "go1.26.5" }}`. */
function readGotoolchain(r: Reader, env: Found<EnvVar>[], builds: GoreleaserBuild[]): Found<string> | undefined {
  const all = [...env, ...builds.flatMap((b) => b.env)].filter((e) => e.value.name === "GOTOOLCHAIN");
  const values: Found<string>[] = all.flatMap(({ value: { value }, at }) => {
    if (!value.includes("{{")) return [{ value, at }];
    const envOrDefault = /^\{\{-?\s*envOrDefault\s+"(\w+)"\s+"([^"]*)"\s*-?\}\}$/.exec(value.trim());
    if (envOrDefault) {
      note(r, at, `GOTOOLCHAIN is ${envOrDefault[2]} unless ${envOrDefault[1]} is set when goreleaser runs`);
      return [{ value: envOrDefault[2], at }];
    }
    note(r, at, `GOTOOLCHAIN=${value} is a template that cannot be evaluated here`);
    return [];
  });
  const distinct = new Set(values.map((v) => v.value));
  if (distinct.size > 1) note(r, values[1].at, `builds use different GOTOOLCHAIN values: ${[...distinct].join(", ")}`);
  return values[0];
}

function readFormats(r: Reader, entry: Node | undefined): Found<string[]> | undefined {
  const f = field(r.yaml, entry, "formats") ?? field(r.yaml, entry, "format");
  return f ? { value: texts(f.node), at: f.at } : undefined;
}

function readArchive(r: Reader, node: Node | undefined, at: SourceLocation): GoreleaserArchive {
  const f = (key: string) => field(r.yaml, node, key);
  const ids = foundTexts(f("ids") ?? f("builds"));
  const wrap = foundText(f("wrap_in_directory"));
  const strip = foundText(f("strip_binary_directory") ?? f("strip_parent_binary_folder"));
  const files = f("files");
  return {
    at,
    id: withDefault(foundText(f("id")), "default", at, "goreleaser's default archive id: default"),
    ...(ids && { ids }),
    formats: withDefault(readFormats(r, node), ["tar.gz"], at, "goreleaser's default archive format: tar.gz"),
    formatOverrides: items(r.yaml, f("format_overrides")?.node).map((o) => ({
      value: { goos: text(field(r.yaml, o, "goos")?.node) ?? "", formats: readFormats(r, o)?.value ?? [] },
      at: locate(r.yaml, o),
    })),
    nameTemplate: withDefault(foundText(f("name_template")), DEFAULT_ARCHIVE_NAME, at, "goreleaser's default archive name_template"),
    ...(wrap && { wrapInDirectory: { value: asBoolean(wrap.value), at: wrap.at } }),
    ...(strip && { stripBinaryDirectory: { value: strip.value === "true", at: strip.at } }),
    ...(files && { files: { value: plain(r.yaml, files.node), at: files.at } }),
  };
}

function readArchives(r: Reader, archives: Field | undefined): GoreleaserArchive[] {
  const entries = items(r.yaml, archives?.node);
  if (entries.length > 0) return entries.map((entry) => readArchive(r, entry, locate(r.yaml, entry)));
  return [readArchive(r, undefined, archives?.at ?? { file: r.yaml.file, line: 1 })];
}

function readChecksum(r: Reader, checksum: Field | undefined): GoreleaserChecksum {
  const at = checksum?.at ?? { file: r.yaml.file, line: 1 };
  const f = (key: string) => field(r.yaml, checksum?.node, key);
  const split = foundText(f("split"));
  const disable = foundText(f("disable"));
  return {
    nameTemplate: withDefault(foundText(f("name_template")), DEFAULT_CHECKSUM_NAME, at, "goreleaser's default checksum name_template"),
    algorithm: withDefault(foundText(f("algorithm")), "sha256", at, "goreleaser's default checksum algorithm: sha256"),
    ...(split && { split: { value: split.value === "true", at: split.at } }),
    ...(disable && { disable: { value: asBoolean(disable.value), at: disable.at } }),
  };
}

/** "ghcr.io/acme/x:{{ .Version }}-amd64" -> "ghcr.io/acme/x"; a `{{ if }}…{{ end }}` wrapper is looked through. */
function imageName(r: Reader, raw: string, at: SourceLocation, what: string): string | undefined {
  const unwrapped = /^\s*\{\{-?\s*if\b[^}]*\}\}(.*)\{\{-?\s*end\s*-?\}\}\s*$/s.exec(raw)?.[1] ?? raw;
  const trimmed = unwrapped.trim();
  if (trimmed === "") return undefined;
  // Cut at the tag's ":" (or digest's "@") after the last "/", not counting characters inside templates.
  const masked = trimmed.replace(/\{\{.*?\}\}/gs, (t) => "x".repeat(t.length));
  const lastSlash = masked.lastIndexOf("/");
  const cut = masked.slice(lastSlash + 1).search(/[:@]/);
  const name = cut < 0 ? trimmed : trimmed.slice(0, lastSlash + 1 + cut);
  return fillProjectName(r, name, at, what);
}

function readImages(r: Reader, top: (key: string) => Field | undefined): Found<GoreleaserImage>[] {
  const images: Found<GoreleaserImage>[] = [];
  const add = (from: GoreleaserImage["from"], raw: string, at: SourceLocation, what: string) => {
    const name = imageName(r, raw, at, what);
    if (name && !images.some((i) => i.value.name === name)) images.push({ value: { name, from }, at });
  };
  const each = (key: string, read: (entry: Node) => { value: string; at: SourceLocation }[], what: string) => {
    for (const entry of items(r.yaml, top(key)?.node)) for (const { value, at } of read(entry)) add(key as GoreleaserImage["from"], value, at, what);
  };
  each("dockers", (e) => textItems(r.yaml, field(r.yaml, e, "image_templates")?.node), "dockers image template");
  each("dockers_v2", (e) => textItems(r.yaml, field(r.yaml, e, "images")?.node), "dockers_v2 image");
  each("docker_manifests", (e) => textItems(r.yaml, field(r.yaml, e, "name_template")?.node), "docker_manifests name_template");
  each(
    "kos",
    (e) => [...textItems(r.yaml, field(r.yaml, e, "repositories")?.node), ...textItems(r.yaml, field(r.yaml, e, "repository")?.node)],
    "kos repository",
  );
  return images;
}

function checkDeprecations(r: Reader, root: Node | undefined): void {
  for (const { path, message } of DEPRECATIONS) {
    const walk = (node: Node | undefined, segments: string[], shown: string) => {
      const [head, ...rest] = segments;
      const isList = head.endsWith("[]");
      const key = isList ? head.slice(0, -2) : head;
      const f = field(r.yaml, node, key);
      if (!f) return;
      const name = shown ? `${shown}.${key}` : key;
      if (rest.length === 0) note(r, f.at, `${name} ${message}`);
      else if (!isList) walk(f.node, rest, name);
      else items(r.yaml, f.node).forEach((entry, i) => walk(entry, rest, `${name}[${i}]`));
    };
    walk(root, path.split("."), "");
  }
}

function readProjectName(r: Reader, top: (key: string) => Field | undefined): Setting<string> | undefined {
  const written = foundText(top("project_name"));
  if (written && !written.value.includes("{{")) return written;
  if (written) note(r, written.at, `project_name "${written.value}" is a template that cannot be evaluated here`);
  for (const forge of ["github", "gitlab", "gitea"]) {
    const name = foundText(field(r.yaml, field(r.yaml, top("release")?.node, forge)?.node, "name"));
    if (name && !name.value.includes("{{")) return { ...name, defaulted: `goreleaser takes the project name from release.${forge}.name` };
  }
  r.notes.push(
    `${r.yaml.file}: no project_name: goreleaser takes the last element of the go.mod module path (e.g. "v2" for a /v2 module), else the git remote's repository name`,
  );
  return undefined;
}

function readVersion(r: Reader, top: (key: string) => Field | undefined): Setting<number> {
  const written = foundText(top("version"));
  const at = written?.at ?? { file: r.yaml.file, line: 1 };
  if (written?.value === "2") return { value: 2, at };
  if (written && written.value !== "1") note(r, at, `version ${written.value} is unknown; read as version 1`);
  note(r, at, "a version 1 config: goreleaser v2 warns, and fails on options removed in v2");
  return written?.value === "1" ? { value: 1, at } : { value: 1, at, defaulted: "no version key: goreleaser reads version 1" };
}

/** Reads a goreleaser config (`file` is its path relative to the repository, with "/"). */
export function importGoreleaser(textOfFile: string, file: string): ImportedGoreleaser {
  const { yaml, errors } = parseYamlFile(textOfFile, file);
  const notes = [...errors];
  const root = yaml.doc.contents ?? undefined;
  const top = (key: string) => field(yaml, root as Node | undefined, key);
  const first: Reader = { yaml, notes };
  const projectName = readProjectName(first, top);
  const r: Reader = { yaml, notes, projectName: projectName?.value };

  const version = readVersion(r, top);
  const env = readEnv(r, top("env")?.node);
  const builds = readBuilds(r, top("builds"));
  const gotoolchain = readGotoolchain(r, env, builds);
  const sections = Object.fromEntries(
    fields(yaml, root as Node | undefined).map(([key, f]) => [key, { value: plain(yaml, f.node), at: f.at }]),
  );
  checkDeprecations(r, root as Node | undefined);
  return {
    file,
    version,
    ...(projectName && { projectName }),
    env,
    builds,
    ...(gotoolchain && { gotoolchain }),
    archives: readArchives(r, top("archives")),
    checksum: readChecksum(r, top("checksum")),
    images: readImages(r, top),
    sections,
    notes,
  };
}
