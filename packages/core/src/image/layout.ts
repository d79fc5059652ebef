// Where things are inside the images gosynth builds: the one home of these
// paths, read by the Dockerfiles, compose.yaml and the Kubernetes probes.

/** Where the runtime image keeps the service binary. */
export function binaryPath(binaryName: string): string {
  return `/usr/local/bin/${binaryName}`;
}

/** gosynth's HTTP probe binary in the images. */
export const HEALTHPROBE_BINARY = "/usr/local/bin/healthprobe";

/** The health check as an exec-form command (HEALTHCHECK, compose, a Kubernetes exec probe), or undefined for none. */
export function healthcheckCommand(health: { readonly kind: string; readonly path?: string; readonly args?: readonly string[]; readonly port?: number }, binaryName: string, port: number): string[] | undefined {
  switch (health.kind) {
    case "subcommand":
      return [binaryPath(binaryName), ...(health.args ?? ["healthcheck"])];
    case "http":
      return [HEALTHPROBE_BINARY, `http://127.0.0.1:${health.port ?? port}${health.path}`];
    default:
      return undefined;
  }
}
