import { defineConfig } from "vitest/config";

// `npm test -w packages/cli` (the repository's root config runs these files in its "unit" project
// with the same limits): the tests scaffold real projects, with npm install, in their hooks.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
