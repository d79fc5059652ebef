import { makefileTargets } from "../config/makefile-targets";
import { Code } from "./source";
import type { PlanBuilder } from "./plan";
import type { RepositoryFacts } from "./repository";

/** Where init moves a hand-written Makefile: the generated Makefile runs its targets from there. */
export const PROJECT_MAKEFILE = "project.mk";
/** gosynth's own Makefile targets (a clash with the repository's: theirs wins, gosynth's is gosynth-<name>). */
const GOSYNTH_TARGETS = ["help", "build", "run", "test", "vet", "fmt", "lint", "tidy", "check", "build-all", "docker-build", "docker-buildx", "up", "down", "vuln", "release-snapshot", "clean"];

/**
 * The repository's Makefile (kept, every target still works), its golangci-lint
 * config (its linters and settings are the lint config), and its own files
 * gosynth leaves in place (SECURITY.md, dependabot.yml, compose files, a CodeQL
 * workflow): gosynth then generates none of them.
 */
export function decideProjectFiles(facts: RepositoryFacts, plan: PlanBuilder): void {
  const mk = facts.makefile;
  if (mk) {
    if (facts.has(PROJECT_MAKEFILE)) {
      plan.skip(`${mk.file}`, `${PROJECT_MAKEFILE} exists already: move one of them, then run gosynth init again`);
    } else {
      plan.moves.push({ from: mk.file, to: PROJECT_MAKEFILE, why: "the generated Makefile runs each of its targets (make <target> = make -f project.mk <target>)" });
      const { targets } = makefileTargets(mk.file, facts.text(mk.file), (f) => (facts.has(f) ? facts.text(f) : undefined));
      plan.carry("projectMakefile", PROJECT_MAKEFILE, `every target of ${mk.file} (moved to ${PROJECT_MAKEFILE}): ${targets.join(", ") || "none"}`, { file: mk.file, line: 1 });
      const clashes = targets.filter((t) => GOSYNTH_TARGETS.includes(t));
      if (clashes.length > 0) plan.changed.push({ what: `make ${clashes.join(", ")} run ${mk.file}'s targets`, reason: `theirs win; gosynth's are make ${clashes.map((t) => `gosynth-${t}`).join(", ")}`, from: mk.file });
    }
  }

  const gl = facts.golangci;
  if (gl?.imported.config) {
    const config = { ...gl.imported.config };
    delete config.version;
    if (gl.imported.version === 1) plan.change("golangciConfig", config, `${gl.file}'s linters and settings`, "migrated from golangci-lint v1 to v2 as golangci-lint migrate does", gl.imported.at);
    else plan.carry("golangciConfig", config, `${gl.file}'s linters and settings`, gl.imported.at);
    for (const note of gl.imported.notes) plan.skip("golangci-lint config", note);
  } else if (gl) {
    plan.skip(gl.file, `${gl.imported.notes.join("; ") || "not read"}; gosynth's standard preset lints instead`);
    plan.detect("lintPreset", new Code("LintPreset.STANDARD", "standard", ["LintPreset"]), "golangci-lint's standard linters");
  } else {
    plan.detect("lintPreset", new Code("LintPreset.STANDARD", "standard", ["LintPreset"]), "golangci-lint's standard linters (the repository had no config): make check fails on their findings");
    plan.add("golangci-lint with its standard linters (.golangci.yml)");
  }

  decideDockerignore(facts, plan);

  const keep = (paths: string[], option: string, what: string) => {
    const found = paths.find((p) => facts.has(p));
    if (!found) return false;
    plan.kept.push(found);
    plan.carry(option, false, `${what}: the repository's ${found} stays`, { file: found, line: 1 });
    return true;
  };
  if (!keep(["SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md"], "securityPolicy", "no generated SECURITY.md")) plan.add("SECURITY.md (private vulnerability reporting)");
  keep([".github/dependabot.yml", ".github/dependabot.yaml"], "dependabot", "no generated dependabot.yml");
  if (!keep(["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"], "compose", "no generated compose.yaml")) plan.add("compose.yaml (make up / make down)");
  const codeql = facts.workflows.workflows.find((w) => /github\/codeql-action\/(init|analyze)@/.test(facts.text(w.file)));
  if (codeql) {
    plan.kept.push(codeql.file);
    plan.carry("codeql", false, `no generated CodeQL workflow: ${codeql.file} stays`, { file: codeql.file, line: 1 });
  } else {
    plan.add("CodeQL code scanning (.github/workflows/codeql.yml)");
  }
}

/** Patterns that would keep the Go sources out of the image build: never carried over. */
const HIDES_SOURCES = /^(\/?\*{1,2}(\/\*)?|(\*\*\/)?\*\.go|\/?go\.(mod|sum)|\/?vendor\/?)$/;

/** The repository's .dockerignore patterns, on top of gosynth's (which keep secrets and outputs out). */
function decideDockerignore(facts: RepositoryFacts, plan: PlanBuilder): void {
  if (!facts.has(".dockerignore")) return;
  const lines = facts.text(".dockerignore").split(/\r?\n/).map((l) => l.trim());
  const patterns: string[] = [];
  lines.forEach((line, i) => {
    if (line === "" || line.startsWith("#")) return;
    if (HIDES_SOURCES.test(line.replace(/^!/, ""))) {
      plan.skip(`.dockerignore ${line}`, "gosynth's build needs the Go sources, go.mod and go.sum in the context", { file: ".dockerignore", line: i + 1 });
      return;
    }
    patterns.push(line);
  });
  if (patterns.length === 0) return;
  plan.statements.push({
    comment: ["The patterns of the repository's own .dockerignore, after gosynth's."],
    code: `project.dockerignore.exclude(${patterns.map((p) => JSON.stringify(p)).join(", ")});`,
  });
  plan.carried.push({ what: `.dockerignore: ${patterns.join(" ")}`, from: ".dockerignore:1" });
}
