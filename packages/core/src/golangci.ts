import { Project, YamlFile } from "projen";
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

/**
 * .golangci.yml in golangci-lint v2 format: "standard" linters plus a preset,
 * run.go equal to the configured Go version, gofmt + goimports with the
 * module path as local prefix. Change it with enable/disable/setting, or
 * `addOverride` for anything else.
 */
/** Props of .golangci.yml. */
export interface GolangciConfigProps {
  /** The Go language version golangci-lint analyses for (go.mod's go line). */
  readonly goVersion: string;
  /** goimports' local prefix. */
  readonly modulePath: string;
  /** Linter preset. @default LintPreset.RECOMMENDED */
  readonly preset?: LintPreset;
  /** Build tags the code is linted with. @default [] */
  readonly buildTags?: string[];
}

export class GolangciConfig extends YamlFile {
  public static of(project: Project): GolangciConfig | undefined {
    return project.components.find((c): c is GolangciConfig => c instanceof GolangciConfig);
  }

  private readonly enabled: Set<string>;
  private readonly disabled = new Set<string>();
  private readonly settings: Record<string, unknown> = {};

  public constructor(project: Project, filePath: string, props: GolangciConfigProps) {
    const buildTags = props.buildTags ?? [];
    // Lists are rendered lazily (at synthesis), so enable()/disable() calls made
    // later in .projenrc.ts count, and addOverride() still applies on top.
    const lazy = { linters: (): unknown => undefined };
    super(project, filePath, {
      readonly: true,
      marker: true,
      obj: {
        version: "2",
        run: {
          go: props.goVersion,
          ...(buildTags.length > 0 ? { "build-tags": [...buildTags] } : {}),
        },
        linters: () => lazy.linters(),
        formatters: {
          enable: ["gofmt", "goimports"],
          settings: { goimports: { "local-prefixes": [props.modulePath] } },
          exclusions: { generated: "lax" },
        },
      },
    });
    lazy.linters = () => this.renderLinters();
    this.enabled = new Set(LINT_PRESETS[props.preset ?? LintPreset.RECOMMENDED]);
    for (const [name, value] of Object.entries(PRESET_SETTINGS)) if (this.enabled.has(name)) this.settings[name] = value;
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

  /** Set a linter's settings (replaces what the preset set). */
  public setting(linter: string, settings: { [key: string]: any }): void {
    this.settings[linter] = settings;
  }

  /** The linters enabled on top of "standard", sorted. */
  public get enabledLinters(): string[] {
    return [...this.enabled].sort();
  }

  private renderLinters(): Record<string, unknown> {
    const settings = Object.entries(this.settings).sort(([a], [b]) => a.localeCompare(b));
    return {
      default: "standard",
      enable: this.enabledLinters,
      ...(this.disabled.size > 0 ? { disable: [...this.disabled].sort() } : {}),
      ...(settings.length > 0 ? { settings: Object.fromEntries(settings) } : {}),
      exclusions: {
        generated: "lax",
        presets: ["comments", "common-false-positives", "legacy", "std-error-handling"],
      },
    };
  }
}
