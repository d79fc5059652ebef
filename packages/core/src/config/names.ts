import { binaryNameFromModule, majorVersionSuffix, sanitizeBinaryName } from "../go/module";

// Names derived from other names, each mapped to the rules of the file that uses
// it, so a value that validates is valid wherever it lands.

/** The binary name: the project name, else the module's last element (never a /vN suffix). */
export function defaultBinaryName(projectName: string, modulePath: string): string {
  return sanitizeBinaryName(projectName.replace(/[^A-Za-z0-9._-]+/g, "-")) || binaryNameFromModule(modulePath);
}

/** Lower-case, any run of other characters as one "-", trimmed: a valid path component, or undefined. */
function slug(text: string, allowed: RegExp): string | undefined {
  const s = text.toLowerCase().replace(allowed, "-").replace(/-+/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return s || undefined;
}

/** A compose service name for a binary name: "MyApi" -> "myapi", "api.v2" -> "api-v2". */
export function composeServiceName(binaryName: string): string {
  return slug(binaryName, /[^a-z0-9_-]+/g) ?? "service";
}

/** A Kubernetes object name (a DNS label) for a binary name: "api_v2" -> "api-v2", "2fa" -> "fa". */
export function kubernetesName(binaryName: string): string {
  const label = (slug(binaryName, /[^a-z0-9-]+/g) ?? "").replace(/^[^a-z]+/, "").slice(0, 63).replace(/-+$/, "");
  return label || "service";
}

/**
 * The image repository a module suggests: ghcr.io/<owner>/<binary> for
 * github.com/<owner>/...; for other hosts the first path element that is not a
 * major version (example.app/v2 -> ghcr.io/example/<binary>), else the host's
 * first label.
 */
export function defaultImageRepository(modulePath: string, binaryName: string): string {
  const suffix = majorVersionSuffix(modulePath);
  const elements = modulePath.split("/").filter((e, i, all) => !(suffix && i === all.length - 1 && e === suffix));
  const [host = "", ...path] = elements;
  const owner = host === "github.com" ? path[0] : (path.length > 1 ? path[0] : undefined) ?? host.split(".")[0];
  const component = /[^a-z0-9]+/g;
  return `ghcr.io/${slug(owner ?? "", component) ?? "example"}/${slug(binaryName, component) ?? "service"}`;
}
