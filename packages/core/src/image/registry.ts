/**
 * Where an image repository lives and how CI logs in to it. Follows the
 * Docker reference grammar: the first path component is a registry host only
 * when it has a "." or ":" or is "localhost"; otherwise the repository is on
 * Docker Hub ("acme/hello" is docker.io/acme/hello, not a registry "acme").
 */
export interface ImageRegistry {
  /** Registry host for docker/login-action: "ghcr.io", "docker.io", "registry.example.com:5000". */
  readonly host: string;
  /** Workflow expression of the login user. */
  readonly username: string;
  /** Workflow expression of the login password or token. */
  readonly password: string;
  /** GitHub's registry: the workflow token logs in, which needs `packages: write`. */
  readonly usesGithubToken: boolean;
}

export const DOCKER_HUB = "docker.io";

/** The registry host of an image repository reference. */
export function registryHost(repository: string): string {
  const first = repository.split("/")[0];
  const isHost = repository.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  return isHost ? first : DOCKER_HUB;
}

/** Registry facts for CI's login step. */
export function imageRegistry(repository: string): ImageRegistry {
  const host = registryHost(repository);
  if (host === "ghcr.io") {
    return { host, username: "${{ github.actor }}", password: "${{ secrets.GITHUB_TOKEN }}", usesGithubToken: true };
  }
  if (host === DOCKER_HUB) {
    return { host, username: "${{ secrets.DOCKERHUB_USERNAME }}", password: "${{ secrets.DOCKERHUB_TOKEN }}", usesGithubToken: false };
  }
  return { host, username: "${{ secrets.REGISTRY_USERNAME }}", password: "${{ secrets.REGISTRY_PASSWORD }}", usesGithubToken: false };
}
