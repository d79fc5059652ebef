import { describe, expect, it } from "vitest";
import { parseGoreleaserLdflags, splitGoreleaserLdflags, templateRole } from "../../../src/adopt/import/goreleaser-ldflags";

describe("splitGoreleaserLdflags", () => {
  it("keeps quoted fields and templates with spaces in one word", () => {
    expect(splitGoreleaserLdflags(`-s -X "main.version={{ .Version }}" -extldflags '-static -lm' -X=main.commit={{ .ShortCommit }}`)).toEqual([
      "-s", "-X", "main.version={{ .Version }}", "-extldflags", "-static -lm", "-X=main.commit={{ .ShortCommit }}",
    ]);
  });
});

describe("parseGoreleaserLdflags", () => {
  it("gives each -X its role and the rest one argument each", () => {
    expect(parseGoreleaserLdflags(`-s -w -linkmode external -extldflags "-static" -X main.builtBy=goreleaser --X main.tag=v{{.Tag}}`)).toEqual({
      variables: [
        { symbol: "main.builtBy", value: "goreleaser", role: "other" },
        { symbol: "main.tag", value: "v{{.Tag}}", role: "version" },
      ],
      other: ["-s", "-w", "-linkmode=external", "-extldflags=-static"],
    });
  });
});

describe("templateRole", () => {
  it("knows goreleaser's fields, and says other for env values or mixed roles", () => {
    expect(templateRole("{{ .CommitTimestamp }}")).toBe("created");
    expect(templateRole('{{ time "2006-01-02" }}')).toBe("created");
    expect(templateRole("{{- .Branch -}}")).toBe("branch");
    expect(templateRole("{{ .Env.VERSION }}")).toBe("other");
    expect(templateRole("{{ .Version }}-{{ .ShortCommit }}")).toBe("other");
  });
});
