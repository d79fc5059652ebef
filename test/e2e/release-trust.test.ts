import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { synth } from "../../packages/core/test/util";
import { mustRun, run } from "../helpers/project";
import { repoRoot, tool } from "../helpers/tools";

// The release path of a default project, offline: govulncheck against a local
// database, a snapshot release with SBOMs, two builds of one commit compared
// byte for byte, and the checksums signed and verified with a local key pair
// (keyless signing needs GitHub's OIDC issuer; docs/verifying.md has those commands).
const VULNDB = `file://${join(repoRoot, "test/fixtures/vulndb")}`;
const GIT = ["-c", "user.name=test", "-c", "user.email=test@example.com"];

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

describe("release trust on a generated project", () => {
  const govulncheck = tool("govulncheck");
  const goreleaser = tool("goreleaser");
  const syft = tool("syft");
  const cosign = tool("cosign");
  let dir = "";
  let toolchain = "";
  const goEnv = () => ({ GOTOOLCHAIN: `go${toolchain}`, GOFLAGS: "-mod=mod" });

  beforeAll(() => {
    ({ dir } = synth());
    toolchain = /^GO_TOOLCHAIN := (\S+)$/m.exec(readFileSync(join(dir, "Makefile"), "utf-8"))![1];
    // A real dependency from the Go module proxy, so the SBOM has something to list.
    // In package main, so the binary (and its archive's SBOM) links the module.
    writeFileSync(join(dir, "cmd/hello/ids.go"), 'package main\n\nimport "github.com/google/uuid"\n\n// newRequestID makes request ids.\nvar newRequestID = uuid.NewString\n');
    mustRun("go", ["mod", "tidy"], dir, goEnv());
    mustRun("git", ["init", "-q", "-b", "main"], dir);
    mustRun("git", ["remote", "add", "origin", "https://github.com/acme/hello.git"], dir);
    mustRun("git", ["add", "-A"], dir);
    mustRun("git", [...GIT, "commit", "-qm", "init"], dir);
    mustRun("git", [...GIT, "tag", "v0.1.0"], dir);
  }, 300_000);

  it.skipIf(!govulncheck)("make vuln passes on the project and fails once it calls the vulnerable function", () => {
    const vuln = () => run("make", ["vuln", `GOVULNCHECK=${govulncheck}`, `GOVULNCHECK_FLAGS=-db ${VULNDB}`], dir);
    const clean = vuln();
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    writeFileSync(join(dir, "cmd/hello/check.go"), 'package main\n\nimport "github.com/google/uuid"\n\nfunc init() { _ = uuid.Validate(newRequestID()) }\n');
    try {
      const found = vuln();
      expect(found.status).not.toBe(0);
      expect(found.stdout + found.stderr).toContain("GO-2099-0001");
    } finally {
      rmSync(join(dir, "cmd/hello/check.go"));
    }
  }, 300_000);

  it.skipIf(!goreleaser || !syft || !cosign)(
    "a snapshot release has an SBOM per archive listing the dependency; two builds of the commit are identical; the checksums sign and verify",
    () => {
      // Outside the work tree (an untracked copy would make the next build's VCS stamp "modified").
      const outside = mkdtempSync(join(tmpdir(), "gosynth-release-"));
      const release = (out: string) => {
        mustRun(goreleaser!, ["release", "--snapshot", "--clean", "--skip=sign,docker,publish"], dir, { ...goEnv(), PATH: `${join(repoRoot, ".tools/bin")}:${process.env.PATH}` });
        cpSync(join(dir, "dist"), join(outside, out), { recursive: true });
      };
      release("first");
      release("second");
      const sboms = readdirSync(join(outside, "first")).filter((f) => f.endsWith(".sbom.json"));
      expect(sboms.length).toBeGreaterThanOrEqual(2);
      for (const sbom of sboms) {
        const doc = JSON.parse(readFileSync(join(outside, "first", sbom), "utf-8"));
        const names = (doc.packages ?? doc.components ?? []).map((p: { name: string }) => p.name);
        expect(names, sbom).toContain("github.com/google/uuid");
      }
      // Byte-identical binaries and archives: -trimpath, no build date, file times from the commit.
      const binaries = readdirSync(join(outside, "first"), { recursive: true }).map(String).filter((f) => f.endsWith("/hello"));
      expect(binaries.length).toBeGreaterThanOrEqual(2);
      for (const f of [...binaries, ...readdirSync(join(outside, "first")).filter((f) => f.endsWith(".tar.gz"))]) {
        expect(sha256(join(outside, "second", f)), f).toBe(sha256(join(outside, "first", f)));
      }
      // checksums.txt lists the SBOMs too, and syft stamps each document with a fresh id and time: compare the archives' lines.
      const archiveSums = (run: string) => readFileSync(join(outside, run, "checksums.txt"), "utf-8").split("\n").filter((l) => l.endsWith(".tar.gz"));
      expect(archiveSums("second")).toEqual(archiveSums("first"));
      const keys = join(outside, "keys");
      mkdirSync(keys);
      const env = { COSIGN_PASSWORD: "gosynth-test", TUF_ROOT: join(keys, "tuf") };
      mustRun(cosign!, ["generate-key-pair"], keys, env);
      writeFileSync(join(keys, "trusted_root.json"), JSON.stringify({ mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1" }));
      const checksums = join(outside, "first", "checksums.txt");
      // The same arguments as the generated signs: entry, with a key instead of keyless.
      mustRun(cosign!, ["sign-blob", "--new-bundle-format", `--bundle=${checksums}.sigstore.json`, "--yes", "--key", "cosign.key", "--tlog-upload=false", checksums], keys, env);
      const verify = run(cosign!, ["verify-blob", "--key", "cosign.pub", "--bundle", `${checksums}.sigstore.json`, "--trusted-root", "trusted_root.json", "--insecure-ignore-tlog", checksums], keys, env);
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
      const goreleaserYaml = readFileSync(join(dir, ".goreleaser.yaml"), "utf-8");
      expect(goreleaserYaml).toContain("- --new-bundle-format");
      expect(goreleaserYaml).toContain("- --bundle=${signature}");
    },
    900_000,
  );
});
