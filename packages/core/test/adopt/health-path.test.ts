import { describe, expect, it } from "vitest";
import { detectHealthPath } from "../../src/adopt/health-path";
import { writeModule } from "./helpers";

const MOD = "example.com/acme/svc";
const GO_MOD = `module ${MOD}\n\ngo 1.22\n`;

describe("detectHealthPath: shapes of real services", () => {
  it("an exporter's /-/healthy under a route prefix", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "main.go": `package main

import (
	"net/http"
	"path"
)

var routePrefix = new(string)

func main() {
	http.Handle(path.Join(*routePrefix, "/metrics"), nil)
	http.HandleFunc(path.Join(*routePrefix, "/-/healthy"), func(w http.ResponseWriter, _ *http.Request) {})
	http.HandleFunc(path.Join(*routePrefix, "/probe"), nil)
	_ = http.ListenAndServe(":9115", nil)
}
`,
    });
    const r = detectHealthPath(dir, ".", MOD);
    expect(r).toMatchObject({ path: "/-/healthy", evidence: "main.go:12" });
    expect(r.port).toBeUndefined();
    expect(r.reason).toBe('. serves /-/healthy: http.HandleFunc("/-/healthy") under path.Join(...) at main.go:12');
    expect(r.notes).toEqual(["/-/healthy (main.go:12) is registered under path.Join(...): a configured prefix would move it; assumed empty"]);
  });

  it("/healthz from a path constant on the monitoring port, not the client port", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/broker/v2\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport "example.com/acme/broker/v2/server"\n\nfunc main() { server.Run() }\n',
      "server/const.go": `package server

const (
	// DEFAULT_PORT is where clients connect.
	DEFAULT_PORT = 4222

	// DEFAULT_HTTP_PORT is the default monitoring port.
	DEFAULT_HTTP_PORT = 8222
)
`,
      "server/server.go": `package server

import (
	"net"
	"net/http"
	"path"
	"strconv"
)

const (
	VarzPath    = "/varz"
	HealthzPath = "/healthz"
)

type Options struct{ Port, HTTPPort int }

type Server struct {
	opts     *Options
	basePath string
}

func Run() {
	opts := &Options{}
	if opts.Port == 0 {
		opts.Port = DEFAULT_PORT
	}
	s := &Server{opts: opts}
	s.startMonitoring()
}

func (s *Server) base(p string) string { return path.Join(s.basePath, p) }

func (s *Server) startMonitoring() {
	l, _ := net.Listen("tcp", net.JoinHostPort("", strconv.Itoa(s.opts.HTTPPort)))
	mux := http.NewServeMux()
	mux.HandleFunc(s.base(VarzPath), nil)
	mux.HandleFunc(s.base(HealthzPath), nil)
	_ = http.Serve(l, mux)
}
`,
    });
    const r = detectHealthPath(dir, ".", "example.com/acme/broker/v2");
    expect(r).toMatchObject({ path: "/healthz", evidence: "server/server.go:37", port: 8222, portEvidence: "server/const.go:8" });
    expect(r.reason).toContain("on port 8222 (registered in startMonitoring (monit), like DEFAULT_HTTP_PORT");
    expect(r.reason).toContain("not the main port 4222");
    // The constant is the route, not a second candidate.
    expect(r.candidates.map((c) => c.path)).toEqual(["/healthz"]);
  });

  it("prefers /healthz among several probes, skips POST-only routes and a client's Get", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/reader/v2\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport "example.com/acme/reader/v2/internal/cli"\n\nfunc main() { cli.Run() }\n',
      "internal/cli/cli.go": 'package cli\n\nimport "example.com/acme/reader/v2/internal/http/server"\n\nfunc Run() { server.Start() }\n',
      "internal/http/server/routes.go": `package server

import "net/http"

func Start() {
	appMux := http.NewServeMux()
	appMux.HandleFunc("GET /healthcheck", nil)
	appMux.HandleFunc("POST /health", nil)
	appMux.HandleFunc("GET /v1/integrations/status", nil)

	rootMux := http.NewServeMux()
	rootMux.HandleFunc("/liveness", nil)
	rootMux.HandleFunc("/healthz", nil)
	rootMux.HandleFunc("/readiness", nil)
	_ = http.ListenAndServe("127.0.0.1:8080", rootMux)
}
`,
      "client/client.go": `package client

import "context"

type request struct{}

func (r *request) Get(ctx context.Context, path string) error { return nil }

type Client struct{ request *request }

func (c *Client) Healthcheck(ctx context.Context) error { return c.request.Get(ctx, "/ping") }
`,
    });
    const r = detectHealthPath(dir, ".", "example.com/acme/reader/v2");
    expect(r).toMatchObject({ path: "/healthz", evidence: "internal/http/server/routes.go:13" });
    expect(r.candidates.map((c) => c.path)).toEqual(["/healthz", "/liveness", "/healthcheck", "/readiness"]);
  });

  it("ardanlabs web: a local API version constant before the path, two imports away", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/service\n\ngo 1.22\n",
      "api/services/orders/main.go": 'package main\n\nimport "example.com/acme/service/api/services/orders/build"\n\nfunc main() { build.Routes() }\n',
      "api/services/orders/build/all.go": '// Package build binds the routes.\npackage build\n\nimport "example.com/acme/service/app/domain/checkapp"\n\nfunc Routes() { checkapp.Routes(nil) }\n',
      "app/domain/checkapp/route.go": `package checkapp

import (
	"net/http"

	"example.com/acme/service/foundation/web"
)

func Routes(app *web.App) {
	const version = "v1"

	app.HandlerFuncNoMid(http.MethodGet, version, "/readiness", nil)
	app.HandlerFuncNoMid(http.MethodGet, version, "/liveness", nil)
	app.HandlerFunc(http.MethodPost, version, "/health", nil)
}
`,
      "foundation/web/web.go": "package web\n\ntype App struct{}\n\nfunc (a *App) HandlerFuncNoMid(method, group, path string, h any) {}\n\nfunc (a *App) HandlerFunc(method, group, path string, h any) {}\n",
    });
    const r = detectHealthPath(dir, "./api/services/orders", "example.com/acme/service");
    expect(r).toMatchObject({ path: "/v1/liveness", evidence: "app/domain/checkapp/route.go:13" });
    expect(r.reason).toBe('./api/services/orders serves /v1/liveness: app.HandlerFuncNoMid("/liveness") in API version v1 at app/domain/checkapp/route.go:13; also /v1/readiness (app/domain/checkapp/route.go:12)');
  });

  it("a /status/{code} route has a parameter: no probe, with a note", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\tmux := http.NewServeMux()\n\tmux.HandleFunc("GET /get", nil)\n\tmux.HandleFunc("/status/{code}", nil)\n\t_ = http.ListenAndServe(":8080", mux)\n}\n',
    });
    expect(detectHealthPath(dir, ".", MOD)).toEqual({
      evidence: "",
      reason: "no health-like route registered by . or the module packages it imports",
      candidates: [],
      notes: ["/status/{code} (main.go:8) has a path parameter: not used as a probe"],
    });
  });

  it("a ServeHTTP switch on URL.Path with strings.HasPrefix", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "cmd/svcd/main.go": 'package main\n\nimport "example.com/acme/svc/http"\n\nfunc main() { http.Serve() }\n',
      "http/service.go": `package http

import (
	"net/http"
	"strings"
)

type Service struct{}

func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/boot":
	case strings.HasPrefix(r.URL.Path, "/readyz"):
	case strings.HasPrefix(r.URL.Path, "/status"):
	}
}

func Serve() { _ = http.ListenAndServe(":4001", &Service{}) }
`,
    });
    const r = detectHealthPath(dir, "./cmd/svcd", MOD);
    expect(r).toMatchObject({ path: "/status", evidence: "http/service.go:14" });
    expect(r.candidates.map((c) => [c.path, c.how])).toEqual([
      ["/status", 'strings.HasPrefix(URL.Path, "/status")'],
      ["/readyz", 'strings.HasPrefix(URL.Path, "/readyz")'],
    ]);
  });
});

