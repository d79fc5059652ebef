import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPins } from "../../src/config/pins";
import { describeChanges, planUpgrade, writePins } from "../../src/upgrade/upgrade";
import { localServer, type LocalServer, tempDir } from "./helpers";

// The npm scope of the upgrade plan against a local registry: projen moves
// within the minor @gosynth/core supports; a newer minor is a note, not a move.
describe("planUpgrade: npm", () => {
  let registry: LocalServer;
  let latest = "0.103.30";
  beforeAll(async () => {
    registry = await localServer((req, res) => {
      if (req.url === "/projen") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ name: "projen", "dist-tags": { latest } }));
      } else {
        res.writeHead(404).end("{}");
      }
    });
  });
  afterAll(() => registry.close());

  const project = () => {
    const { dir } = tempDir("plan");
    writeFileSync(join(dir, "gosynth.pins.json"), renderPins({ goToolchain: "1.27.4", tools: {}, actions: {}, npm: { projen: "0.103.25" } }));
    return dir;
  };

  it("moves projen to the newest patch of its minor; @gosynth/core missing from the registry is a note", async () => {
    const dir = project();
    const plan = await planUpgrade({ dir, only: ["npm"], npmRegistry: `${registry.url}/` });
    expect(plan.changes).toEqual([{ what: "projen", from: "0.103.25", to: "0.103.30" }]);
    expect(plan.notes.join("\n")).toContain("@gosynth/core is not on the npm registry");
    expect(writePins(dir, plan.pins)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8")).npm.projen).toBe("0.103.30");
    // Written once: the same plan again writes nothing.
    expect(writePins(dir, plan.pins)).toBe(false);
  });

  it("leaves projen at its minor when a newer minor is out, and says why", async () => {
    latest = "0.104.2";
    const plan = await planUpgrade({ dir: project(), only: ["npm"], npmRegistry: `${registry.url}/` });
    expect(plan.changes).toEqual([]);
    expect(describeChanges(plan).join("\n")).toMatch(/up to date\nnote: projen 0\.104\.2 is out; @gosynth\/core supports 0\.103\.x/);
  });
});
