import { defineConfig } from "vitest/config";

// One run, three tiers: unit tests of each package, end-to-end tests that
// drive projen/go/make/the linters on generated projects, and the container
// tier that builds and runs images with podman.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts"],
          // The CLI tests scaffold real projects (npm install) in their hooks.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts", "examples/*/test/**/*.test.ts"],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "container",
          include: ["test/container/**/*.test.ts"],
          testTimeout: 1_800_000,
          hookTimeout: 1_800_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
