import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { FileBase } from "projen/lib/file";
import { Project } from "projen/lib/project";
import { RenderedFile } from "./files/rendered-file";

/** Props of SECURITY.md. */
export interface SecurityPolicyProps {
  /** Path of the file. @default "SECURITY.md" */
  readonly filePath?: string;
  /** The project's name, for the text. */
  readonly projectName: string;
  /** Where reports go: an e-mail address or an https URL. @default - GitHub's private vulnerability reporting */
  readonly contact?: string;
}

/**
 * SECURITY.md: how to report a vulnerability privately and what happens next
 * (OpenSSF Scorecard's Security-Policy check looks for it).
 */
export class SecurityPolicy extends Component {
  public static of(project: Project): SecurityPolicy | undefined {
    return project.components.find((c): c is SecurityPolicy => c instanceof SecurityPolicy);
  }

  /** The file it writes. */
  public readonly file: FileBase;

  public constructor(scope: IConstruct, id: string, props: SecurityPolicyProps) {
    super(scope, id);
    const contact = props.contact;
    const how = !contact
      ? "Report it privately through GitHub: the repository's **Security** tab, **Report a vulnerability** (GitHub's private vulnerability reporting; maintainers: enable it under Settings > Code security)."
      : contact.includes("@") && !contact.startsWith("https://")
        ? `Report it privately by e-mail to <${contact}>.`
        : `Report it privately at <${contact}>.`;
    const lines = [
      `# Security policy of ${props.projectName}`,
      "",
      "## Reporting a vulnerability",
      "",
      "Please do not open a public issue for a security problem.",
      how,
      "",
      "Include what is affected (version or commit), how to reproduce it and what an attacker gains.",
      "You get an answer within 5 working days; a fix is released as soon as it is ready, and the",
      "advisory credits you unless you ask otherwise.",
      "",
      "## Supported versions",
      "",
      "Fixes go into the newest release. Releases are signed and carry provenance: see how to verify",
      "them in the release notes (cosign `verify-blob` of the checksums file, `gh attestation verify`).",
    ];
    this.file = new RenderedFile(this, props.filePath ?? "SECURITY.md", (marker) => [...(marker ? [marker, ""] : []), ...lines, ""].join("\n"), {
      markerComment: "<!--",
      markerCommentEnd: "-->",
    });
  }
}
