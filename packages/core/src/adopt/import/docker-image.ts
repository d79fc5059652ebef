/** An image reference after FROM (or `COPY --from=`), as written and with the ARG defaults substituted. */
export interface ImageRef {
  readonly written: string;
  readonly resolved: string;
  /** Variables with no known value; the reference is then only partly known. */
  readonly unresolved: string[];
  /** "gcr.io", "quay.io", "docker.io": absent for Docker Hub short names. */
  readonly registry?: string;
  /** The path without registry, tag or digest: "distroless/static-debian12", "library/alpine", "alpine". */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type ImageFamily =
  | "distroless-static"
  | "distroless-base"
  | "distroless-cc"
  | "distroless-other"
  | "alpine"
  | "scratch"
  | "busybox"
  | "debian"
  | "ubuntu"
  | "other"
  /** The reference depends on a variable with no known value. */
  | "unknown";

export function imageRef(written: string, resolved: string, unresolved: string[]): ImageRef {
  const at = resolved.indexOf("@");
  const digest = at >= 0 ? resolved.slice(at + 1) : undefined;
  const name = at >= 0 ? resolved.slice(0, at) : resolved;
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const path = colon > slash ? name.slice(0, colon) : name;
  const parts = path.split("/");
  const hasRegistry = parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === "localhost");
  return {
    written,
    resolved,
    unresolved,
    ...(hasRegistry && { registry: parts[0] }),
    repository: (hasRegistry ? parts.slice(1) : parts).join("/"),
    ...(tag !== undefined && { tag }),
    ...(digest !== undefined && { digest }),
  };
}

/** The last path element, lower-cased: "static-debian12", "alpine", "busybox-linux-amd64". */
function imageName(ref: ImageRef): string {
  const parts = ref.repository.toLowerCase().split("/");
  return parts[parts.length - 1];
}

export function imageFamily(ref: ImageRef): ImageFamily {
  if (ref.repository.includes("$")) return "unknown";
  const repository = ref.repository.toLowerCase();
  const name = imageName(ref);
  if (repository.startsWith("distroless/") || repository.includes("/distroless/")) {
    if (name.startsWith("static")) return "distroless-static";
    if (name.startsWith("base-nossl")) return "distroless-other";
    if (name.startsWith("base")) return "distroless-base";
    if (name.startsWith("cc")) return "distroless-cc";
    return "distroless-other";
  }
  if (repository === "scratch") return "scratch";
  if (name === "alpine") return "alpine";
  if (name === "busybox" || name.startsWith("busybox-")) return "busybox";
  if (name === "debian") return "debian";
  if (name === "ubuntu") return "ubuntu";
  return "other";
}

const DEBIAN_CODENAMES: { readonly [codename: string]: string } = {
  stretch: "debian9", buster: "debian10", bullseye: "debian11", bookworm: "debian12", trixie: "debian13",
  forky: "debian14",
};

/**
 * The Debian release an image is built on, when its name says so: distroless's `-debian12`, a codename
 * in the tag (`debian:bookworm-slim`, `golang:1.26-trixie`), or `debian:12`.
 */
export function debianRelease(ref: ImageRef): string | undefined {
  const name = imageName(ref);
  const suffix = /-debian(\d+)$/.exec(name);
  if (suffix) return `debian${suffix[1]}`;
  const tag = ref.tag?.toLowerCase() ?? "";
  for (const part of tag.split(/[-_.]/)) if (Object.prototype.hasOwnProperty.call(DEBIAN_CODENAMES, part)) return DEBIAN_CODENAMES[part];
  const numbered = /^(\d+)(?:[.-]|$)/.exec(tag);
  return name === "debian" && numbered ? `debian${numbered[1]}` : undefined;
}

/** Distroless's `:nonroot`, `:nonroot-amd64`, `:debug-nonroot`: the image's default user is 65532. */
export function isNonrootTag(ref: ImageRef): boolean {
  return imageFamily(ref).startsWith("distroless-") && (ref.tag ?? "").toLowerCase().split("-").includes("nonroot");
}

/** An official Go image: `golang`, `library/golang`, under any registry or mirror. */
export function isGolangImage(ref: ImageRef): boolean {
  const repository = ref.repository.toLowerCase();
  return repository === "golang" || repository.endsWith("library/golang");
}

/** The Go version a golang tag names: "1.26" of `1.26-bookworm`, "1.25.3" of `1.25.3-alpine3.22`. */
export function golangTagVersion(ref: ImageRef): string | undefined {
  const m = /^(\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?)(?:-|$)/.exec(ref.tag ?? "");
  return m ? m[1] : undefined;
}
