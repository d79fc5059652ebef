import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isScalar, isSeq, Node } from "yaml";
import { findGoreleaserConfig, GoreleaserImage, importGoreleaser } from "./goreleaser";
import { formatLocation, Found, SourceLocation } from "./location";
import { findRunCommands, goreleaserPublishes } from "./workflow-commands";
import { splitCommands } from "./shell-words";
import { field, fields, items, locate, lineOfText, parseYamlFile, text, textItems, texts, YamlFile } from "./yaml-tree";

export interface WorkflowTriggers {
  readonly push?: Found<{
    readonly branches: string[];
    readonly branchesIgnore: string[];
    readonly tags: string[];
    readonly tagsIgnore: string[];
  }>;
  readonly pullRequest?: Found<{ readonly branches: string[] }>;
  /** `release:`; types empty when every type triggers. */
  readonly release?: Found<{ readonly types: string[] }>;
  readonly workflowDispatch?: SourceLocation;
  /** The cron expressions of `schedule:`. */
  readonly schedule: Found<string>[];
  /** Every other event by name: pull_request_target, workflow_call, merge_group... */
  readonly other: Found<string>[];
}

export interface Publication {
  readonly kind: "release" | "images";
  readonly evidence: string;
  readonly at: SourceLocation;
  /** Judged from a name (a `make release` target), not seen running goreleaser or a push. */
  readonly guess?: boolean;
}

export interface WorkflowImage {
  /** As written, tag cut off: "ghcr.io/${{ github.repository_owner }}/miniflux". */
  readonly name: string;
  /** Holds a `${{ }}` expression or a shell variable. */
  readonly templated: boolean;
  /** The name with `${{ env.X }}` filled from the workflow's literal env, when nothing else is left. */
  readonly resolved?: string;
  /** What names it: "docker/metadata-action images", "docker push"... */
  readonly via: string;
}

export interface RegistryLogin {
  /** docker.io when docker/login-action has no `registry:`. */
  readonly registry: string;
  readonly defaulted?: boolean;
  /** The expression inside `${{ }}` ("secrets.DOCKERHUB_USERNAME", "github.actor"), or the literal. */
  readonly username?: string;
  readonly password?: string;
}

export interface GoreleaserUse {
  readonly via: "goreleaser/goreleaser-action" | "run";
  /** As written: "~> v2", "v1.26.2", a `go run …@v2.3.1` version, a goreleaser-cross image tag. */
  readonly version?: string;
  readonly args?: string;
  /** goreleaser-action's `install-only: true`: goreleaser is run by a later step. */
  readonly installOnly: boolean;
}

/** golangci/golangci-lint-action's inputs; a version left out means the action's own default. */
export interface GolangciLintUse {
  readonly version?: string;
  readonly args?: string;
}

export interface WorkflowStep {
  readonly job: string;
  readonly name?: string;
  readonly uses?: string;
  /** The first command line of `run:`. */
  readonly run?: string;
}

export interface ImportedWorkflow {
  readonly file: string;
  readonly name?: Found<string>;
  readonly triggers: WorkflowTriggers;
  /** Runs for a pushed tag (a push without filters included) or a published/created release. */
  readonly runsOnTags: boolean;
  readonly publishes: Publication[];
  readonly images: Found<WorkflowImage>[];
  readonly registries: Found<RegistryLogin>[];
  /** actions/setup-go `go-version:` values, matrix values filled in: "1.25.x", "stable". */
  readonly goVersions: Found<string>[];
  /** actions/setup-go `go-version-file:` values: "go.mod". */
  readonly goVersionFiles: Found<string>[];
  readonly goreleaser: Found<GoreleaserUse>[];
  readonly golangciLint: Found<GolangciLintUse>[];
  /** Every step of a workflow that publishes; empty for the others. */
  readonly steps: Found<WorkflowStep>[];
  readonly notes: string[];
}

export interface ImportedWorkflows {
  readonly workflows: ImportedWorkflow[];
  readonly notes: string[];
}

export interface WorkflowContext {
  /** The images goreleaser publishes with this config (the default config when undefined). */
  readonly goreleaserImages?: (config: string | undefined) => { readonly file: string; readonly images: Found<GoreleaserImage>[] } | undefined;
}

