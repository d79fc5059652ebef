/** Props of a Go binary's build: what `go build` needs, nothing about where it runs. */
export interface GoBuildProps {
  /** Output file name of the binary. */
  readonly binaryName: string;
  /** Main package to build, e.g. "./cmd/hello". */
  readonly mainPackage: string;
  /** Link against libc with cgo. @default false */
  readonly cgo?: boolean;
  /** Build tags. @default [] */
  readonly tags?: string[];
  /** `-X` symbol the version is injected into; none when the binary has no such variable. @default - no version injected */
  readonly versionVariable?: string;
  /** Other `-X` symbols set from build facts: symbol to "revision" or "created". @default {} */
  readonly stampVariables?: { [symbol: string]: string };
  /** Strip the symbol table and DWARF (-s -w). @default true */
  readonly strip?: boolean;
  /** Linker flags appended after the others. @default [] */
  readonly extraLdflags?: string[];
  /** GOPRIVATE patterns for the module download. @default [] */
  readonly goPrivate?: string[];
  /** More go build flags, e.g. ["-buildmode=pie"]. @default [] */
  readonly extraFlags?: string[];
  /** Build from vendor/ (-mod=vendor). @default false */
  readonly vendor?: boolean;
}

/** The -X variables of a binary. */
export interface BinaryVariables {
  /** The variable the version is injected into. @default - none */
  readonly versionVariable?: string;
  /** Other variables: symbol to "revision" or "created". @default {} */
  readonly stampVariables?: { [symbol: string]: string };
}

/** How a file spells the values of the build facts ("$(VERSION)", "${VERSION}", "{{ .Version }}"). */
export interface BuildValueSpelling {
  /** The version. */
  readonly version: string;
  /** The full commit SHA. @default - stamp variables with this role are left out */
  readonly revision?: string;
  /** The commit time. @default - stamp variables with this role are left out */
  readonly created?: string;
}

/** How a file spells the parts of a go build command (a Makefile names them by its variables). */
export interface BuildCommandSpelling {
  /** The command up to "build", with any env before it. @default "go build" */
  readonly go?: string;
  /** The flags. @default - flags joined */
  readonly flags?: string;
  /** The -ldflags value. @default - ldflags(values) */
  readonly ldflags?: string;
  /** The main package. @default - mainPackage */
  readonly mainPackage?: string;
}

/**
 * The one definition of how a Go binary is built: flags, linker flags, cgo,
 * tags. The Makefile, the Dockerfile and .goreleaser.yaml render it, each in
 * its own syntax, so their builds cannot drift apart. A second binary is a
 * second GoBuild (see `withBinary`).
 */
export class GoBuild {
  public readonly binaryName: string;
  public readonly mainPackage: string;
  public readonly cgo: boolean;
  public readonly tags: string[];
  public readonly versionVariable?: string;
  public readonly stampVariables: { [symbol: string]: string };
  public readonly strip: boolean;
  public readonly extraLdflags: string[];
  public readonly goPrivate: string[];
  public readonly extraFlags: string[];
  public readonly vendor: boolean;

  public constructor(props: GoBuildProps) {
    this.binaryName = props.binaryName;
    this.mainPackage = props.mainPackage;
    this.cgo = props.cgo ?? false;
    this.tags = Object.freeze([...(props.tags ?? [])]) as string[];
    this.versionVariable = props.versionVariable;
    this.stampVariables = Object.freeze({ ...(props.stampVariables ?? {}) });
    this.strip = props.strip ?? true;
    this.extraLdflags = Object.freeze([...(props.extraLdflags ?? [])]) as string[];
    this.goPrivate = Object.freeze([...(props.goPrivate ?? [])]) as string[];
    this.extraFlags = Object.freeze([...(props.extraFlags ?? [])]) as string[];
    this.vendor = props.vendor ?? false;
    Object.freeze(this);
  }

  /**
   * The same build (flags, tags, cgo, extra ldflags) for another binary. Version
   * injection only as `variables` says: that binary's main package may not
   * declare the service's variables, and -X must not point at nothing.
   */
  public withBinary(binaryName: string, mainPackage: string, variables: BinaryVariables = {}): GoBuild {
    return new GoBuild({ ...this.props(), binaryName, mainPackage, versionVariable: variables.versionVariable, stampVariables: variables.stampVariables ?? {} });
  }

  /** CGO_ENABLED value: "0" gives a static binary that runs on distroless static and scratch. */
  public get cgoEnabled(): string {
    return this.cgo ? "1" : "0";
  }

  /** Flags other than -ldflags and -o: -trimpath (no local paths: reproducible), -mod=vendor, build tags, the extra ones. */
  public get flags(): string[] {
    return ["-trimpath", ...(this.vendor ? ["-mod=vendor"] : []), ...(this.tags.length > 0 ? [`-tags=${this.tags.join(",")}`] : []), ...this.extraFlags];
  }

  /** Flags `go test`, `go vet` and linters share with the build: -mod=vendor and the build tags. */
  public get checkFlags(): string[] {
    return [...(this.vendor ? ["-mod=vendor"] : []), ...(this.tags.length > 0 ? [`-tags=${this.tags.join(",")}`] : [])];
  }

  /** The -ldflags value, with the build facts spelled as the file spells them. */
  public ldflags(values: BuildValueSpelling): string {
    const stamps = Object.entries(this.stampVariables).flatMap(([symbol, role]) => {
      const value = role === "revision" ? values.revision : role === "created" ? values.created : undefined;
      return value === undefined ? [] : [`-X ${symbol}=${value}`];
    });
    return [
      ...(this.strip ? ["-s", "-w"] : []),
      ...(this.versionVariable ? [`-X ${this.versionVariable}=${values.version}`] : []),
      ...stamps,
      ...this.extraLdflags,
    ].join(" ");
  }

  /** The `go build` command line for shells (Makefile, Dockerfile); a file may spell parts by its own names. */
  public command(values: BuildValueSpelling, output: string, spelling: BuildCommandSpelling = {}): string {
    const flags = spelling.flags ?? this.flags.join(" ");
    return [spelling.go ?? "go build", ...(flags ? [flags] : []), `-ldflags="${spelling.ldflags ?? this.ldflags(values)}"`, `-o ${output}`, spelling.mainPackage ?? this.mainPackage].join(" ");
  }

  private props(): GoBuildProps {
    return {
      binaryName: this.binaryName,
      mainPackage: this.mainPackage,
      cgo: this.cgo,
      tags: [...this.tags],
      versionVariable: this.versionVariable,
      stampVariables: { ...this.stampVariables },
      strip: this.strip,
      extraLdflags: [...this.extraLdflags],
      goPrivate: [...this.goPrivate],
      extraFlags: [...this.extraFlags],
      vendor: this.vendor,
    };
  }
}
