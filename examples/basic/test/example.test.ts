import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { serviceExampleSuite } from "../../../test/helpers/example";

serviceExampleSuite("basic", (dir) => {
  const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
  expect(dockerfile).toContain("FROM gcr.io/distroless/static-debian13:nonroot AS runtime");
  expect(dockerfile).toContain("EXPOSE 8080");
});
