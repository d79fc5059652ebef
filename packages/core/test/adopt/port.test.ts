import { describe, expect, it } from "vitest";
import { detectPort } from "../../src/adopt/port";
import { writeModule } from "./helpers";

const MOD = "example.com/acme/svc";
const GO_MOD = `module ${MOD}\n\ngo 1.22\n`;

/** A module whose main.go has these imports and this body. */
function mainWith(imports: string, body: string, extra: Record<string, string> = {}): string {
  return writeModule({ "go.mod": GO_MOD, "main.go": `package main\n\nimport (\n${imports}\n)\n\n${body}\n`, ...extra });
}

describe("detectPort: shapes of real services", () => {
  it("an exporter's kingpinflag.AddFlags(app, \":9115\") is --web.listen-address", () => {
    const dir = mainWith(
      '\t"github.com/alecthomas/kingpin/v2"\n\twebflag "github.com/prometheus/exporter-toolkit/web/kingpinflag"',
      'var (\n\tconfigFile   = kingpin.Flag("config.file", "Configuration file.").Default("probe.yml").String()\n\ttoolkitFlags = webflag.AddFlags(kingpin.CommandLine, ":9115")\n)\n\nfunc main() { kingpin.Parse() }',
    );
    const r = detectPort(dir, ".", MOD);
    expect(r).toMatchObject({ port: 9115, evidence: "main.go:10", bindsLoopback: false, bindAddressFlag: "--web.listen-address" });
    expect(r.reason).toBe('. listens on 9115: exporter-toolkit kingpinflag.AddFlags: --web.listen-address defaults to ":9115" at main.go:10');
    expect(r.candidates).toHaveLength(1);
  });

  it("a server package's DEFAULT_PORT constant beats other port constants when flags default to 0", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/broker/v2\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport (\n\t"flag"\n\t"os"\n\n\t"example.com/acme/broker/v2/server"\n)\n\nfunc main() {\n\tfs := flag.NewFlagSet("broker", flag.ExitOnError)\n\topts, _ := server.ConfigureOptions(fs, os.Args[1:])\n\t_ = opts\n}\n',
      "server/opts.go": `package server

import "flag"

type Options struct {
	Port     int
	HTTPPort int
}

func ConfigureOptions(fs *flag.FlagSet, args []string) (*Options, error) {
	opts := &Options{}
	fs.IntVar(&opts.Port, "port", 0, "Port to listen on.")
	fs.IntVar(&opts.HTTPPort, "http_port", 0, "HTTP port for monitoring.")
	err := fs.Parse(args)
	if opts.Port == 0 {
		opts.Port = DEFAULT_PORT
	}
	return opts, err
}
`,
      "server/const.go": `package server

const (
	// DEFAULT_PORT is where clients connect.
	DEFAULT_PORT = 4222

	// DEFAULT_HTTP_PORT is the default monitoring port.
	DEFAULT_HTTP_PORT = 8222

	// DEFAULT_LEAF_PORT is for leaf connections.
	DEFAULT_LEAF_PORT = 7422

	// MAX_PORT is not a port to listen on.
	MAX_PORT = 65535
)
`,
    });
    const r = detectPort(dir, ".", "example.com/acme/broker/v2");
    expect(r.port).toBe(4222);
    expect(r.evidence).toBe("server/const.go:5");
    expect(r.reason).toContain("assigned to a port field at server/opts.go:16");
    expect(r.candidates.map((c) => [c.port, c.name])).toEqual([
      [4222, "DEFAULT_PORT"],
      [8222, "DEFAULT_HTTP_PORT"],
      [7422, "DEFAULT_LEAF_PORT"],
    ]);
    expect(r.candidates[1].doc).toBe("DEFAULT_HTTP_PORT is the default monitoring port.");
    expect(r.notes).toEqual([
      "flag --port (server/opts.go:12) defaults to 0: the port is chosen elsewhere",
      "flag --http_port (server/opts.go:13) defaults to 0: the port is chosen elsewhere",
    ]);
  });

  it("a defaults map keyed by LISTEN_ADDR on loopback, two packages deep, names the variable that rebinds it", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/reader/v2\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport "example.com/acme/reader/v2/internal/cli"\n\nfunc main() { cli.Parse() }\n',
      "internal/cli/cli.go": 'package cli\n\nimport "example.com/acme/reader/v2/internal/config"\n\nfunc Parse() { _ = config.Load() }\n',
      "internal/config/options.go": `package config

type option struct {
	parsedStringList []string
	rawValue         string
	validator        func(string) error
}

func defaults() map[string]*option {
	return map[string]*option{
		"BASE_URL": {rawValue: "http://localhost"},
		"LISTEN_ADDR": {
			parsedStringList: []string{"127.0.0.1:8080"},
			rawValue:         "127.0.0.1:8080",
		},
		"PORT": {
			rawValue: "",
			validator: func(v string) error {
				return validateRange(v, 1, 65535)
			},
		},
	}
}

func Load() map[string]*option { return defaults() }

func validateRange(v string, min, max int) error { return nil }
`,
    });
    const r = detectPort(dir, ".", "example.com/acme/reader/v2");
    expect(r).toMatchObject({ port: 8080, evidence: "internal/config/options.go:12", bindsLoopback: true, loopbackEvidence: "internal/config/options.go:12", bindAddressEnv: "LISTEN_ADDR" });
    expect(r.candidates[0]).toMatchObject({ host: "127.0.0.1", loopback: true, source: "config default", form: "address" });
    // The validator's range (1..65535) is not a default.
    expect(r.candidates.map((c) => c.port)).toEqual([8080]);
  });

  it("ardanlabs/conf struct tags: the API host over the debug host, with the env and flag conf derives", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/service\n\ngo 1.22\n",
      "api/services/orders/main.go": `package main

import (
	"time"

	"github.com/ardanlabs/conf/v3"
)

func run() error {
	cfg := struct {
		conf.Version
		Web struct {
			ReadTimeout time.Duration \`conf:"default:5s"\`
			APIHost     string        \`conf:"default:0.0.0.0:3000"\`
			DebugHost   string        \`conf:"default:0.0.0.0:3010"\`
		}
		Auth struct {
			Host string \`conf:"default:auth-service:6001"\`
		}
		DB struct {
			Host string \`conf:"default:database-service:5432"\`
		}
	}{}
	const prefix = "ORDERS"
	_, err := conf.Parse(prefix, &cfg)
	return err
}

func main() { _ = run() }
`,
    });
    const r = detectPort(dir, "./api/services/orders", "example.com/acme/service");
    expect(r).toMatchObject({ port: 3000, evidence: "api/services/orders/main.go:14", bindsLoopback: false, bindAddressEnv: "ORDERS_WEB_API_HOST", bindAddressFlag: "--web-api-host" });
    // Remote hosts (auth-service, database-service) are where it connects, not where it listens.
    expect(r.candidates.map((c) => [c.port, c.name, c.env])).toEqual([
      [3000, "Web.APIHost", "ORDERS_WEB_API_HOST"],
      [3010, "Web.DebugHost", "ORDERS_WEB_DEBUG_HOST"],
    ]);
  });

  it("conf's env prefix (the service's name) does not make a field secondary", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/service\n\ngo 1.22\n",
      "api/services/metrics/main.go": 'package main\n\nimport "github.com/ardanlabs/conf/v3"\n\nfunc main() {\n\tcfg := struct {\n\t\tWeb struct {\n\t\t\tDebugHost string `conf:"default:0.0.0.0:4010"`\n\t\t}\n\t\tExpvar struct {\n\t\t\tHost string `conf:"default:0.0.0.0:4000"`\n\t\t}\n\t}{}\n\t_, _ = conf.Parse("METRICS", &cfg)\n}\n',
    });
    const r = detectPort(dir, "./api/services/metrics", "example.com/acme/service");
    expect(r.candidates.map((c) => [c.port, c.env])).toEqual([
      [4000, "METRICS_EXPVAR_HOST"],
      [4010, "METRICS_WEB_DEBUG_HOST"],
    ]);
  });

  it("a port flag whose default is a constant of its package, reached through the main's import", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/bin/v2\n\ngo 1.22\n",
      "cmd/bin/main.go": 'package main\n\nimport (\n\t"os"\n\n\t"example.com/acme/bin/v2/bin/cmd"\n)\n\nfunc main() { os.Exit(cmd.Main()) }\n',
      "bin/cmd/cmd.go": `package cmd

import (
	"flag"
	"net"
	"net/http"
	"strconv"
)

const (
	defaultListenHost = "0.0.0.0"
	defaultListenPort = 8080
)

func Main() int {
	var port int
	var host string
	fs := flag.NewFlagSet("bin", flag.ContinueOnError)
	fs.IntVar(&port, "port", defaultListenPort, "Port to listen on")
	fs.StringVar(&host, "host", defaultListenHost, "Host to listen on")
	srv := &http.Server{Addr: net.JoinHostPort(host, strconv.Itoa(port))}
	_ = srv.ListenAndServe()
	return 0
}
`,
    });
    const r = detectPort(dir, "./cmd/bin", "example.com/acme/bin/v2");
    expect(r).toMatchObject({ port: 8080, evidence: "bin/cmd/cmd.go:19", bindsLoopback: false });
    expect(r.candidates[0]).toMatchObject({ source: "flag", flag: "--port", form: "port", detail: "flag --port defaults to 8080 (defaultListenPort at bin/cmd/cmd.go:12)" });
    // A bare port, not an address: no bind-address flag to pass.
    expect(r.bindAddressFlag).toBeUndefined();
  });

  it("host:port flags on localhost: the HTTP address over the raft one, and the flag that rebinds it", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "cmd/svcd/main.go": 'package main\n\nimport "flag"\n\ntype Config struct{ HTTPAddr, RaftAddr, HTTPAdv string }\n\nfunc main() {\n\tc := &Config{}\n\tfs := flag.NewFlagSet("svcd", flag.ExitOnError)\n\tfs.StringVar(&c.HTTPAdv, "http-adv-addr", "", "Advertised HTTP address")\n\tfs.StringVar(&c.RaftAddr, "raft-addr", "localhost:4002", "Raft communication bind address")\n\tfs.StringVar(&c.HTTPAddr, "http-addr", "localhost:4001", "HTTP server bind address")\n}\n',
    });
    const r = detectPort(dir, "./cmd/svcd", MOD);
    expect(r).toMatchObject({ port: 4001, evidence: "cmd/svcd/main.go:12", bindsLoopback: true, bindAddressFlag: "--http-addr" });
    expect(r.candidates.map((c) => [c.port, c.flag, c.host])).toEqual([
      [4001, "--http-addr", "localhost"],
      [4002, "--raft-addr", "localhost"],
    ]);
  });
});

