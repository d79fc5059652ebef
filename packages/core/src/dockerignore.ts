import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { FileBase } from "projen/lib/file";
import { Project } from "projen/lib/project";
import { RenderedFile } from "./files/rendered-file";

/** Props of .dockerignore. */
export interface DockerIgnoreProps {
  /** Path of the file. @default ".dockerignore" */
  readonly filePath?: string;
  /** Local build output directory, kept out of the context. */
  readonly binDir: string;
  /** Files the image copies in, kept in the context whatever the patterns above say (a TLS certificate, a .env template). @default [] */
  readonly keep?: string[];
}

/**
 * .dockerignore: keeps secrets, VCS data and build outputs out of the build
 * context (smaller context, no secrets in layers, stable cache). Patterns
 * are anchored at the context root, hence "**\/" for files at any depth. Never
 * excludes go.mod, go.sum or Go sources.
 */
export class DockerIgnore extends Component {
  public static of(project: Project): DockerIgnore | undefined {
    return project.components.find((c): c is DockerIgnore => c instanceof DockerIgnore);
  }

  /** The file it writes. */
  public readonly file: FileBase;
  private readonly lines: string[] = [];

  public constructor(scope: IConstruct, id: string, props: DockerIgnoreProps) {
    super(scope, id);
    this.file = new RenderedFile(this, props.filePath ?? ".dockerignore", (marker) => [...(marker ? [marker] : []), ...this.lines, ""].join("\n"), { markerComment: "#" });
    this.exclude(
      "# Version control and CI",
      ".git",
      ".github",
      "# Secrets, at any depth: never send them to the builder",
      "**/.env",
      "**/.env.*",
      "**/*.pem",
      "**/*.key",
      "**/*.crt",
      "**/*.p12",
      "**/*.pfx",
      "**/id_rsa*",
      "**/id_ed25519*",
      "**/.netrc",
      "# Build outputs",
      `${props.binDir}/`,
      "dist/",
      "coverage.*",
      "**/*.test",
      "*.out",
      "# Tooling that the Go build does not need",
      "node_modules/",
      ".projen/",
      ".tools/",
      ".idea/",
      ".vscode/",
      "**/*.swp",
      "**/.DS_Store",
    );
    // Test fixtures may legitimately hold certificates the tests read.
    this.include("**/testdata/**", ...(props.keep ?? []));
  }

  /** Leave these patterns (or "# comment" lines) out of the build context. */
  public exclude(...patterns: string[]): void {
    this.lines.push(...patterns);
  }

  /** Put these back in, whatever the patterns before say. */
  public include(...patterns: string[]): void {
    this.lines.push(...patterns.map((p) => `!${p}`));
  }
}
