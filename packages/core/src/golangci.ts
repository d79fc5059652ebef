import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { Project } from "projen/lib/project";
import { YamlFile } from "projen/lib/yaml";
import { LintPreset } from "./config/lint-preset";

const STANDARD_EXTRAS = ["misspell"];
const RECOMMENDED_EXTRAS = [
  ...STANDARD_EXTRAS,
  "bodyclose",
  "contextcheck",
  "copyloopvar",
  "durationcheck",
  "errname",
  "errorlint",
  "gocritic",
  "gosec",
  "nilerr",
  "noctx",
  "predeclared",
  "revive",
  "sloglint",
  "unconvert",
  "unparam",
  "usestdlibvars",
];

/** Linters each preset adds on top of golangci-lint's "standard" set (errcheck, govet, ineffassign, staticcheck, unused); each preset contains the one before. */
export const LINT_PRESETS: Readonly<Record<LintPreset, readonly string[]>> = {
  [LintPreset.STANDARD]: STANDARD_EXTRAS,
  [LintPreset.RECOMMENDED]: RECOMMENDED_EXTRAS,
  [LintPreset.STRICT]: [
    ...RECOMMENDED_EXTRAS,
    "exhaustive",
    "godot",
    "nolintlint",
    "paralleltest",
    "prealloc",
    "thelper",
    "tparallel",
    "wastedassign",
    "whitespace",
    "gocyclo",
  ],
};

/** Settings for linters of the presets, where the defaults are not what a service wants. */
const PRESET_SETTINGS: Readonly<Record<string, unknown>> = {
  gocyclo: { "min-complexity": 15 },
  nolintlint: { "require-explanation": true, "require-specific": true },
  revive: { rules: [{ name: "exported" }, { name: "package-comments" }, { name: "var-naming" }, { name: "indent-error-flow" }] },
};

/** Props of .golangci.yml. */
export interface GolangciConfigProps {
  /** Path of the file. @default ".golangci.yml" */
  readonly filePath?: string;
  /** The Go language version golangci-lint analyses for (go.mod's go line). */
  readonly goVersion: string;
  /** goimports' local prefix. */
  readonly modulePath: string;
  /** Linter preset. @default LintPreset.RECOMMENDED */
  readonly preset?: LintPreset;
  /** A v2 configuration of the project's own, instead of the preset (run.go and run.build-tags are filled in when it leaves them out). @default - the preset */
  readonly config?: { [key: string]: any };
  /** Build tags the code is linted with. @default [] */
  readonly buildTags?: string[];
}

/**
 * .golangci.yml in golangci-lint v2 format: "standard" linters plus a preset
 * (or the project's own config), run.go equal to the project's Go language
 * version, gofmt + goimports with the module path as local prefix. Change it
 * with enable/disable/setting, or `file.addOverride` for anything else.
 */
export class GolangciConfig extends Component {
  public static of(project: Project): GolangciConfig | undefined {
    return project.components.find((c): c is GolangciConfig => c instanceof GolangciConfig);
  }

  /** The file it writes. */
  public readonly file: YamlFile;
  private readonly props: GolangciConfigProps;
  private readonly enabled: Set<string>;
  private readonly disabled = new Set<string>();
  private readonly settings: Record<string, unknown> = {};

  public constructor(scope: IConstruct, id: string, props: GolangciConfigProps) {
    super(scope, id);
    this.props = props;
    const own = props.config?.linters as { enable?: string[]; disable?: string[]; settings?: Record<string, unknown> } | undefined;
    this.enabled = new Set(props.config ? (own?.enable ?? []) : LINT_PRESETS[props.preset ?? LintPreset.RECOMMENDED]);
    for (const l of props.config ? (own?.disable ?? []) : []) this.disabled.add(l);
    const baseSettings = props.config ? (own?.settings ?? {}) : Object.fromEntries(Object.entries(PRESET_SETTINGS).filter(([name]) => this.enabled.has(name)));
    Object.assign(this.settings, baseSettings);
    // Rendered at synthesis, so enable()/disable() calls made later in .projenrc.ts count, and addOverride() still applies on top.
    this.file = new YamlFile(this, props.filePath ?? ".golangci.yml", { readonly: true, marker: true, obj: () => this.render() });
  }

  /** Enable linters. */
  public enable(...linters: string[]): void {
    for (const l of linters) {
      this.enabled.add(l);
      this.disabled.delete(l);
    }
  }

  /** Disable linters (also those of "standard"). */
  public disable(...linters: string[]): void {
    for (const l of linters) {
      this.enabled.delete(l);
      this.disabled.add(l);
    }
  }

  /** Set a linter's settings (replaces what the preset or the config set). */
  public setting(linter: string, settings: { [key: string]: any }): void {
    this.settings[linter] = settings;
  }

  /** The linters enabled on top of the default set, sorted. */
  public get enabledLinters(): string[] {
    return [...this.enabled].sort();
  }

  private render(): Record<string, unknown> {
    const buildTags = this.props.buildTags ?? [];
    const run = { go: this.props.goVersion, ...(buildTags.length > 0 ? { "build-tags": [...buildTags] } : {}) };
    const own = this.props.config;
    if (own) {
      // The project's own config: its keys as they are, the lists and settings as changed through this API.
      return { ...own, version: "2", run: { ...run, ...(own.run ?? {}) }, linters: this.renderLinters(own.linters ?? {}) };
    }
    return {
      version: "2",
      run,
      linters: this.renderLinters({
        default: "standard",
        exclusions: { generated: "lax", presets: ["comments", "common-false-positives", "legacy", "std-error-handling"] },
      }),
      formatters: {
        enable: ["gofmt", "goimports"],
        settings: { goimports: { "local-prefixes": [this.props.modulePath] } },
        exclusions: { generated: "lax" },
      },
    };
  }

  private renderLinters(base: Record<string, unknown>): Record<string, unknown> {
    const settings = Object.entries(this.settings).sort(([a], [b]) => a.localeCompare(b));
    const { enable: _e, disable: _d, settings: _s, ...rest } = base;
    return {
      ...(rest.default !== undefined ? { default: rest.default } : {}),
      ...(this.enabled.size > 0 ? { enable: this.enabledLinters } : {}),
      ...(this.disabled.size > 0 ? { disable: [...this.disabled].sort() } : {}),
      ...(settings.length > 0 ? { settings: Object.fromEntries(settings) } : {}),
      ...Object.fromEntries(Object.entries(rest).filter(([k]) => k !== "default")),
    };
  }
}
