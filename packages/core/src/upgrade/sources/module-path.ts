// Module paths in Go module proxy URLs (https://go.dev/ref/mod#goproxy-protocol): proxies serve
// case-insensitive file systems too, so each uppercase letter is written "!" + its lowercase.

// The characters Go allows in a module path (golang.org/x/mod/module.CheckPath): ASCII letters,
// digits and - . _ ~, elements separated by "/".
const ELEMENT = /^[A-Za-z0-9\-_~][A-Za-z0-9\-._~]*$/;

/**
 * "github.com/BurntSushi/toml" -> "github.com/!burnt!sushi/toml". Throws a TypeError for a path
 * Go would reject (this also keeps "..", "!" or "%" out of the URL and the file:// path).
 */
export function escapeModulePath(module: string): string {
  const elements = module.split("/");
  for (const e of elements) {
    if (!ELEMENT.test(e) || e.endsWith(".")) {
      throw new TypeError(`invalid module path ${JSON.stringify(module)}: bad element ${JSON.stringify(e)}`);
    }
  }
  return module.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}
