import { describe, expect, it } from "vitest";
import { CANONICAL } from "./canonical";
import { synth } from "./util";

/**
 * Every generated file of each canonical config, as one snapshot per file: a
 * change to any generated line shows up in review as a snapshot diff.
 * (The starter Go code is rendered by @gosynth/templates, tested there.)
 */
const STARTER = /^(cmd|internal)\/|^go\.mod$|^README\.md$/;

describe.each(CANONICAL)("generated files: %s", (_name, overrides) => {
  const { files, dir } = synth(overrides);
  const generated = Object.keys(files)
    .filter((path) => !STARTER.test(path))
    .sort();
  it("lists the same files", () => {
    expect(generated).toMatchSnapshot();
  });
  it.each(generated)("%s", (path) => {
    expect(files[path].split(dir).join("<outdir>")).toMatchSnapshot();
  });
});