describe("detectHealthPath: routers and scope", () => {
  it("gin groups, chi Route blocks and a switch on r.URL.Path", () => {
    const gin = writeModule({
      "go.mod": GO_MOD,
      "main.go": 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.New()\n\tapi := r.Group("/api")\n\tapi.GET("/health", nil)\n\t_ = r.Run(":8080")\n}\n',
    });
    expect(detectHealthPath(gin, ".", MOD)).toMatchObject({ path: "/api/health", evidence: "main.go:8" });

    const chi = writeModule({
      "go.mod": GO_MOD,
      "main.go": 'package main\n\nimport "github.com/go-chi/chi/v5"\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Route("/v1", func(r chi.Router) {\n\t\tr.Get("/liveness", nil)\n\t\tr.Post("/healthz", nil)\n\t})\n}\n',
    });
    expect(detectHealthPath(chi, ".", MOD)).toMatchObject({ path: "/v1/liveness", evidence: "main.go:8" });

    const sw = writeModule({
      "go.mod": GO_MOD,
      "main.go": 'package main\n\nimport "net/http"\n\nfunc handle(w http.ResponseWriter, r *http.Request) {\n\tswitch r.URL.Path {\n\tcase "/":\n\tcase "/ping", "/version":\n\t}\n}\n\nfunc main() {}\n',
    });
    expect(detectHealthPath(sw, ".", MOD)).toMatchObject({ path: "/ping", evidence: "main.go:8" });
  });

  it("prefers a route the main package links over a better name in another binary's package", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "cmd/api/main.go": 'package main\n\nimport "example.com/acme/svc/internal/api"\n\nfunc main() { api.Serve() }\n',
      "internal/api/api.go": 'package api\n\nimport "net/http"\n\nfunc Serve() {\n\thttp.HandleFunc("/ping", nil)\n}\n',
      "cmd/admin/main.go": 'package main\n\nimport "example.com/acme/svc/internal/admin"\n\nfunc main() { admin.Serve() }\n',
      "internal/admin/admin.go": 'package admin\n\nimport "net/http"\n\nfunc Serve() {\n\thttp.HandleFunc("/healthz", nil)\n}\n',
      "examples/demo/demo.go": 'package demo\n\nimport "net/http"\n\nfunc Serve() { http.HandleFunc("/health", nil) }\n',
    });
    const r = detectHealthPath(dir, "./cmd/api", MOD);
    expect(r.path).toBe("/ping");
    expect(r.candidates.map((c) => [c.path, c.linkedFromMain])).toEqual([
      ["/ping", true],
      ["/healthz", false],
    ]);
  });

  it("a health route on its own listener in the same function", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "main.go": `package main

import "net/http"

func startProbes() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", nil)
	go func() { _ = http.ListenAndServe(":9090", mux) }()
}

func main() {
	startProbes()
	_ = http.ListenAndServe(":8080", nil)
}
`,
    });
    expect(detectHealthPath(dir, ".", MOD)).toMatchObject({ path: "/healthz", port: 9090, portEvidence: "main.go:8" });
  });

  it("reports a health path constant it never saw registered, without choosing it", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "main.go": 'package main\n\nconst healthPath = "/health"\n\nfunc main() {}\n',
    });
    const r = detectHealthPath(dir, ".", MOD);
    expect(r.path).toBeUndefined();
    expect(r.reason).toBe('no health-like route registered by . or the module packages it imports; declared but not seen registered: /health (main.go:3)');
    expect(r.candidates).toEqual([{ path: "/health", evidence: "main.go:3", how: 'const healthPath = "/health"', pkg: ".", linkedFromMain: true, registered: false }]);
  });
});
