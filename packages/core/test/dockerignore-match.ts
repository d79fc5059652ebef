// A small matcher with Docker's .dockerignore semantics (Go filepath.Match
// per pattern, "**" for any number of directories, a pattern also excludes
// everything below a matched directory, later "!" patterns re-include), for tests.
function toRegExp(pattern: string): RegExp {
  let p = pattern.replace(/^\/+/, "").replace(/\/+$/, "");
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "*" && p[i + 1] === "*") {
      re += ".*";
      i++;
      if (p[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  p = re;
  return new RegExp(`^${p}(/.*)?$`);
}

export function matchesDockerignore(content: string, path: string): boolean {
  let excluded = false;
  for (const raw of content.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const negate = line.startsWith("!");
    if (toRegExp(negate ? line.slice(1) : line).test(path)) excluded = !negate;
  }
  return excluded;
}
