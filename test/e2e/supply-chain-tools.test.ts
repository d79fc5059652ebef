import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { mustRun, run } from "../helpers/project";
import { repoRoot, systemTool, tool } from "../helpers/tools";

// The supply-chain tools scripts/install-tools.sh installs (govulncheck, syft, cosign), driven fully
// offline: govulncheck against the invented advisory GO-2099-0001 in
// test/fixtures/vulndb (uuid.Validate of github.com/google/uuid, which
// test/fixtures/vulnerable-service calls), syft on the same module, and cosign
// with a local key pair and no transparency log.
// Only `go` may use the network: to fetch github.com/google/uuid v1.6.0 into the
// module cache through the Go module proxy.

const fixture = join(repoRoot, "test/fixtures/vulnerable-service");
const vulndb = pathToFileURL(join(repoRoot, "test/fixtures/vulndb")).href;
const goEnv = { GOFLAGS: "-mod=mod", GOWORK: "off", GOTOOLCHAIN: "local" };

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `gosynth-${prefix}-`));
}

/** A copy of the vulnerable fixture (the tools never touch the repository's files). */
function fixtureCopy(): string {
  const dir = tempDir("vuln");
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

/** Builds the fixture as gosynth's Dockerfile and goreleaser do: -trimpath, stripped (-s -w). */
function buildLikeARelease(go: string, dir: string): void {
  mustRun(go, ["build", "-trimpath", "-ldflags", "-s -w", "-o", "vulnerable", "."], dir, goEnv);
}

describe("govulncheck with the offline vulnerability database", () => {
  const govulncheck = tool("govulncheck");
  const go = systemTool("go");
  const scan = (dir: string, ...args: string[]) =>
    run(govulncheck!, ["-db", vulndb, ...args], dir, goEnv);

  it.skipIf(!govulncheck || !go)("fails (exit 3) on the fixture, naming the advisory and the call", () => {
    const r = scan(fixtureCopy(), "./...");
    expect(r.status, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/Vulnerability #1: GO-2099-0001/);
    expect(r.stdout).toMatch(/TEST FIXTURE, NOT A REAL VULNERABILITY/);
    expect(r.stdout).toMatch(/Found in: github\.com\/google\/uuid@v1\.6\.0/);
    expect(r.stdout).toMatch(/main\.go:\d+:\d+: vulnerable\.main calls uuid\.Validate/);
    expect(r.stdout).toMatch(/Your code is affected by 1 vulnerability from 1 module/);
  });

  it.skipIf(!govulncheck || !go)("reads this database (JSON config names it and its modified time)", () => {
    const r = scan(fixtureCopy(), "-format", "json", "./...");
    expect(r.status, r.stderr).toBe(0); // -format json reports through the output, not the exit code
    expect(r.stdout).toContain(`"db": "${vulndb}"`);
    expect(r.stdout).toContain(`"db_last_modified": "2099-01-01T00:00:00Z"`);
    expect(r.stdout).toContain(`"scan_level": "symbol"`);
    expect(r.stdout).toMatch(/"function": "Validate"/);
  });

  it.skipIf(!govulncheck || !go)("passes (exit 0) when the module imports uuid but never calls Validate", () => {
    const dir = fixtureCopy();
    const main = readFileSync(join(dir, "main.go"), "utf-8");
    const patched = main.replace("if err := uuid.Validate(arg); err != nil {", "if _, err := uuid.Parse(arg); err != nil {");
    expect(patched).not.toBe(main);
    writeFileSync(join(dir, "main.go"), patched);
    const r = scan(dir, "./...");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Your code is affected by 0 vulnerabilities/);
    expect(r.stdout).toMatch(/1 vulnerability in packages you import/);
  });

  it.skipIf(!govulncheck || !go)("passes (exit 0) on a clean module without dependencies", () => {
    const dir = tempDir("clean");
    writeFileSync(join(dir, "go.mod"), "module example.com/fixtures/clean\n\ngo 1.24\n");
    writeFileSync(join(dir, "main.go"), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("clean") }\n');
    const r = scan(dir, "./...");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/No vulnerabilities found/);
  });

  it.skipIf(!govulncheck || !go)("finds it in the stripped release binary too (-mode binary, as a user checks a release)", () => {
    const dir = fixtureCopy();
    buildLikeARelease(go!, dir);
    const r = scan(dir, "-mode", "binary", "vulnerable");
    expect(r.status, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/GO-2099-0001/);
    expect(r.stdout).toMatch(/uuid\.Validate/);
  });
});

