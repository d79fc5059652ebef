import { BUILD_ARGS } from "../build/build-args";
import { checkImageRepository, checkTemplate } from "../config/validators";
import type { GoreleaserBuild } from "../adopt/import/goreleaser";
import { formatLocation } from "../adopt/import/location";
import type { BuildDecision } from "./build";
import { backupPath } from "../synthesis/backups";
import type { PlanBuilder } from "./plan";
import type { RepositoryFacts } from "./repository";
import { typescript } from "./source";

/** What the user passed to init about releases. */
export interface ReleaseFlags {
  /** Keep the repository's own release workflow instead of gosynth's. */
  readonly keepReleaseWorkflow?: boolean;
}

/** goreleaser sections gosynth writes from its own options (the rest are carried over as they are). */
const MODELED = new Set(["version", "builds", "archives", "checksum", "dockers", "dockers_v2", "docker_manifests", "docker_signs", "signs", "sboms", "kos", "env", "snapshot"]);
/** Steps of a release workflow gosynth's own release does too. */
const OWN_STEPS = /actions\/checkout|actions\/setup-go|goreleaser\/goreleaser-action|docker\/(login|setup-qemu|setup-buildx|metadata|build-push)-action|actions\/cache|sigstore\/cosign-installer|anchore\/sbom-action|actions\/attest-build-provenance|goreleaser release|docker (push|build)|go (build|test|mod)/;

/** What gosynth's goreleaser builds do too (goreleaser/goreleaser-config.ts): a build stating it loses nothing. */
const GOSYNTH_FLAGS = new Set(["-trimpath"]);
const GOSYNTH_LINK_FLAGS = new Set(["-s", "-w"]);
const GOSYNTH_MOD_TIMESTAMP = /^\{\{-?\s*\.CommitTimestamp\s*-?\}\}$/;
/** The template gosynth stamps each role's -X variable with ("version" -> "{{ .Version }}"). */
const GOSYNTH_STAMPS: Readonly<Record<string, string>> = Object.fromEntries(BUILD_ARGS.map((arg) => [arg.name.toLowerCase(), arg.goreleaser]));
/** Build env gosynth decides itself (cgo) or reads elsewhere (the Go version). */
const DECIDED_ENV = new Set(["CGO_ENABLED", "GOTOOLCHAIN"]);

/**
 * The settings of each goreleaser Go build that no option carries: what gosynth's
 * builds do as well is said so, a -X stamped with another template than gosynth's
 * is a change, and the rest is listed as not carried over.
 */
function accountForBuilds(builds: GoreleaserBuild[], cgo: boolean, plan: PlanBuilder): void {
  const carriedFlags = new Set(Array.isArray(plan.options.buildFlags) ? (plan.options.buildFlags as string[]) : []);
  const stamped = new Set(["versionVariable", "revisionVariable", "createdVariable"].map((o) => plan.options[o]));
  for (const binary of Array.isArray(plan.options.binaries) ? (plan.options.binaries as Record<string, unknown>[]) : []) {
    for (const o of ["versionVariable", "revisionVariable", "createdVariable"]) stamped.add(binary[o]);
  }
  for (const b of builds.filter((build) => build.builder.value === "go" && !build.skip)) {
    const name = `goreleaser build ${b.id?.value ?? b.main.value}`;
    const same: string[] = [];
    for (const f of b.flags) {
      if (GOSYNTH_FLAGS.has(f.value)) same.push(f.value);
      else if (!carriedFlags.has(f.value) && !/^-tags[= ]/.test(f.value)) plan.skip(`${name}: flag ${f.value}`, "not a go build flag gosynth passes: add it to buildFlags if the release needs it", f.at);
    }
    const link = b.ldflagsOther.filter((o) => GOSYNTH_LINK_FLAGS.has(o.value)).map((o) => o.value);
    if (link.length > 0) same.push(`ldflags ${[...new Set(link)].join(" ")}`);
    for (const o of b.ldflagsOther.filter((other) => !GOSYNTH_LINK_FLAGS.has(other.value))) {
      plan.skip(`${name}: ldflags ${o.value}`, "gosynth links with -s -w and its -X stamps: add it to extraLdflags", o.at);
    }
    for (const x of b.ldflagsX) {
      const theirs = x.value.value.replace(/^'(.*)'$/, "$1");
      const ours = GOSYNTH_STAMPS[x.value.role];
      if (ours && stamped.has(x.value.symbol) && theirs.replace(/\s/g, "") !== ours.replace(/\s/g, "")) {
        plan.changed.push({
          what: `-X ${x.value.symbol} is stamped with ${ours}, not ${theirs}`,
          reason: `gosynth stamps one ${x.value.role} everywhere (binaries, images, labels): the version without a leading v, the full commit, the commit's time`,
          from: formatLocation(x.at),
        });
      }
    }
    for (const e of b.env) {
      if (e.value.name === "CGO_ENABLED" && e.value.value === (cgo ? "1" : "0")) same.push(`${e.value.name}=${e.value.value}`);
      else if (!DECIDED_ENV.has(e.value.name)) plan.skip(`${name}: env ${e.value.name}=${e.value.value}`, "gosynth's builds set only CGO_ENABLED: add it with project.goreleaser?.file.addOverride", e.at);
    }
    if (b.modTimestamp && GOSYNTH_MOD_TIMESTAMP.test(b.modTimestamp.value.trim())) same.push(`mod_timestamp ${b.modTimestamp.value}`);
    else if (b.modTimestamp) plan.changed.push({ what: `${name}: mod_timestamp ${b.modTimestamp.value}`, reason: "gosynth's files carry the commit's time ({{ .CommitTimestamp }}): the same commit gives the same archives", from: formatLocation(b.modTimestamp.at) });
    for (const [key, value] of [["hooks", b.hooks], ["overrides", b.overrides], ["tool", b.tool]] as const) {
      if (value) plan.skip(`${name}: ${key}`, "gosynth's builds have none: add it with project.goreleaser?.file.addOverride", value.at);
    }
    if (same.length > 0) plan.carried.push({ what: `${name}: ${same.join(", ")}, as gosynth's builds do`, from: formatLocation(b.at) });
  }
}

