import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";

it("docs/api.md and docs/options.md are current with the code (npm run build regenerates them)", () => {
  const root = join(__dirname, "..", "..", "..");
  expect(() => execFileSync("node", ["scripts/gen-api-docs.mjs", "--check"], { cwd: root, stdio: "pipe" })).not.toThrow();
});