interface SpdxPackage {
  name: string;
  versionInfo?: string;
  externalRefs?: { referenceType: string; referenceLocator: string }[];
}

describe("syft", () => {
  const syft = tool("syft");
  const go = systemTool("go");
  const syftEnv = { ...goEnv, SYFT_CHECK_FOR_APP_UPDATE: "false" };

  it.skipIf(!syft || !go)("lists the fixture's dependency with its version in an SPDX SBOM", () => {
    const dir = fixtureCopy();
    mustRun(go!, ["mod", "download"], dir, goEnv); // license lookup reads the module cache
    const out = mustRun(syft!, ["scan", `dir:${dir}`, "-o", "spdx-json", "-q"], tmpdir(), syftEnv);
    const sbom = JSON.parse(out) as { spdxVersion: string; packages: SpdxPackage[] };
    expect(sbom.spdxVersion).toBe("SPDX-2.3");
    const uuid = sbom.packages.find((p) => p.name === "github.com/google/uuid");
    expect(uuid, JSON.stringify(sbom.packages.map((p) => p.name))).toBeDefined();
    expect(uuid!.versionInfo).toBe("v1.6.0");
    expect(uuid!.externalRefs?.map((r) => r.referenceLocator)).toContain("pkg:golang/github.com/google/uuid@v1.6.0");
  });

  it.skipIf(!syft || !go)("reads the modules of a built binary (what a release archive holds)", () => {
    const dir = fixtureCopy();
    buildLikeARelease(go!, dir);
    const out = mustRun(syft!, ["scan", `file:${join(dir, "vulnerable")}`, "-o", "cyclonedx-json", "-q"], tmpdir(), syftEnv);
    const bom = JSON.parse(out) as { bomFormat: string; components: { name: string; version?: string; purl?: string }[] };
    expect(bom.bomFormat).toBe("CycloneDX");
    expect(bom.components).toContainEqual(
      expect.objectContaining({ name: "github.com/google/uuid", version: "v1.6.0", purl: "pkg:golang/github.com/google/uuid@v1.6.0" }),
    );
  });
});

describe("cosign with a local key pair, no transparency log", () => {
  const cosign = tool("cosign");

  it.skipIf(!cosign)("sign-blob writes a Sigstore bundle that verify-blob accepts, and rejects a modified file", () => {
    const dir = tempDir("cosign");
    // TUF_ROOT keeps cosign's TUF cache out of ~/.sigstore; nothing here needs it.
    const env = { COSIGN_PASSWORD: "gosynth-test", TUF_ROOT: join(dir, "tuf") };
    mustRun(cosign!, ["generate-key-pair"], dir, env);
    writeFileSync(join(dir, "checksums.txt"), "0123abcd  hello_1.0.0_linux_amd64.tar.gz\n");
    // An empty trusted root: with a key and no tlog, the bundle needs no Sigstore CA or Rekor key,
    // and cosign does not go to the TUF repository for one.
    writeFileSync(join(dir, "trusted_root.json"), JSON.stringify({ mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1" }));

    mustRun(cosign!, [
      "sign-blob", "--yes", "--key", "cosign.key", "--tlog-upload=false",
      "--new-bundle-format", "--bundle", "checksums.txt.sigstore.json", "checksums.txt",
    ], dir, env);
    const bundle = JSON.parse(readFileSync(join(dir, "checksums.txt.sigstore.json"), "utf-8"));
    expect(bundle.mediaType).toBe("application/vnd.dev.sigstore.bundle.v0.3+json");
    expect(bundle.verificationMaterial.tlogEntries ?? []).toEqual([]);

    const verify = (file: string) =>
      run(cosign!, [
        "verify-blob", "--key", "cosign.pub", "--bundle", "checksums.txt.sigstore.json",
        "--trusted-root", "trusted_root.json", "--insecure-ignore-tlog", file,
      ], dir, env);
    const ok = verify("checksums.txt");
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/Verified OK/);
    expect(ok.stderr).not.toMatch(/TUF/);

    mkdirSync(join(dir, "tampered"));
    writeFileSync(join(dir, "tampered/checksums.txt"), "0123abce  hello_1.0.0_linux_amd64.tar.gz\n");
    const bad = verify("tampered/checksums.txt");
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/invalid signature/);
  });
});
