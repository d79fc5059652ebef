import { describe, expect, it } from "vitest";
import { detectVendoring } from "../../src/adopt/vendor";
import { writeModule } from "./helpers";

const GO_MOD = `module example.com/acme/service

go 1.22.0

require (
	github.com/ardanlabs/conf/v3 v3.1.8
	github.com/google/uuid v1.6.0
)

require golang.org/x/sys v0.20.0 // indirect
`;

const MODULES_TXT = `# github.com/ardanlabs/conf/v3 v3.1.8
## explicit; go 1.19
github.com/ardanlabs/conf/v3
# github.com/google/uuid v1.6.0
## explicit
github.com/google/uuid
# golang.org/x/sys v0.20.0
## explicit; go 1.18
golang.org/x/sys/unix
`;

describe("detectVendoring", () => {
  it("is true when vendor/modules.txt matches go.mod and the go line is 1.14 or later", () => {
    const dir = writeModule({ "go.mod": GO_MOD, "vendor/modules.txt": MODULES_TXT, "main.go": "package main\n\nfunc main() {}\n" });
    expect(detectVendoring(dir)).toEqual({
      vendored: true,
      evidence: "vendor/modules.txt:1",
      reason: "vendor/modules.txt matches go.mod's 3 requirements and go.mod says go 1.22.0 (go.mod:3): the go command builds with -mod=vendor by default",
      problems: [],
    });
  });

  it("is false without vendor/modules.txt", () => {
    expect(detectVendoring(writeModule({ "go.mod": GO_MOD }))).toMatchObject({ vendored: false, evidence: "", reason: "no vendor/modules.txt: modules are downloaded" });
  });

  it("is false for go 1.13: vendor/ is then used only with -mod=vendor", () => {
    const dir = writeModule({ "go.mod": GO_MOD.replace("go 1.22.0", "go 1.13"), "vendor/modules.txt": MODULES_TXT });
    expect(detectVendoring(dir)).toMatchObject({ vendored: false, evidence: "go.mod:3" });
  });

  it("lists what disagrees: a version, a missing module, an explicit mark go.mod does not back", () => {
    const stale = MODULES_TXT.replace("uuid v1.6.0", "uuid v1.5.0").replace("# golang.org/x/sys v0.20.0\n## explicit; go 1.18\ngolang.org/x/sys/unix\n", "# github.com/old/dep v1.0.0\n## explicit\ngithub.com/old/dep\n");
    const dir = writeModule({ "go.mod": GO_MOD, "vendor/modules.txt": stale });
    const r = detectVendoring(dir);
    expect(r.vendored).toBe(false);
    expect(r.problems).toEqual([
      "github.com/google/uuid is v1.6.0 in go.mod:7 but v1.5.0 in vendor/modules.txt:4",
      "golang.org/x/sys v0.20.0 (go.mod:10) is not in vendor/modules.txt",
      "github.com/old/dep is marked explicit in vendor/modules.txt:7 but go.mod does not require it",
    ]);
    expect(r.reason).toMatch(/^vendor\/modules.txt is inconsistent with go.mod \(3 differences/);
  });

  it("checks replacements against the vendored header", () => {
    const goMod = `${GO_MOD}\nreplace github.com/google/uuid => ../uuid\n`;
    const ok = MODULES_TXT.replace("# github.com/google/uuid v1.6.0", "# github.com/google/uuid v1.6.0 => ../uuid");
    expect(detectVendoring(writeModule({ "go.mod": goMod, "vendor/modules.txt": ok })).vendored).toBe(true);
    expect(detectVendoring(writeModule({ "go.mod": goMod, "vendor/modules.txt": MODULES_TXT })).problems).toEqual([
      "go.mod:12 replaces github.com/google/uuid => ../uuid, vendor/modules.txt:4 records github.com/google/uuid v1.6.0",
    ]);
  });
});
