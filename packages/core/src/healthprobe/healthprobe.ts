import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { RenderedFile } from "../files/rendered-file";

/** Where the probe's sources live in the project: a module of its own in a dot directory, which `./...` and linters skip. */
export const HEALTHPROBE_DIR = ".gosynth/healthprobe";

const MAIN_GO = `// Command healthprobe is gosynth's HTTP health check for images without a
// shell or curl (distroless, scratch): it GETs the URL given as its only
// argument and exits 0 on a 2xx or 3xx answer, 1 otherwise.
package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: healthprobe <url>")
		os.Exit(2)
	}
	client := &http.Client{
		Timeout: 2 * time.Second,
		// A redirect answers too: the service is up.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Get(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_ = resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode >= 400 {
		fmt.Fprintln(os.Stderr, resp.Status)
		os.Exit(1)
	}
}
`;

/** Props of the probe's sources. */
export interface HealthProbeSourcesProps {
  /** Go line of the probe's module: no newer than the Go that builds it (the builder image's). */
  readonly goVersion: string;
}

/**
 * The sources of the probe binary an HTTP health check runs: a standard
 * library-only module of its own, so it never touches the service's go.mod.
 */
export class HealthProbeSources extends Component {
  public constructor(scope: IConstruct, id: string, props: HealthProbeSourcesProps) {
    super(scope, id);
    // Its go line is the service's minor (never newer than the builder): the probe needs nothing newer than Go 1.16.
    new RenderedFile(this, `${HEALTHPROBE_DIR}/go.mod`, (marker) => `${marker}\nmodule gosynth.local/healthprobe\n\ngo ${props.goVersion}\n`, { markerComment: "//" });
    new RenderedFile(this, `${HEALTHPROBE_DIR}/main.go`, (marker) => `${marker}\n${MAIN_GO}`, { markerComment: "//" });
  }
}
