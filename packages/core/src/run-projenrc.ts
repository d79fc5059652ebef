// Runs .projenrc.ts in a single Node process (the default task of a generated
// project). projen and @gosynth/core load first as plain JavaScript; tsx then
// compiles only the projenrc. `tsx .projenrc.ts` would start a second Node
// process and run every projen module through its transform hook.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import "./index";

const entry = resolve(process.argv[2] ?? ".projenrc.ts");
const requireFromProject = createRequire(join(process.cwd(), "package.json"));
// Core loads only the projen modules it uses. A projenrc that imports projen's index
// gets it loaded here as plain JavaScript, not through tsx's hook (twice as slow).
if (/from\s+["']projen["']|require\(\s*["']projen["']\s*\)/.test(readFileSync(entry, "utf-8"))) requireFromProject("projen");
(requireFromProject("tsx/cjs/api") as { register(): () => void }).register();
requireFromProject(entry);