// Actions that make a GitHub release without goreleaser.
const RELEASE_ACTIONS = new Set([
  "softprops/action-gh-release", "ncipollo/release-action", "actions/create-release", "actions/upload-release-asset",
  "svenstaro/upload-release-action",
]);

type Env = ReadonlyMap<string, string>;

interface Scope {
  readonly yaml: YamlFile;
  readonly notes: string[];
  readonly env: Env;
  /** For `strategy.matrix`. */
  readonly jobNode: Node | undefined;
}

/** What the steps of a workflow show, as ImportedWorkflow holds it, plus where goreleaser runs. */
interface Collected extends Pick<ImportedWorkflow, "publishes" | "images" | "registries" | "goVersions" | "goVersionFiles" | "goreleaser" | "golangciLint" | "steps"> {
  readonly goreleaserRuns: { readonly config?: string; readonly at: SourceLocation; readonly guess: boolean }[];
}

function note(s: { notes: string[] }, at: SourceLocation, message: string): void {
  s.notes.push(`${formatLocation(at)}: ${message}`);
}

function literalEnv(yaml: YamlFile, node: Node | undefined, outer: Env): Env {
  const env = new Map(outer);
  for (const [name, f] of fields(yaml, node)) {
    const value = text(f.node);
    if (value !== undefined) env.set(name, value);
  }
  return env;
}

