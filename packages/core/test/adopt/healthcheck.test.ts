import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasHealthcheckSubcommand } from "../../src/adopt";
import { findHealthcheckCommand } from "../../src/adopt/healthcheck";
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

describe("findHealthcheckCommand", () => {
  it("reports a subcommand with the arguments to run (three-mains)", () => {
    expect(findHealthcheckCommand(join(FIXTURES, "three-mains"), "./cmd/fleetd")).toEqual({
      found: true,
      kind: "subcommand",
      args: ["healthcheck"],
      evidence: "cmd/fleetd/main.go:26",
      reason: './cmd/fleetd handles a healthcheck subcommand (compares os.Args[1] with "healthcheck" at cmd/fleetd/main.go:26)',
    });
  });

  it("a boolean -healthcheck flag of the standard flag package", () => {
    const dir = mainWith('if *probe {\n\tos.Exit(0)\n}', '"flag"\n"os"');
    const withFlag = writeModule({ "go.mod": "module example.com/acme/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"flag"\n\t"os"\n)\n\nvar probe = flag.Bool("healthcheck", false, "probe the server and exit")\n\nfunc main() {\n\tflag.Parse()\n\tif *probe {\n\t\tos.Exit(0)\n\t}\n}\n' });
    expect(findHealthcheckCommand(dir, ".").found).toBe(false);
    expect(findHealthcheckCommand(withFlag, ".")).toEqual({
      found: true, kind: "flag", args: ["-healthcheck"], evidence: "main.go:8", flagTakesValue: false,
      reason: '. has a boolean -healthcheck flag (flag.Bool("healthcheck", ...) at main.go:8)',
    });
  });

  it("kingpin and pflag flags take two dashes", () => {
    const kingpin = mainWith('_ = kingpin.Flag("healthcheck", "Probe and exit.").Bool()', '"gopkg.in/alecthomas/kingpin.v2"');
    expect(findHealthcheckCommand(kingpin, ".")).toMatchObject({ kind: "flag", args: ["--healthcheck"], evidence: "main.go:6" });
    const pflag = mainWith('var probe bool\npflag.BoolVarP(&probe, "health-check", "H", false, "probe")', '"github.com/spf13/pflag"');
    expect(findHealthcheckCommand(pflag, ".")).toMatchObject({ kind: "flag", args: ["--health-check"] });
  });

  it("a string flag in an imported package gets the value its help names and the code handles", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/reader/v2\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport "example.com/acme/reader/v2/internal/cli"\n\nfunc main() { cli.Parse() }\n',
      "internal/cli/cli.go": `package cli

import "flag"

const flagHealthCheckHelp = \`Perform a health check on the given endpoint (the value "auto" tries to guess the endpoint).\`

func Parse() {
	var endpoint string
	flag.StringVar(&endpoint, "healthcheck", "", flagHealthCheckHelp)
	flag.Parse()
	if endpoint != "" {
		check(endpoint)
	}
}
`,
      "internal/cli/health_check.go": 'package cli\n\nfunc check(endpoint string) {\n\tif endpoint == "auto" {\n\t\tendpoint = "http://localhost:8080/healthcheck"\n\t}\n\t_ = endpoint\n}\n',
    });
    expect(findHealthcheckCommand(dir, ".")).toEqual({
      found: true, kind: "flag", args: ["-healthcheck", "auto"], evidence: "internal/cli/cli.go:9", flagTakesValue: true,
      reason: '. has a -healthcheck flag that takes a value (flag.StringVar("healthcheck", ...) at internal/cli/cli.go:9); its help names "auto", which the code handles at internal/cli/health_check.go:4',
    });
  });

  it("a string flag without a known value has no args", () => {
    const dir = mainWith('_ = flag.String("healthcheck", "", "URL to probe")', '"flag"');
    const r = findHealthcheckCommand(dir, ".");
    expect(r).toMatchObject({ found: true, kind: "flag", flagTakesValue: true, evidence: "main.go:6" });
    expect(r.args).toBeUndefined();
    expect(r.reason).toContain("which value to pass is not known");
  });

  it("an HTTP route or a log message named healthcheck is neither", () => {
    expect(findHealthcheckCommand(mainWith('http.HandleFunc("/healthcheck", nil)\nprintln("healthcheck")', '"net/http"'), ".")).toEqual({
      found: false,
      reason: ". has no healthcheck subcommand or -healthcheck flag",
    });
  });
});
