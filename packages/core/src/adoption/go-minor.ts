import { goMinor, goSupportEnded, knownGoReleases, newestGoMinor } from "../config/go-releases";
import { compareVersions } from "../util/versions";
import { formatLocation, type Found } from "../adopt/import/location";
import type { PlanBuilder } from "./plan";
import type { RepositoryFacts } from "./repository";

/** A minor from how a file spells a Go version: "go1.26.2", "1.25.x", "~1.26", ">=1.24", "stable". */
export function minorOf(spelled: string): string | undefined {
  const text = spelled.trim().replace(/^['"]|['"]$/g, "");
  const sorted = Object.keys(knownGoReleases()).sort(compareVersions);
  if (text === "stable") return sorted.at(-1);
  if (text === "oldstable") return sorted.at(-2);
  const m = /^(?:go|[~^>=v ]+)*(1\.\d+)(?:[.\d]*(?:\.x)?)?(?:rc\d+|beta\d+)?$/.exec(text);
  return m ? m[1] : undefined;
}

/**
 * The Go the service is built and tested with, in the order a release counts
 * most: goreleaser's GOTOOLCHAIN, .promu.yml, the Dockerfile's golang tag, CI's
 * go-version (the newest of a matrix), go.mod's toolchain line, then its go line.
 */
export function decideGoMinor(facts: RepositoryFacts, plan: PlanBuilder): void {
  const sources: { what: string; found: Found<string> }[] = [];
  if (facts.goreleaser?.gotoolchain) sources.push({ what: "goreleaser's GOTOOLCHAIN", found: facts.goreleaser.gotoolchain });
  if (facts.promu?.goVersion) sources.push({ what: ".promu.yml's go.version", found: facts.promu.goVersion });
  for (const stage of facts.dockerfile?.buildStages ?? []) if (stage.goVersion) sources.push({ what: "the Dockerfile's golang image", found: stage.goVersion });
  // "stable" / "oldstable" float with each Go release: they state no Go the service is tested with.
  const ci = facts.workflows.workflows.flatMap((w) => w.goVersions).filter((v) => !/stable/.test(v.value) && minorOf(v.value));
  const newestCi = ci.sort((a, b) => compareVersions(minorOf(a.value)!, minorOf(b.value)!)).at(-1);
  if (newestCi) sources.push({ what: "CI's go-version", found: newestCi });
  const { code } = facts;
  if (code.toolchainLine) sources.push({ what: "go.mod's toolchain line", found: { value: code.toolchainLine, at: { file: "go.mod", line: goModLine(facts, "toolchain") } } });
  const stated = sources.find((s) => minorOf(s.found.value));
  const goLine = code.goLine ? goMinor(code.goLine) : undefined;
  const known = knownGoReleases();
  const newest = newestGoMinor();
  let minor = stated ? minorOf(stated.found.value)! : (goLine ?? newest);
  // go refuses to build a module with an older Go than its go line.
  if (goLine && compareVersions(minor, goLine) < 0) {
    plan.change("goVersion", goLine, `Go ${goLine}`, `${stated!.what} names Go ${minor}, older than go.mod's go line`, stated!.found.at);
    minor = goLine;
  } else if (!known[minor] && compareVersions(minor, newest) > 0) {
    plan.change("goVersion", newest, `Go ${newest}`, `gosynth knows no Go ${minor} yet (run gosynth upgrade --minor once it is out)`, stated?.found.at);
    minor = newest;
  } else if (stated) {
    plan.carry("goVersion", minor, `Go ${minor}, ${stated.what} (built with its newest patch, ${known[minor] ?? "unknown"})`, stated.found.at);
  } else {
    plan.detect("goVersion", minor, `Go ${minor}, go.mod's go line (built with its newest patch, ${known[minor] ?? "unknown"})`, code.goLine ? `go.mod:${goModLine(facts, "go")}` : undefined);
  }
  for (const other of sources.filter((s) => s !== stated && minorOf(s.found.value) !== minor)) {
    plan.skip(`${other.what} names Go ${minorOf(other.found.value)}`, `the build uses Go ${minor}: keep them alike`, formatLocation(other.found.at));
  }
  const ended = goSupportEnded(minor);
  if (ended) plan.warn(`Go ${minor} is out of support since ${ended}`, "only newer minors get security fixes: move with gosynth upgrade --minor once the tests pass on a newer Go");
}

/** The line of go.mod's go or toolchain directive (1 when it cannot be read). */
function goModLine(facts: RepositoryFacts, directive: "go" | "toolchain"): number {
  const index = facts.text("go.mod").split("\n").findIndex((l) => new RegExp(`^${directive}\\s`).test(l.trim()));
  return index < 0 ? 1 : index + 1;
}
