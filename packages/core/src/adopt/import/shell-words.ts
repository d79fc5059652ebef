/** A word with its quotes removed, and where its text starts in the input (for line numbers). */
export interface Word {
  readonly value: string;
  readonly offset: number;
}

export interface SplitOptions {
  /** The escape character: "\\", or "`" under a Dockerfile `# escape=` directive. */
  readonly escape?: string;
  /** Shell mode: `&&`, `||`, `;`, `|`, `&`, `(`, `)` and newlines separate commands, `#` starts a comment. */
  readonly commands?: boolean;
}

const OPERATOR_CHARS = new Set(["&", "|", ";", "(", ")"]);

/**
 * Splits text into words the way a shell (or Dockerfile ENV/LABEL/COPY) does: quotes are removed, escapes
 * applied, `$VAR`, `${VAR}` and `$(...)` kept as written. In command mode the result is a list of commands.
 */
export function splitCommands(text: string, options: SplitOptions = {}): Word[][] {
  const escape = options.escape ?? "\\";
  const commands: Word[][] = [[]];
  let value = "";
  let start = -1;
  const endWord = () => {
    if (start >= 0) commands[commands.length - 1].push({ value, offset: start });
    value = "";
    start = -1;
  };
  const endCommand = () => {
    endWord();
    if (commands[commands.length - 1].length > 0) commands.push([]);
  };
  const begin = (i: number) => {
    if (start < 0) start = i;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\r") {
      endWord();
      i++;
    } else if (c === "\n") {
      if (options.commands) endCommand();
      else endWord();
      i++;
    } else if (c === escape) {
      if (text[i + 1] === "\n") {
        i += 2; // a continued line
      } else {
        begin(i);
        if (i + 1 < text.length) value += text[i + 1];
        i += 2;
      }
    } else if (c === "'") {
      begin(i);
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      value += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      begin(i);
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === escape && i + 1 < text.length && ['"', "$", escape, "\n", "`"].includes(text[i + 1])) {
          if (text[i + 1] !== "\n") value += text[i + 1];
          i += 2;
        } else if (text[i] === "$" && (text[i + 1] === "{" || text[i + 1] === "(")) {
          const end = closingBracket(text, i + 1);
          value += text.slice(i, end);
          i = end;
        } else {
          value += text[i];
          i++;
        }
      }
      i++;
    } else if (c === "$" && (text[i + 1] === "{" || text[i + 1] === "(")) {
      begin(i);
      const end = closingBracket(text, i + 1);
      value += text.slice(i, end);
      i = end;
    } else if (options.commands && c === "#" && start < 0) {
      const newline = text.indexOf("\n", i);
      i = newline < 0 ? text.length : newline;
    } else if (options.commands && OPERATOR_CHARS.has(c)) {
      endCommand();
      i++;
    } else {
      begin(i);
      value += c;
      i++;
    }
  }
  endWord();
  if (commands.length > 1 && commands[commands.length - 1].length === 0) commands.pop();
  return commands;
}

/** The words of text (no command separators). */
export function splitWords(text: string, escape = "\\"): Word[] {
  return splitCommands(text, { escape })[0];
}

/** The index just past the bracket that closes the one at `open` ("{" or "("), nesting counted. */
function closingBracket(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === "{" ? "}" : ")";
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === opener) depth++;
    else if (text[i] === closer && --depth === 0) return i + 1;
  }
  return text.length;
}
