import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { serviceExampleSuite } from "../../../test/helpers/example";

serviceExampleSuite("cgo-distroless-base", (dir) => {
  const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
  expect(dockerfile).toContain("FROM gcr.io/distroless/base-debian13:nonroot AS runtime");
  expect(dockerfile).toContain("CGO_ENABLED=1");
  expect(readFileSync(join(dir, "Makefile"), "utf-8")).toContain("CGO_ENABLED ?= 1");
});
