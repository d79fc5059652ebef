import type { IResolver } from "projen/lib/file";
import type { GithubWorkflow } from "projen/lib/github";

/** Why each scope is granted, as a comment on its line (zizmor's pedantic persona asks for one; so do reviewers). */
const REASONS: Readonly<Record<string, string>> = {
  "contents: read": "read the repository, nothing more",
  "contents: write": "publish the GitHub release and its files",
  "packages: write": "push images to GitHub's container registry",
  "id-token: write": "OIDC token: keyless cosign signatures and attestations",
  "attestations: write": "store the build provenance attestations",
  "pull-requests: write": "open the pull request (with GITHUB_TOKEN, the fallback)",
  "security-events: write": "upload the code scanning results",
  "actions: read": "read the workflow run (CodeQL needs it)",
};

/** Adds the reason of every permission as a trailing comment, wherever a permissions block appears. */
export function commentPermissions(yaml: string, overrides: Readonly<Record<string, string>> = {}): string {
  let blockIndent: number | undefined;
  return yaml
    .split("\n")
    .map((line) => {
      const indent = line.length - line.trimStart().length;
      if (blockIndent !== undefined && (line.trim() === "" || indent <= blockIndent)) blockIndent = undefined;
      if (/^\s*permissions:\s*$/.test(line)) {
        blockIndent = indent;
        return line;
      }
      if (blockIndent === undefined || line.includes("#")) return line;
      const reason = overrides[line.trim()] ?? REASONS[line.trim()];
      return reason ? `${line} # ${reason}` : line;
    })
    .join("\n");
}

/**
 * The workflow's file renders each permission with its reason. projen writes
 * workflows from objects and has no comments, so this wraps the rendering of
 * our own file object; the text then goes through the hand-edit guard as usual.
 */
export function documentPermissions(workflow: GithubWorkflow, overrides: Readonly<Record<string, string>> = {}): void {
  const file = workflow.file as unknown as { synthesizeContent(resolver: IResolver): string | undefined } | undefined;
  if (!file) return;
  const render = file.synthesizeContent.bind(file);
  file.synthesizeContent = (resolver: IResolver) => {
    const text = render(resolver);
    return text === undefined ? undefined : commentPermissions(text, overrides);
  };
}
