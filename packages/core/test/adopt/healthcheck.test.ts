import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasHealthcheckSubcommand } from "../../src/adopt";
import { FIXTURES, writeModule } from "./helpers";

function mainWith(body: string, imports = '"os"'): string {
  return writeModule({ "go.mod": "module example.com/acme/svc\n\ngo 1.22\n", "main.go": `package main\n\nimport (${imports})\n\nfunc main() {\n${body}\n}\n` });
}

describe("hasHealthcheckSubcommand", () => {
  it("finds os.Args[1] == \"healthcheck\" in three-mains' server", () => {
    expect(hasHealthcheckSubcommand(join(FIXTURES, "three-mains"), "./cmd/fleetd")).toEqual({
      hasSubcommand: true,
      reason: './cmd/fleetd handles a healthcheck argument (compares os.Args[1] with "healthcheck" at cmd/fleetd/main.go:26)',
    });
  });

  it("finds flag.Arg(0) == \"healthcheck\" (v2-module)", () => {
    expect(hasHealthcheckSubcommand(join(FIXTURES, "v2-module"), ".").hasSubcommand).toBe(true);
  });

  it("is false for go116", () => {
    expect(hasHealthcheckSubcommand(join(FIXTURES, "go116"), ".")).toEqual({ hasSubcommand: false, reason: ". has no healthcheck subcommand" });
  });

  it.each([
    ["reversed comparison", 'if len(os.Args) > 1 && "healthcheck" == os.Args[1] {\n\tos.Exit(0)\n}', '"os"'],
    ["switch on os.Args", 'switch os.Args[1] {\ncase "serve":\ncase "health", "healthcheck":\n\tos.Exit(0)\n}', '"os"'],
    ["switch with an init statement", 'flag.Parse()\nswitch cmd := flag.Arg(0); cmd {\ncase "healthcheck":\n\treturn\n}', '"flag"'],
    ["a variable holding the arguments", 'args := os.Args[1:]\nif len(args) > 0 && args[0] == "healthcheck" {\n\tos.Exit(0)\n}', '"os"'],
    ["flag.Args()[0]", 'if flag.Args()[0] == "healthcheck" {\n\treturn\n}', '"flag"'],
    ["a cobra command", '_ = &cobra.Command{Use: "healthcheck", Run: nil}', '"github.com/spf13/cobra"'],
  ])("counts %s", (_name, body, imports) => {
    expect(hasHealthcheckSubcommand(mainWith(body, imports), ".").hasSubcommand).toBe(true);
  });

  it.each([
    ["a comment", '// if os.Args[1] == "healthcheck" {}\nos.Exit(0)', '"os"'],
    ["a log message", 'println("healthcheck")\n_ = os.Args', '"os"'],
    ["a flag named healthcheck", '_ = flag.Bool("healthcheck", false, "probe")', '"flag"'],
    ["a comparison with something else", 'mode := os.Getenv("MODE")\nif mode == "healthcheck" {\n\treturn\n}', '"os"'],
    ["an HTTP path", 'http.HandleFunc("/healthcheck", nil)', '"net/http"'],
  ])("does not count %s", (_name, body, imports) => {
    expect(hasHealthcheckSubcommand(mainWith(body, imports), ".").hasSubcommand).toBe(false);
  });

  it("mentions a \"healthcheck\" literal it did not count", () => {
    expect(hasHealthcheckSubcommand(mainWith('_ = flag.Bool("healthcheck", false, "probe")', '"flag"'), ".").reason).toBe(
      '. has no healthcheck subcommand; "healthcheck" appears at main.go:6 but not as an argument comparison, so it is not counted',
    );
  });
});
