import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { serviceExampleSuite } from "../../../test/helpers/example";

serviceExampleSuite("private-modules", (dir) => {
  const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
  expect(dockerfile).toContain("--mount=type=secret,id=netrc,target=/root/.netrc");
  expect(dockerfile).toContain("GOPRIVATE='github.com/acme/*' go mod download");
});
