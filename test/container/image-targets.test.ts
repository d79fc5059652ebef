import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { synth } from "../../packages/core/test/util";
import { mustRun, run } from "../helpers/project";
import { buildStandins, dockerfileBases, PODMAN_ENV } from "../helpers/standins";
import { systemTool } from "../helpers/tools";
import { waitForAnswer } from "../helpers/http";

// A repository with two servers (fleetd and auth, each answering its own name) keeps
// an image per server: the Dockerfile's default target runs fleetd, --target auth
// runs auth. Built with podman on the offline stand-ins; podman does not fill
// $BUILDPLATFORM in FROM, so it is passed.
const podman = systemTool("podman");

/** A main that serves its own name on $PORT (8080 without it). */
function server(name: string): string {
  return `package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "${name}") })
	if err := http.ListenAndServe(":"+port, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`;
}

function pod(args: string[], cwd: string): string {
  return mustRun(podman!, args, cwd, PODMAN_ENV);
}

describe.skipIf(!podman)("image targets: one image per server binary (podman, offline stand-ins)", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "gosynth-image-targets-")), "fleet");
  const sources: Record<string, string> = {
    "go.mod": "module example.com/acme/fleet\n\ngo 1.24\n",
    "cmd/fleetd/main.go": server("fleetd"),
    "cmd/auth/main.go": server("auth"),
  };
  for (const [path, text] of Object.entries(sources)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }

  beforeAll(() => {
    const { files } = synth(
      {
        name: "fleet",
        modulePath: "example.com/acme/fleet",
        binaryName: "fleetd",
        mainPackage: "./cmd/fleetd",
        starterCode: false,
        portFromEnv: true,
        // auth listens on a port of its own: its image sets PORT and EXPOSEs it, the service's stays 8080.
        binaries: [{ name: "auth", mainPackage: "./cmd/auth", image: true, ports: [9000] }],
      },
      dir,
    );
    buildStandins(dockerfileBases(files["Dockerfile"]));
  });

  it.each([
    ["the default target", "fleetd", 8080, []],
    ["--target auth", "auth", 9000, ["--target", "auth"]],
  ] as const)("%s runs %s as its entrypoint, non-root, and serves on the port it EXPOSEs (%i)", async (_what, binary, port, target) => {
    const tag = `localhost/gosynth-test/fleet-${binary}:test`;
    pod(["build", "--format", "docker", "--pull=never", "--build-arg", "BUILDPLATFORM=linux/amd64", ...target, "-t", tag, "."], dir);
    expect(JSON.parse(pod(["image", "inspect", "--format", "{{json .Config.Entrypoint}}", tag], dir))).toEqual([`/usr/local/bin/${binary}`]);
    expect(pod(["image", "inspect", "--format", "{{.Config.User}}", tag], dir).trim()).toBe("65532:65532");
    expect(Object.keys(JSON.parse(pod(["image", "inspect", "--format", "{{json .Config.ExposedPorts}}", tag], dir)))).toEqual([`${port}/tcp`]);
    const hostPort = 21000 + Math.floor(Math.random() * 9000);
    const container = pod(["run", "-d", "-p", `127.0.0.1:${hostPort}:${port}`, tag], dir).trim();
    try {
      expect((await waitForAnswer(`http://127.0.0.1:${hostPort}/`, 150)).body).toBe(binary);
    } finally {
      run(podman!, ["rm", "-f", container], dir, PODMAN_ENV);
    }
  });
});