/** Their ids of builds ("nats-server") as gosynth names them (the binary): in every list that names builds. */
function renameIds(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => renameIds(v, ids));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, (k === "ids" || k === "builds") && Array.isArray(v) ? v.map((id) => (typeof id === "string" ? (ids.get(id) ?? id) : id)) : renameIds(v, ids)]),
    );
  }
  return value;
}

/** A workflow's image name with ${{ github.repository }} and its owner filled in from the repository's GitHub remote. */
function resolveGithub(name: string, repository: string | undefined): string | undefined {
  const [owner, repo] = repository?.split("/") ?? [];
  if (!owner || !repo) return undefined;
  const out = name
    .replace(/\$\{\{\s*github\.repository\s*\}\}/g, `${owner}/${repo}`)
    .replace(/\$\{\{\s*github\.repository_owner\s*\}\}/g, owner)
    .replace(/\$\{\{\s*github\.event\.repository\.name\s*\}\}/g, repo)
    .toLowerCase();
  return /\$\{\{|\$/.test(out) ? undefined : out;
}

/**
 * Releases: the repository's goreleaser archives, checksum name and every
 * section gosynth does not model (nfpms, release, changelog, brews...) carried
 * over as overrides; where it publishes images; and never two workflows that
 * publish on a tag.
 */
export function decideRelease(facts: RepositoryFacts, build: BuildDecision, flags: ReleaseFlags, plan: PlanBuilder): void {
  const gr = facts.goreleaser;
  if (gr) {
    const [archive, ...moreArchives] = gr.archives;
    if (archive && moreArchives.length === 0) {
      const release: Record<string, unknown> = {};
      if (!archive.nameTemplate.defaulted && checkTemplate(archive.nameTemplate.value) === undefined) release.nameTemplate = archive.nameTemplate.value;
      if (archive.wrapInDirectory && archive.wrapInDirectory.value !== false) release.wrapInDirectory = String(archive.wrapInDirectory.value);
      if (!archive.formats.defaulted) release.formats = archive.formats.value;
      if (Array.isArray(archive.files?.value) && archive.files!.value.every((f) => typeof f === "string")) release.files = archive.files!.value;
      else if (archive.files) plan.skip("archives[0].files with src/dst entries", "gosynth's releaseArchive.files takes globs: carried as an override", archive.files.at);
      if (Object.keys(release).length > 0) plan.carry("releaseArchive", release, `archives: ${Object.keys(release).join(", ")}`, archive.at);
      if (archive.files && !Array.isArray(archive.files.value)) moreArchives.push(archive);
    }
    if (moreArchives.length > 0 && gr.sections.archives) {
      plan.statements.push({ comment: [`Every archive of ${formatLocation(gr.sections.archives.at)}`], code: `project.goreleaser?.file.addOverride("archives", ${typescript(renameIds(gr.sections.archives.value, build.buildIds))});` });
      plan.carried.push({ what: "archives (several)", from: formatLocation(gr.sections.archives.at) });
    }
    const checksum: Record<string, unknown> = {};
    if (!gr.checksum.nameTemplate.defaulted) checksum.nameTemplate = gr.checksum.nameTemplate.value;
    if (!gr.checksum.algorithm.defaulted && gr.checksum.algorithm.value !== "sha256") checksum.algorithm = gr.checksum.algorithm.value;
    // goreleaser v1's default checksum name, which their releases carry, is not gosynth's.
    if (gr.checksum.nameTemplate.defaulted && gr.checksum.nameTemplate.value !== "checksums.txt") checksum.nameTemplate = gr.checksum.nameTemplate.value;
    if (Object.keys(checksum).length > 0) plan.carry("releaseChecksum", checksum, `the checksums file ${String(checksum.nameTemplate ?? "")}`.trim(), gr.checksum.nameTemplate.at);
    for (const [key, section] of Object.entries(gr.sections)) {
      if (MODELED.has(key)) {
        if (["signs", "docker_signs", "sboms"].includes(key)) plan.changed.push({ what: `goreleaser ${key}`, reason: "gosynth signs keyless with cosign and makes SBOMs with syft (docs/verifying.md)", from: formatLocation(section.at) });
        else if (["dockers", "docker_manifests", "kos"].includes(key)) plan.changed.push({ what: `goreleaser ${key}`, reason: "gosynth's images are built by dockers_v2 from goreleaser.Dockerfile (the same runtime stage as ./Dockerfile)", from: formatLocation(section.at) });
        continue;
      }
      plan.statements.push({ comment: [`goreleaser ${key}, as ${formatLocation(section.at)} had it`], code: `project.goreleaser?.file.addOverride(${JSON.stringify(key)}, ${typescript(renameIds(section.value, build.buildIds))});` });
      plan.carried.push({ what: `goreleaser ${key}`, from: formatLocation(section.at) });
    }
    accountForBuilds(gr.builds, build.cgo, plan);
    for (const note of gr.notes) plan.skip("goreleaser", note, gr.file);
  } else if (facts.promu) {
    // promu's tarballs: <name>-<version>.<os>-<arch>.tar.gz with a top directory of that name, and sha256sums.txt.
    const files = facts.promu.tarballFiles.map((f) => f.value);
    plan.carry(
      "releaseArchive",
      { nameTemplate: "{{ .ProjectName }}-{{ .Version }}.{{ .Os }}-{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}", wrapInDirectory: "true", ...(files.length > 0 ? { files } : {}) },
      `promu's tarball names and files${files.length > 0 ? ` (${files.join(", ")})` : ""}`,
      facts.promu.tarballFiles[0]?.at ?? { file: facts.promu.file, line: 1 },
    );
    plan.carry("releaseChecksum", { nameTemplate: "sha256sums.txt" }, "promu's checksums file sha256sums.txt", { file: facts.promu.file, line: 1 });
    plan.changed.push({ what: "releases with goreleaser instead of promu", reason: "the same tarball names and checksums, plus SBOMs, keyless signatures and provenance", from: facts.promu.file });
  } else {
    plan.add("releases with goreleaser on v* tags: archives, checksums, SBOMs, keyless signatures, provenance (.goreleaser.yaml, release.yml)");
  }

  // Where images go today: the workflows' images, then goreleaser's.
  const candidates = [
    ...facts.workflows.workflows.flatMap((w) => w.images.map((i) => ({ name: i.value.resolved ?? (i.value.templated ? resolveGithub(i.value.name, facts.githubRepository) : i.value.name), at: i.at }))),
    ...(gr?.images ?? []).map((i) => ({ name: i.value.name, at: i.at })),
  ].filter((c): c is { name: string; at: typeof c.at } => c.name !== undefined && checkImageRepository(c.name) === undefined);
  if (candidates.length > 0) {
    const [first, ...others] = candidates;
    plan.carry("imageRepository", first.name, `images go to ${first.name}`, first.at);
    for (const other of others.filter((o) => o.name !== first.name)) plan.skip(`images also pushed to ${other.name}`, "gosynth pushes to one repository: add the others as goreleaser dockers_v2 images", other.at);
  }

  // Never two publishers on a tag: gosynth's release workflow replaces theirs, or theirs stays and gosynth's is off.
  const publishers = facts.workflows.workflows.filter((w) => w.publishes.some((p) => !p.guess));
  for (const w of publishers) {
    if (flags.keepReleaseWorkflow) {
      plan.kept.push(w.file);
      plan.change("releaseWorkflow", false, `no gosynth release workflow: ${w.file} keeps publishing`, "kept with --keep-release-workflow (signatures and provenance need gosynth's, so they are off)");
      continue;
    }
    plan.moves.push({ from: w.file, to: backupPath(w.file), why: `it publishes (${w.publishes.map((p) => p.evidence).join("; ")}); gosynth's release.yml does instead` });
    for (const step of w.steps.filter((s) => !OWN_STEPS.test(`${s.value.uses ?? ""} ${s.value.run ?? ""}`))) {
      plan.skip(`the step "${step.value.name ?? step.value.uses ?? step.value.run}" of ${w.file}`, "gosynth's release does not do it: add it to project.workflows.release", step.at);
    }
  }
}
