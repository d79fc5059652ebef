// Opt-in smoke test against the real Go module proxy: GOSYNTH_NETWORK_TESTS=1 npx vitest run packages/cli/test/upgrade
import { describe, expect, it } from "vitest";
import { compareVersions, newestGoToolchain, newestModuleVersion } from "../../src/upgrade/sources/index.js";

const enabled = process.env.GOSYNTH_NETWORK_TESTS === "1";
if (!enabled) console.log("upgrade/network.test.ts: skipped (set GOSYNTH_NETWORK_TESTS=1 to query the real Go module proxy)");

describe.runIf(enabled)("the real Go module proxy (GOPROXY as go sees it)", () => {
  it("has a go1.27 toolchain at 1.27.4 or newer", async () => {
    const newest = await newestGoToolchain({ minor: "1.27" });
    expect(newest).toMatch(/^1\.27\.\d+$/);
    expect(compareVersions(newest, "1.27.4")).toBeGreaterThanOrEqual(0);
  });

  it("lists goreleaser v2 releases", async () => {
    expect(await newestModuleVersion("github.com/goreleaser/goreleaser/v2")).toMatch(/^v2\.\d+\.\d+$/);
  });
});
