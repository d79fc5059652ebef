import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { serviceExampleSuite } from "../../../test/helpers/example";

serviceExampleSuite("scratch-minimal", (dir) => {
  const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
  expect(dockerfile).toContain("FROM scratch AS runtime");
  expect(dockerfile).not.toContain("AS test");
  expect(dockerfile.split("\n").filter((l) => l.startsWith("#"))).toHaveLength(2);
});
