import { IgnoreFile, Project } from "projen";

/** Props of .dockerignore. */
export interface DockerIgnoreProps {
  /** Local build output directory, kept out of the context. */
  readonly binDir: string;
}

/**
 * .dockerignore: keeps secrets, VCS data and build outputs out of the build
 * context (smaller context, no secrets in layers, stable cache). Patterns
 * are anchored at the context root, hence "**\/" for files at any depth. Never
 * excludes go.mod, go.sum or Go sources.
 */
export class DockerIgnore extends IgnoreFile {
  public static of(project: Project): DockerIgnore | undefined {
    return project.components.find((c): c is DockerIgnore => c instanceof DockerIgnore);
  }

  public constructor(project: Project, filePath: string, props: DockerIgnoreProps) {
    super(project, filePath, { filterCommentLines: false, filterEmptyLines: false });
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
    this.include("**/testdata/**");
  }
}
