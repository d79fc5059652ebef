// GNU make's reading of a makefile, as far as the importer needs it: logical lines (a backslash
// continues a line), comments, and the places outside $(...)/${...} where make looks for its syntax.

/** A logical line: one or more physical lines joined by backslash-newline (kept in text). */
export interface LogicalLine {
  /** The joined text, backslash-newlines kept: offsets map back to physical lines. */
  readonly text: string;
  /** 1-based line of its first physical line. */
  readonly line: number;
}

export function logicalLines(source: string): LogicalLine[] {
  const physical = source.replace(/\r\n?/g, "\n").split("\n");
  if (physical.length && physical[physical.length - 1] === "") physical.pop();
  const lines: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let text = physical[i]!;
    while (continues(text) && i + 1 < physical.length) text += "\n" + physical[++i]!;
    lines.push({ text, line: start + 1 });
  }
  return lines;
}

/** An odd number of trailing backslashes continues the line. */
function continues(text: string): boolean {
  const trailing = /\\+$/.exec(text);
  return trailing !== null && trailing[0].length % 2 === 1;
}

/** The line of an offset into a logical line's text. */
export function lineAt(line: LogicalLine, offset: number): number {
  let newlines = 0;
  for (let i = 0; i < offset && i < line.text.length; i++) if (line.text[i] === "\n") newlines++;
  return line.line + newlines;
}

/** How make reads a continued non-recipe line: backslash-newline and the whitespace around it become one space. */
export function joinContinuations(text: string): string {
  return text.replace(/[ \t]*\\\n[ \t]*/g, " ");
}

/**
 * For each character of text, whether make reads it as part of a variable reference or function
 * call ($(...), ${...}, nested), where its syntax (`#`, `:`, `=`, spaces between words) does not apply.
 */
export function referenceMask(text: string): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false);
  const closers: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (closers.length) {
      mask[i] = true;
      if (c === "$" && (text[i + 1] === "(" || text[i + 1] === "{")) {
        closers.push(text[i + 1] === "(" ? ")" : "}");
        mask[++i] = true;
      } else if (c === "(" || c === "{") {
        closers.push(c === "(" ? ")" : "}");
      } else if (c === closers[closers.length - 1]) {
        closers.pop();
      }
    } else if (c === "$" && text[i + 1] === "$") {
      i++; // an escaped dollar: "$$(" is the shell's, not make's
    } else if (c === "$" && (text[i + 1] === "(" || text[i + 1] === "{")) {
      closers.push(text[i + 1] === "(" ? ")" : "}");
      mask[i] = mask[i + 1] = true;
      i++;
    }
  }
  return mask;
}

/** The first index of one of chars outside references in text, or -1. */
export function findTopLevel(text: string, chars: string): number {
  const mask = referenceMask(text);
  for (let i = 0; i < text.length; i++) if (!mask[i] && chars.includes(text[i]!)) return i;
  return -1;
}

/** A non-recipe line split at its comment: make's `#`, unless escaped or inside a reference. */
export function splitComment(text: string): { code: string; comment?: string } {
  const mask = referenceMask(text);
  for (let i = 0; i < text.length; i++) {
    if (!mask[i] && text[i] === "#" && text[i - 1] !== "\\") return { code: text.slice(0, i), comment: text.slice(i + 1) };
  }
  return { code: text };
}

/** Words separated by whitespace outside references: `$(addprefix a, b)` stays one word. */
export function words(text: string): string[] {
  const mask = referenceMask(text);
  const result: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    if (!mask[i] && /\s/.test(text[i]!)) {
      if (current) result.push(current);
      current = "";
    } else {
      current += text[i];
    }
  }
  if (current) result.push(current);
  return result;
}
