// Runs .projenrc.ts in a single Node process (the default task of a generated
// project). projen and @gosynth/core load first as plain JavaScript; tsx then
// compiles only the projenrc. `tsx .projenrc.ts` would start a second Node
// process and run every projen module through its transform hook.
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import "projen";
import "./index";

const entry = resolve(process.argv[2] ?? ".projenrc.ts");
const requireFromProject = createRequire(join(process.cwd(), "package.json"));
(requireFromProject("tsx/cjs/api") as { register(): () => void }).register();
requireFromProject(entry);
