import { splitCommands, Word } from "./shell-words";

/** What one shell command of a `run:` step does that matters to a release. */
export type RunCommand =
  | { readonly kind: "goreleaser"; readonly args: string; readonly version?: string; readonly publishes: boolean; readonly config?: string }
  | { readonly kind: "release-target"; readonly text: string; readonly mentionsGoreleaser: boolean }
  | { readonly kind: "image-push"; readonly tool: string; readonly images: string[] }
  | { readonly kind: "github-release"; readonly text: string };

export interface FoundCommand {
  readonly command: RunCommand;
  /** The command as written (words joined), for evidence. */
  readonly text: string;
  /** Offset of its first word in the run text. */
  readonly offset: number;
}

const WRAPPERS = new Set(["sudo", "exec", "time", "env", "command"]);
const TASK_RUNNERS = new Set(["make", "gmake", "task", "just", "mage"]);

function basename(word: string): string {
  return word.slice(word.lastIndexOf("/") + 1);
}

/** Words after leading `VAR=value` assignments and wrappers such as sudo. */
function commandWords(words: Word[]): Word[] {
  let i = 0;
  while (i < words.length && (/^\w+=/.test(words[i].value) || WRAPPERS.has(words[i].value))) i++;
  return words.slice(i);
}

function flagValues(args: string[], names: string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const eq = args[i].indexOf("=");
    const name = eq < 0 ? args[i] : args[i].slice(0, eq);
    if (!names.includes(name)) continue;
    if (eq >= 0) values.push(args[i].slice(eq + 1));
    else if (i + 1 < args.length) values.push(args[++i]);
  }
  return values;
}

/**
 * Whether goreleaser arguments publish: `release` (also what no subcommand means),
 * not with --snapshot or a skipped publish.
 */
export function goreleaserPublishes(args: string[]): boolean {
  const subcommand = args.find((a) => !a.startsWith("-"));
  if (subcommand !== undefined && subcommand !== "release") return false;
  if (args.includes("--snapshot") || args.includes("--skip-publish")) return false;
  return !flagValues(args, ["--skip"]).some((v) => v.split(",").includes("publish"));
}

function goreleaser(args: string[], version?: string): RunCommand {
  const config = flagValues(args, ["-f", "--config"])[0];
  return { kind: "goreleaser", args: args.join(" "), ...(version && { version }), publishes: goreleaserPublishes(args), ...(config && { config }) };
}

function analyse(words: string[]): RunCommand | undefined {
  const [cmd, ...args] = words;
  if (cmd === undefined) return undefined;
  const tool = basename(cmd);
  if (tool === "goreleaser") return goreleaser(args);
  if (tool === "go" && args[0] === "run") {
    const i = args.findIndex((a) => /^github\.com\/goreleaser\/goreleaser(\/v\d+)?(@|$)/.test(a));
    if (i >= 0) return goreleaser(args.slice(i + 1), args[i].split("@")[1]);
  }
  if ((tool === "docker" || tool === "podman") && args[0] === "run") {
    // goreleaser-cross and friends: `docker run … ghcr.io/goreleaser/goreleaser-cross:v1.22 release --clean`
    const i = args.findIndex((a) => /(^|\/)goreleaser\/goreleaser[\w-]*(:|$)/.test(a));
    if (i >= 0) return goreleaser(args.slice(i + 1), args[i].split(":")[1]);
  }
  if (TASK_RUNNERS.has(tool)) {
    const targets = args.filter((a) => !a.startsWith("-") && !a.includes("="));
    const mentionsGoreleaser = args.some((a) => /goreleaser/i.test(a));
    if (targets.some((t) => /release/i.test(t)) || mentionsGoreleaser) {
      return { kind: "release-target", text: words.join(" "), mentionsGoreleaser };
    }
  }
  if ((tool === "docker" || tool === "podman" || tool === "buildah") && args[0] === "push") {
    const images = args.slice(1).filter((a) => !a.startsWith("-"));
    return { kind: "image-push", tool: `${tool} push`, images: images.slice(0, 1) };
  }
  if (tool === "docker" && args[0] === "manifest" && args[1] === "push") {
    return { kind: "image-push", tool: "docker manifest push", images: args.slice(2).filter((a) => !a.startsWith("-")).slice(0, 1) };
  }
  if (tool === "docker" && args[0] === "buildx" && args[1] === "imagetools" && args[2] === "create") {
    return { kind: "image-push", tool: "docker buildx imagetools create", images: flagValues(args, ["-t", "--tag"]) };
  }
  const build = tool === "docker" && args[0] === "buildx" && args[1] === "build" ? args.slice(2) : undefined;
  if (build && (build.includes("--push") || flagValues(build, ["--output", "-o"]).some((o) => /type=registry|push=true/.test(o)))) {
    return { kind: "image-push", tool: "docker buildx build --push", images: flagValues(build, ["-t", "--tag"]) };
  }
  if (tool === "crane" && args[0] === "push") return { kind: "image-push", tool: "crane push", images: args.slice(2, 3) };
  if (tool === "ko" && ["build", "publish", "resolve", "apply"].includes(args[0] ?? "")) {
    const local = args.some((a) => a === "--local" || a === "-L" || a === "--push=false");
    if (!local) return { kind: "image-push", tool: `ko ${args[0]}`, images: [] };
  }
  if (tool === "gh" && args[0] === "release" && ["create", "upload"].includes(args[1] ?? "")) {
    return { kind: "github-release", text: words.join(" ") };
  }
  if (tool === "curl" && args.some((a) => a.includes("uploads.github.com"))) {
    return { kind: "github-release", text: "curl … uploads.github.com" };
  }
  return undefined;
}

/** The release-related commands of a `run:` script. */
export function findRunCommands(script: string): FoundCommand[] {
  return splitCommands(script, { commands: true }).flatMap((words) => {
    const effective = commandWords(words);
    const command = analyse(effective.map((w) => w.value));
    if (!command || effective.length === 0) return [];
    return [{ command, text: effective.map((w) => w.value).join(" "), offset: effective[0].offset }];
  });
}
