import type { IConstruct } from "constructs";
import { IResolver } from "projen/lib/file";
import { YamlFile, YamlFileOptions } from "projen/lib/yaml";

/** Options of a YAML file with comments. */
export interface CommentedYamlFileOptions extends YamlFileOptions {
  /** Comment lines before the document (without "# "), e.g. an editor's schema modeline. @default [] */
  readonly header?: string[];
  /** A last edit of the rendered text projen's YAML writer cannot make (quoting, trailing comments). @default - none */
  readonly edit?: (text: string) => string;
}

/**
 * A projen YamlFile (addOverride works as everywhere) that can carry comments:
 * projen writes YAML from objects, without comments, so header lines and one
 * text edit are applied to its rendering by this subclass.
 */
export class CommentedYamlFile extends YamlFile {
  private readonly header: string[];
  private readonly edit?: (text: string) => string;

  public constructor(scope: IConstruct, filePath: string, options: CommentedYamlFileOptions) {
    super(scope, filePath, options);
    this.header = options.header ?? [];
    this.edit = options.edit;
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    const content = super.synthesizeContent(resolver);
    if (content === undefined) return undefined;
    const text = this.edit ? this.edit(content) : content;
    return this.header.length > 0 ? `${this.header.map((l) => `# ${l}`).join("\n")}\n${text}` : text;
  }
}
