import type { Problems } from "../util/problems";
import type { GoServiceProjectOptions } from "./options";
import type { ResolvedRelease } from "./resolved-config";
import * as check from "./validators";

export const DEFAULT_ARCHIVE_NAME = "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}";
const ARCHIVE_FORMATS = ["tar.gz", "tgz", "tar.xz", "txz", "tar.zst", "tar", "gz", "zip", "binary"];
const CHECKSUM_ALGORITHMS = ["sha256", "sha512", "sha1", "crc32", "md5", "sha224", "sha384", "sha3-256", "sha3-512", "sha3-224", "sha3-384", "blake2s", "blake2b"];

/**
 * goreleaser and what makes a release trustworthy: SBOMs ride on goreleaser,
 * signatures and provenance on gosynth's release workflow; on by default where
 * they can work, refused with the reason where asked for and they cannot.
 */
export function resolveRelease(options: GoServiceProjectOptions, ci: boolean, problems: Problems): ResolvedRelease {
  const enabled = options.goreleaser ?? true;
  const workflow = options.releaseWorkflow ?? (enabled && ci);
  if (workflow && !enabled) problems.add("releaseWorkflow", options.releaseWorkflow, "needs goreleaser (the workflow runs it)", "releaseWorkflow: true with goreleaser: true");
  if (workflow && !ci) problems.add("releaseWorkflow", options.releaseWorkflow, "needs ci (it is a GitHub workflow)", "releaseWorkflow: true with ci: true");
  const needs = (option: "sbom" | "sign" | "provenance", value: boolean | undefined, inWorkflow: boolean): boolean => {
    if (value === true && !enabled) problems.add(option, value, "needs goreleaser (it runs in the release)", `${option}: true with goreleaser: true, or ${option}: false`);
    else if (value === true && inWorkflow && !workflow) problems.add(option, value, "needs gosynth's release workflow (releaseWorkflow: true, which needs ci)", `${option}: true with releaseWorkflow: true, or ${option}: false`);
    return (value ?? true) && enabled && (!inWorkflow || workflow);
  };
  const archive = options.releaseArchive ?? {};
  const formats = archive.formats ?? ["tar.gz"];
  if (!Array.isArray(formats) || formats.length === 0 || formats.some((f) => !ARCHIVE_FORMATS.includes(f))) {
    problems.add("releaseArchive.formats", archive.formats, `must list archive formats goreleaser knows (${ARCHIVE_FORMATS.join(", ")})`, '["tar.gz"]');
  }
  for (const [option, value] of [
    ["releaseArchive.nameTemplate", archive.nameTemplate],
    ["releaseArchive.wrapInDirectory", archive.wrapInDirectory],
    ["releaseChecksum.nameTemplate", options.releaseChecksum?.nameTemplate],
  ] as const) {
    if (value !== undefined) problems.add(option, value, typeof value === "string" ? check.checkTemplate(value) : "must be a string", '"{{ .ProjectName }}_{{ .Version }}_checksums.txt"');
  }
  for (const file of archive.files ?? []) problems.add("releaseArchive.files", archive.files, typeof file === "string" ? check.checkTemplate(file) : "must contain only strings", '["LICENSE", "README.md"]');
  const algorithm = options.releaseChecksum?.algorithm ?? "sha256";
  problems.add("releaseChecksum.algorithm", algorithm, CHECKSUM_ALGORITHMS.includes(algorithm) ? undefined : `must be one of ${CHECKSUM_ALGORITHMS.join(", ")}`, '"sha256"');
  return {
    enabled,
    workflow,
    sbom: needs("sbom", options.sbom, false),
    sign: needs("sign", options.sign, true),
    provenance: needs("provenance", options.provenance, true),
    vulnCheck: options.vulnCheck ?? true,
    archive: {
      nameTemplate: archive.nameTemplate ?? DEFAULT_ARCHIVE_NAME,
      ...(archive.wrapInDirectory !== undefined ? { wrapInDirectory: archive.wrapInDirectory } : {}),
      formats: [...formats],
      ...(archive.files ? { files: [...archive.files] } : {}),
    },
    checksumName: options.releaseChecksum?.nameTemplate ?? "checksums.txt",
    checksumAlgorithm: algorithm,
  };
}