describe("detectPort: sources and ranking", () => {
  it("a ListenAndServe literal beats a port constant", () => {
    const dir = mainWith('\t"net/http"', 'const DefaultPort = 9000\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }');
    const r = detectPort(dir, ".", MOD);
    expect(r.port).toBe(8080);
    expect(r.candidates.map((c) => [c.port, c.source])).toEqual([
      [8080, "listen call"],
      [9000, "constant"],
    ]);
  });

  it("net.Listen and http.Server{Addr} literals, but not a listen call in a comment", () => {
    const grpc = mainWith('\t"net"', '// net.Listen("tcp", ":9999") was the old port\nfunc main() { _, _ = net.Listen("tcp", ":50051") }');
    expect(detectPort(grpc, ".", MOD)).toMatchObject({ port: 50051, evidence: "main.go:8", candidates: [{ detail: 'net.Listen(":50051")' }] });
    const literal = mainWith('\t"net/http"', 'func main() {\n\tsrv := &http.Server{\n\t\tAddr:    ":3000",\n\t\tHandler: nil,\n\t}\n\t_ = srv.ListenAndServe()\n}');
    expect(detectPort(literal, ".", MOD)).toMatchObject({ port: 3000, evidence: "main.go:9", candidates: [{ source: "server literal" }] });
  });

  it("environment defaults: a helper, a fallback after os.Getenv, cmp.Or and a value kept unless set", () => {
    const helper = mainWith('\t"net/http"\n\t"os"', 'func getEnv(k, def string) string {\n\tif v := os.Getenv(k); v != "" {\n\t\treturn v\n\t}\n\treturn def\n}\n\nfunc main() { _ = http.ListenAndServe(":"+getEnv("PORT", "3000"), nil) }');
    expect(detectPort(helper, ".", MOD).candidates[0]).toMatchObject({ port: 3000, env: "PORT", form: "port", source: "env default", detail: 'PORT defaults to "3000" (getEnv("PORT", ...))' });

    const fallback = mainWith('\t"os"', 'func main() {\n\tport := os.Getenv("PORT")\n\tif port == "" {\n\t\tport = "8081"\n\t}\n\t_ = port\n}');
    expect(detectPort(fallback, ".", MOD)).toMatchObject({ port: 8081, evidence: "main.go:8", candidates: [{ env: "PORT" }] });

    const cmpOr = mainWith('\t"cmp"\n\t"os"', 'func main() { _ = cmp.Or(os.Getenv("LISTEN_ADDR"), "127.0.0.1:9090") }');
    expect(detectPort(cmpOr, ".", MOD)).toMatchObject({ port: 9090, bindsLoopback: true, bindAddressEnv: "LISTEN_ADDR" });

    const kept = mainWith('\t"os"', 'func main() {\n\taddr := ":7070"\n\tif v := os.Getenv("HTTP_ADDR"); v != "" {\n\t\taddr = v\n\t}\n\t_ = addr\n}');
    expect(detectPort(kept, ".", MOD)).toMatchObject({ port: 7070, bindAddressEnv: "HTTP_ADDR" });
  });

  it("envconfig and env struct tags", () => {
    const dir = mainWith('\t"github.com/kelseyhightower/envconfig"', 'type Config struct {\n\tListenAddr string `envconfig:"LISTEN_ADDR" default:"127.0.0.1:8000"`\n\tDatabaseURL string `envconfig:"DATABASE_URL" default:"postgres://localhost:5432/x"`\n}\n\nfunc main() {\n\tvar c Config\n\t_ = envconfig.Process("", &c)\n}');
    expect(detectPort(dir, ".", MOD)).toMatchObject({ port: 8000, evidence: "main.go:8", bindsLoopback: true, bindAddressEnv: "LISTEN_ADDR", candidates: [{ name: "ListenAddr" }] });
  });

  it("pflag/cobra, kingpin with Envar, and urfave/cli flags", () => {
    const cobra = mainWith('\t"github.com/spf13/cobra"', 'func main() {\n\tvar addr string\n\tcmd := &cobra.Command{Use: "svc"}\n\tcmd.Flags().StringVarP(&addr, "listen", "l", ":7000", "address to listen on")\n}');
    expect(detectPort(cobra, ".", MOD)).toMatchObject({ port: 7000, bindAddressFlag: "--listen" });

    const kingpin = mainWith('\t"gopkg.in/alecthomas/kingpin.v2"', 'var listen = kingpin.Flag("web.listen-address", "Address to listen on.").\n\tDefault(":9100").\n\tEnvar("LISTEN_ADDRESS").\n\tString()\n\nfunc main() { kingpin.Parse() }');
    expect(detectPort(kingpin, ".", MOD)).toMatchObject({ port: 9100, evidence: "main.go:7", bindAddressFlag: "--web.listen-address", bindAddressEnv: "LISTEN_ADDRESS" });

    const urfave = mainWith('\t"github.com/urfave/cli/v2"', 'var flags = []cli.Flag{\n\t&cli.StringFlag{Name: "addr", Value: ":3000", EnvVars: []string{"ADDR"}},\n\t&cli.StringFlag{Name: "redis-addr", Value: "localhost:6379"},\n}\n\nfunc main() {}');
    expect(detectPort(urfave, ".", MOD)).toMatchObject({ port: 3000, bindAddressFlag: "--addr", bindAddressEnv: "ADDR", candidates: [{ port: 3000 }] });
  });

  it("a listener on port 0 is noted, not a candidate", () => {
    const dir = mainWith('\t"net"', 'func main() { _, _ = net.Listen("tcp", "127.0.0.1:0") }');
    expect(detectPort(dir, ".", MOD)).toMatchObject({ candidates: [], notes: ['net.Listen("127.0.0.1:0") at main.go:7 listens on a port the system picks'] });
  });

  it("ignores addresses it connects to and names that only end in port", () => {
    const dir = mainWith('\t"flag"', 'var (\n\tdb     = flag.String("db-addr", "localhost:5432", "database")\n\tup     = flag.String("upstream", "backend:8080", "proxied service")\n\texport = flag.Int("export", 10, "rows to export")\n)\n\nfunc main() { flag.Parse() }');
    expect(detectPort(dir, ".", MOD)).toEqual({ evidence: "", reason: "no port found in . or the module packages it imports", candidates: [], bindsLoopback: false, notes: [] });
  });
});