/** `${{ env.X }}` filled from literal env values; undefined while any expression or $VAR is left. */
function resolveEnv(value: string, env: Env): string | undefined {
  const filled = value.replace(/\$\{\{\s*env\.(\w+)\s*\}\}/g, (all, name: string) => env.get(name) ?? all);
  return /\$\{\{|\$\w|\$\{/.test(filled) ? undefined : filled;
}

/** "${{ secrets.X }}" -> "secrets.X"; a literal stays as written. */
function expressionOf(value: string | undefined): string | undefined {
  return value?.replace(/^\s*\$\{\{\s*(.*?)\s*\}\}\s*$/s, "$1").trim();
}

function actionName(uses: string): string {
  return uses.split("@")[0].toLowerCase();
}

/**
 * A list input as the docker actions read it: lines, and commas too unless `linesOnly`
 * (metadata-action's `images`, whose lines may be `name=…,enable=…`).
 */
function listInput(value: string | undefined, linesOnly = false): string[] {
  if (value === undefined) return [];
  // Split on commas only outside `${{ }}`, which may hold commas of their own.
  const masked = value.replace(/\$\{\{.*?\}\}/gs, (e) => "x".repeat(e.length));
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= masked.length; i++) {
    if (i === masked.length || masked[i] === "\n" || (masked[i] === "," && !linesOnly)) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  return parts.filter((p) => p !== "" && !p.startsWith("#"));
}

/** "ghcr.io/x/y:1.2" -> "ghcr.io/x/y": the tag (or digest) after the last "/" cut off. */
function withoutTag(ref: string): string {
  const masked = ref.replace(/\$\{\{.*?\}\}/gs, (e) => "x".repeat(e.length)).replace(/\$\{[^}]*\}/g, (e) => "x".repeat(e.length));
  const slash = masked.lastIndexOf("/");
  const cut = masked.slice(slash + 1).search(/[:@]/);
  return cut < 0 ? ref : ref.slice(0, slash + 1 + cut);
}

function addImage(c: Collected, s: Scope, name: string, via: string, at: SourceLocation): void {
  const trimmed = name.trim();
  if (trimmed === "" || c.images.some((i) => i.value.name === trimmed)) return;
  const templated = /\$\{\{|\$\w|\$\{/.test(trimmed);
  const resolved = templated ? resolveEnv(trimmed, s.env) : undefined;
  c.images.push({ value: { name: trimmed, templated, ...(resolved && { resolved }), via }, at });
}

function readTriggers(yaml: YamlFile, on: Node | undefined): WorkflowTriggers {
  // `on: push`, `on: [push, pull_request]` or a map of events.
  const events: [string, Node | undefined, SourceLocation][] = isScalar(on) || isSeq(on)
    ? textItems(yaml, on).map(({ value, at: where }) => [value, undefined, where])
    : fields(yaml, on).map(([name, f]) => [name, f.node, f.at]);
  let push: WorkflowTriggers["push"];
  let pullRequest: WorkflowTriggers["pullRequest"];
  let release: WorkflowTriggers["release"];
  let workflowDispatch: SourceLocation | undefined;
  const schedule: Found<string>[] = [];
  const other: Found<string>[] = [];
  const list = (node: Node | undefined, key: string) => texts(field(yaml, node, key)?.node);
  for (const [event, node, where] of events) {
    if (event === "push") {
      push = { value: { branches: list(node, "branches"), branchesIgnore: list(node, "branches-ignore"), tags: list(node, "tags"), tagsIgnore: list(node, "tags-ignore") }, at: where };
    } else if (event === "pull_request") {
      pullRequest = { value: { branches: list(node, "branches") }, at: where };
    } else if (event === "release") {
      release = { value: { types: list(node, "types") }, at: where };
    } else if (event === "workflow_dispatch") {
      workflowDispatch = where;
    } else if (event === "schedule") {
      for (const entry of items(yaml, node)) {
        const cron = text(field(yaml, entry, "cron")?.node);
        if (cron !== undefined) schedule.push({ value: cron, at: locate(yaml, entry) });
      }
    } else {
      other.push({ value: event, at: where });
    }
  }
  return { ...(push && { push }), ...(pullRequest && { pullRequest }), ...(release && { release }), ...(workflowDispatch && { workflowDispatch }), schedule, other };
}

function triggersOnTags(t: WorkflowTriggers): boolean {
  const push = t.push?.value;
  // GitHub: with only branch filters, tag pushes do not trigger; with no filter at all, every ref does.
  const pushTags = push !== undefined &&
    (push.tags.length > 0 || push.tagsIgnore.length > 0 || (push.branches.length === 0 && push.branchesIgnore.length === 0));
  const types = t.release?.value.types;
  const releaseTypes = types !== undefined && (types.length === 0 || types.some((x) => ["published", "created", "released", "prereleased"].includes(x)));
  return pushTags || releaseTypes;
}

/** Matrix values filled into `${{ matrix.key }}` (one reference), each with the line of its value. */
function matrixValues(s: Scope, value: string, at: SourceLocation): Found<string>[] | undefined {
  const refs = [...value.matchAll(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g)];
  if (refs.length === 0) return undefined;
  const matrix = field(s.yaml, field(s.yaml, s.jobNode, "strategy")?.node, "matrix");
  if (refs.length > 1 || !matrix) {
    note(s, at, `${value}: matrix values that cannot be worked out here`);
    return [];
  }
  const key = refs[0][1];
  const fill = (v: string) => value.replace(refs[0][0], v);
  const listed = textItems(s.yaml, field(s.yaml, matrix.node, key)?.node);
  const included = items(s.yaml, field(s.yaml, matrix.node, "include")?.node).flatMap((entry) => {
    const f = field(s.yaml, entry, key);
    const v = text(f?.node);
    return f && v !== undefined ? [{ value: v, at: f.at }] : [];
  });
  const values = [...listed, ...included].map((v) => ({ value: fill(v.value), at: v.at }));
  if (values.length === 0) note(s, at, `${value}: matrix.${key} has no literal values (an expression such as fromJSON?)`);
  return values;
}

function readSetupGo(c: Collected, s: Scope, withNode: Node | undefined): void {
  const version = field(s.yaml, withNode, "go-version");
  const versionText = text(version?.node);
  if (version && versionText !== undefined) {
    const fromMatrix = matrixValues(s, versionText, version.at);
    const fromEnv = fromMatrix ? undefined : versionText.includes("${{") ? resolveEnv(versionText, s.env) : versionText;
    if (fromMatrix) c.goVersions.push(...fromMatrix);
    else if (fromEnv !== undefined) c.goVersions.push({ value: fromEnv, at: version.at });
    else note(s, version.at, `go-version ${versionText} cannot be worked out here`);
  }
  const file = field(s.yaml, withNode, "go-version-file");
  const fileText = text(file?.node);
  if (file && fileText !== undefined) c.goVersionFiles.push({ value: fileText, at: file.at });
}

function readGoreleaserAction(c: Collected, s: Scope, withNode: Node | undefined, at: SourceLocation, onTags: boolean): void {
  const input = (key: string) => text(field(s.yaml, withNode, key)?.node);
  const args = input("args");
  const version = input("version");
  const installOnly = input("install-only") === "true";
  c.goreleaser.push({ value: { via: "goreleaser/goreleaser-action", ...(version !== undefined && { version }), ...(args !== undefined && { args }), installOnly }, at });
  if (installOnly) return;
  const words = splitCommands(args ?? "")[0]?.map((w) => w.value) ?? [];
  if (!goreleaserPublishes(words)) return;
  const config = words.findIndex((w) => w === "-f" || w === "--config");
  publishRelease(c, s, { kind: "release", evidence: `goreleaser/goreleaser-action args: ${args ?? "(none: release)"}`, at }, onTags);
  c.goreleaserRuns.push({ ...(config >= 0 && { config: words[config + 1] }), at, guess: false });
}

function publishRelease(c: Collected, s: Scope, publication: Publication, onTags: boolean): void {
  if (onTags) c.publishes.push(publication);
  else note(s, publication.at, `${publication.evidence}: releases, but the workflow does not run on tags; not counted as a release publisher`);
}

function readMetadata(s: Scope, withNode: Node | undefined): Found<string>[] {
  const images = field(s.yaml, withNode, "images");
  return listInput(text(images?.node), true).map((line) => {
    // `name=ghcr.io/x,enable=...` entries, or bare names.
    const name = /(^|,)\s*name=([^,]+)/.exec(line)?.[2] ?? line;
    return { value: name.trim(), at: images ? lineOfText(s.yaml, images.node!, line) : locate(s.yaml, undefined) };
  });
}

function readBuildPush(c: Collected, s: Scope, withNode: Node | undefined, at: SourceLocation, metadata: Map<string, Found<string>[]>): void {
  const input = (key: string) => field(s.yaml, withNode, key);
  const push = input("push");
  const pushText = text(push?.node);
  const outputs = text(input("outputs")?.node) ?? "";
  const pushOutput = /push=true|type=registry/.test(outputs);
  if (pushText !== "true" && !pushText?.includes("${{") && !pushOutput) return;
  const evidence = pushOutput && pushText === undefined ? `docker/build-push-action outputs: ${outputs.trim()}` : `docker/build-push-action push: ${pushText}`;
  c.publishes.push({ kind: "images", evidence, at: push?.at ?? at });
  const tags = input("tags");
  for (const tag of listInput(text(tags?.node))) {
    const step = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.tags\s*\}\}$/.exec(tag)?.[1];
    if (step !== undefined) {
      const names = metadata.get(step);
      if (names) for (const n of names) addImage(c, s, n.value, "docker/metadata-action images", n.at);
      else note(s, tags!.at, `tags ${tag}: not a docker/metadata-action step of this job`);
    } else {
      addImage(c, s, withoutTag(tag), "docker/build-push-action tags", lineOfText(s.yaml, tags!.node!, tag));
    }
  }
  const name = /(^|,)\s*name=("[^"]*"|[^,]+)/.exec(outputs)?.[2];
  if (name) for (const n of name.replace(/"/g, "").split(",")) addImage(c, s, withoutTag(n), "docker/build-push-action outputs", input("outputs")!.at);
}

function readLogin(c: Collected, s: Scope, withNode: Node | undefined, at: SourceLocation): void {
  const input = (key: string) => text(field(s.yaml, withNode, key)?.node);
  const registry = input("registry");
  const username = expressionOf(input("username"));
  const password = expressionOf(input("password"));
  const login: RegistryLogin = { registry: registry ?? "docker.io", ...(registry === undefined && { defaulted: true }), ...(username && { username }), ...(password && { password }) };
  // Jobs often log in to the same registry again; once is enough to know it.
  const same = (r: RegistryLogin) => r.registry === login.registry && r.username === login.username && r.password === login.password;
  if (!c.registries.some((r) => same(r.value))) c.registries.push({ value: login, at });
}

function runLocation(s: Scope, runNode: Node, script: string, offset: number): SourceLocation {
  const before = script.slice(0, offset).split("\n").length - 1;
  // A literal block keeps its lines; other scalars fold them, so the command is looked up in the source.
  if (isScalar(runNode) && runNode.type === "BLOCK_LITERAL") {
    const header = locate(s.yaml, runNode);
    return { file: header.file, line: header.line + 1 + before };
  }
  return lineOfText(s.yaml, runNode, script.slice(offset).split(/\s/)[0]);
}

/** A command short enough to quote as evidence. */
function shortened(command: string): string {
  return command.length <= 100 ? command : `${command.slice(0, 99)}…`;
}

function readRun(c: Collected, s: Scope, runNode: Node, script: string, env: Env, onTags: boolean): void {
  for (const { command, text: fullText, offset } of findRunCommands(script)) {
    const commandText = shortened(fullText);
    const at = runLocation(s, runNode, script, offset);
    if (command.kind === "goreleaser") {
      c.goreleaser.push({ value: { via: "run", ...(command.version && { version: command.version }), args: command.args, installOnly: false }, at });
      if (!command.publishes) continue;
      publishRelease(c, s, { kind: "release", evidence: `run: ${commandText}`, at }, onTags);
      c.goreleaserRuns.push({ ...(command.config && { config: command.config }), at, guess: false });
    } else if (command.kind === "release-target") {
      // `make "${RELEASE_TARGET}"`: the target may come from the step's env.
      const expanded = command.text.replace(/\$\{?(\w+)\}?/g, (all, name: string) => env.get(name) ?? all);
      if (!/release/i.test(expanded) && !command.mentionsGoreleaser) continue;
      publishRelease(c, s, { kind: "release", evidence: `run: ${commandText}`, at, guess: true }, onTags);
      note(s, at, `${commandText}: a release target, probably running goreleaser; read the Makefile to be sure`);
      c.goreleaserRuns.push({ at, guess: true });
    } else if (command.kind === "image-push") {
      c.publishes.push({ kind: "images", evidence: `run: ${commandText}`, at });
      for (const image of command.images) addImage(c, s, withoutTag(image), command.tool, at);
      if (command.images.length === 0) note(s, at, `${commandText}: pushes images named outside the workflow (KO_DOCKER_REPO, a tarball...)`);
    } else {
      publishRelease(c, s, { kind: "release", evidence: `run: ${command.text}`, at }, onTags);
      note(s, at, `${command.text}: makes a GitHub release without goreleaser`);
    }
  }
}

function firstCommandLine(script: string): string {
  return script.split("\n").map((l) => l.trim()).find((l) => l !== "" && !l.startsWith("#")) ?? "";
}

function readJob(c: Collected, yaml: YamlFile, notes: string[], job: string, jobNode: Node | undefined, workflowEnv: Env, onTags: boolean): void {
  const jobEnv = literalEnv(yaml, field(yaml, jobNode, "env")?.node, workflowEnv);
  const calls = field(yaml, jobNode, "uses");
  if (calls) {
    const uses = text(calls.node) ?? "";
    c.steps.push({ value: { job, uses }, at: calls.at });
    notes.push(`${formatLocation(calls.at)}: job ${job} calls the reusable workflow ${uses}; its steps are not read`);
    return;
  }
  const metadata = new Map<string, Found<string>[]>();
  for (const stepNode of items(yaml, field(yaml, jobNode, "steps")?.node)) {
    const at = locate(yaml, stepNode);
    const get = (key: string) => field(yaml, stepNode, key);
    const s: Scope = { yaml, notes, env: literalEnv(yaml, get("env")?.node, jobEnv), jobNode };
    const uses = text(get("uses")?.node);
    const runField = get("run");
    const script = text(runField?.node);
    const name = text(get("name")?.node);
    c.steps.push({ value: { job, ...(name !== undefined && { name }), ...(uses !== undefined && { uses }), ...(script !== undefined && { run: firstCommandLine(script) }) }, at });
    if (runField?.node && script !== undefined) readRun(c, s, runField.node, script, s.env, onTags);
    if (uses === undefined) continue;
    const withNode = get("with")?.node;
    const action = actionName(uses);
    const id = text(get("id")?.node);
    if (action === "actions/setup-go") readSetupGo(c, s, withNode);
    else if (action === "goreleaser/goreleaser-action") readGoreleaserAction(c, s, withNode, at, onTags);
    else if (action === "docker/metadata-action" && id !== undefined) metadata.set(id, readMetadata(s, withNode));
    else if (action === "docker/build-push-action") readBuildPush(c, s, withNode, at, metadata);
    else if (action === "docker/login-action") readLogin(c, s, withNode, at);
    else if (action === "golangci/golangci-lint-action") {
      const version = text(field(yaml, withNode, "version")?.node);
      const args = text(field(yaml, withNode, "args")?.node);
      c.golangciLint.push({ value: { ...(version !== undefined && { version }), ...(args !== undefined && { args }) }, at });
    } else if (RELEASE_ACTIONS.has(action)) {
      publishRelease(c, s, { kind: "release", evidence: `uses: ${uses}`, at }, onTags);
      note(s, at, `${uses}: makes a GitHub release without goreleaser`);
    } else if (uses.startsWith("./")) {
      note(s, at, `uses the local action ${uses}; what it does is not read`);
    } else if (/publish|release|push|deploy/i.test(action) && !action.startsWith("actions/")) {
      note(s, at, `uses ${uses}, which may publish; what it does is not read`);
    }
  }
}

/** Reads one workflow (`file` relative to the repository, with "/"). */
export function importWorkflow(textOfFile: string, file: string, context: WorkflowContext = {}): ImportedWorkflow {
  const { yaml, errors } = parseYamlFile(textOfFile, file);
  const notes = [...errors];
  const root = (yaml.doc.contents ?? undefined) as Node | undefined;
  const top = (key: string) => field(yaml, root, key);
  const nameField = top("name");
  const nameText = text(nameField?.node);
  const triggers = readTriggers(yaml, top("on")?.node);
  if (!top("on")) notes.push(`${file}: no on: GitHub does not run this workflow`);
  const runsOnTags = triggersOnTags(triggers);
  const workflowEnv = literalEnv(yaml, top("env")?.node, new Map());
  const c: Collected = { publishes: [], images: [], registries: [], goVersions: [], goVersionFiles: [], goreleaser: [], golangciLint: [], steps: [], goreleaserRuns: [] };
  for (const [job, f] of fields(yaml, top("jobs")?.node)) readJob(c, yaml, notes, job, f.node, workflowEnv, runsOnTags);

  for (const run of c.goreleaserRuns) {
    const config = context.goreleaserImages?.(run.config);
    if (!config || config.images.length === 0) continue;
    const names = config.images.map((i) => i.value.name).join(", ");
    c.publishes.push({ kind: "images", evidence: `goreleaser publishes the images of ${config.file}: ${names}`, at: run.at, ...(run.guess && { guess: true }) });
  }
  const { goreleaserRuns: _, steps, ...found } = c;
  return {
    file,
    ...(nameField && nameText !== undefined && { name: { value: nameText, at: nameField.at } }),
    triggers,
    runsOnTags,
    ...found,
    steps: c.publishes.length > 0 ? steps : [],
    notes,
  };
}

/** Reads `.github/workflows/*.yml` and `*.yaml` of the repository at `dir`. */
export function importWorkflows(dir: string): ImportedWorkflows {
  const folder = ".github/workflows";
  let names: string[];
  try {
    names = readdirSync(join(dir, folder)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return { workflows: [], notes: [] };
  }
  const notes: string[] = [];
  const configs = new Map<string, ReturnType<NonNullable<WorkflowContext["goreleaserImages"]>>>();
  const goreleaserImages = (config: string | undefined) => {
    const file = config?.replace(/^\.\//, "") ?? findGoreleaserConfig(dir);
    if (file === undefined) return undefined;
    if (!configs.has(file)) {
      let content: string | undefined;
      try {
        content = readFileSync(join(dir, file), "utf8");
      } catch (e) {
        notes.push(`${file}: not read: ${(e as Error).message}`);
      }
      configs.set(file, content === undefined ? undefined : { file, images: importGoreleaser(content, file).images });
    }
    return configs.get(file);
  };
  const workflows = names.flatMap((name) => {
    const file = `${folder}/${name}`;
    let content: string;
    try {
      content = readFileSync(join(dir, file), "utf8");
    } catch (e) {
      notes.push(`${file}: not read: ${(e as Error).message}`);
      return [];
    }
    return [importWorkflow(content, file, { goreleaserImages })];
  });
  return { workflows, notes };
}
