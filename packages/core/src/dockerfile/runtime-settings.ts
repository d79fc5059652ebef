import type { ResolvedRuntimeFile } from "../config/resolved-config";

/** What the runtime stage sets besides the binary: the image's own files, env, arguments, volumes, labels. */
export interface RuntimeSettings {
  /** ENV of the image. @default {} */
  readonly env?: { [name: string]: string };
  /** Repository files copied in (root-owned: the service can read, not change them). @default [] */
  readonly files?: ResolvedRuntimeFile[];
  /** CMD: default arguments of the binary. @default [] */
  readonly args?: string[];
  /** VOLUME paths. @default [] */
  readonly volumes?: string[];
  /** More OCI labels (title and source may be replaced). @default {} */
  readonly labels?: { [key: string]: string };
  /** More ports to EXPOSE. @default [] */
  readonly extraPorts?: number[];
  /** Ports of other binaries' images (`binaryImages`), by binary name, where they are not the service's. @default {} */
  readonly binaryImagePorts?: { [binaryName: string]: number[] };
}

