/**
 * The key path of every line of a block-style YAML file as gosynth and projen
 * write it ("jobs.go.steps[2].with"): enough to name the element a line
 * belongs to, without a YAML parser. Lines of a block scalar (`run: |`) belong
 * to their key; blank and comment lines to the element that follows.
 */
export function yamlLinePaths(text: string): string[] {
  const lines = text.split("\n");
  const paths: string[] = new Array(lines.length).fill("");
  const stack: { indent: number; segment: string }[] = [];
  const itemCounts = new Map<string, number>();
  let scalarIndent: number | undefined;
  let scalarPath = "";
  const join = () => stack.map((s) => s.segment).join(".").replace(/\.\[/g, "[");
  for (const [i, line] of lines.entries()) {
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    if (scalarIndent !== undefined && (content === "" || indent > scalarIndent)) {
      paths[i] = scalarPath;
      continue;
    }
    scalarIndent = undefined;
    if (content === "" || content.startsWith("#")) continue;
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop();
    let rest = content;
    let keyIndent = indent;
    if (rest === "-" || rest.startsWith("- ")) {
      const parent = `${join()}@${indent}`;
      const index = itemCounts.get(parent) ?? 0;
      itemCounts.set(parent, index + 1);
      stack.push({ indent, segment: `[${index}]` });
      rest = rest.slice(1).trimStart();
      keyIndent = indent + 2;
    }
    const key = /^("[^"]*"|'[^']*'|[^:#]+?):(\s|$)/.exec(rest);
    if (key) {
      stack.push({ indent: keyIndent, segment: key[1].replace(/^["']|["']$/g, "") });
      if (/:\s*[|>][-+]?\s*$/.test(rest)) {
        scalarIndent = keyIndent;
        scalarPath = join();
      }
    }
    paths[i] = join();
  }
  // Blank and comment lines belong to the next element.
  for (let i = paths.length - 2; i >= 0; i--) if (paths[i] === "") paths[i] = paths[i + 1];
  return paths;
}

/** The lines of the element at a key path (the element and everything under it). */
export function yamlElement(text: string, path: string): string {
  const paths = yamlLinePaths(text);
  return text
    .split("\n")
    .filter((_, i) => paths[i] === path || paths[i].startsWith(`${path}.`) || paths[i].startsWith(`${path}[`))
    .join("\n");
}
