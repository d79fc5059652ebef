#!/usr/bin/env node
import { main } from "../lib/main.js";
// `gosynth diff | head` closes the pipe early: that is not an error.
process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 3));
process.exitCode = await main(process.argv.slice(2));
