/** One field of an -ldflags value, and where it starts in that value. */
export interface LdflagsField {
  readonly text: string;
  readonly offset: number;
}

/** A `-X symbol=value` of an -ldflags value. */
export interface LdflagsX {
  readonly symbol: string;
  readonly value: string;
  /** Where the symbol starts in the -ldflags value. */
  readonly offset: number;
}

/**
 * Splits an -ldflags value as the go command does (blank-separated fields, a field may be wholly quoted
 * with ' or "), keeping `{{ ... }}` template actions (promu) in one field.
 */
export function splitLdflags(value: string): LdflagsField[] {
  const fields: LdflagsField[] = [];
  let i = 0;
  while (i < value.length) {
    if (/\s/.test(value[i])) {
      i++;
      continue;
    }
    const start = i;
    if (value[i] === "'" || value[i] === '"') {
      const close = value.indexOf(value[i], i + 1);
      const end = close < 0 ? value.length : close;
      fields.push({ text: value.slice(i + 1, end), offset: i + 1 });
      i = end + 1;
      continue;
    }
    let text = "";
    while (i < value.length && !/\s/.test(value[i])) {
      if (value.startsWith("{{", i)) {
        const close = value.indexOf("}}", i);
        const end = close < 0 ? value.length : close + 2;
        text += value.slice(i, end);
        i = end;
      } else {
        text += value[i++];
      }
    }
    fields.push({ text, offset: start });
  }
  return fields;
}

/** The `-X sym=value` (and `-X=sym=value`) settings of an -ldflags value, in order. */
export function ldflagsX(value: string): LdflagsX[] {
  const fields = splitLdflags(value);
  const result: LdflagsX[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    let setting: LdflagsField | undefined;
    if (f.text === "-X" || f.text === "--X") setting = fields[++i];
    else if (/^--?X=/.test(f.text)) {
      const skip = f.text.indexOf("=") + 1;
      setting = { text: f.text.slice(skip), offset: f.offset + skip };
    }
    const eq = setting ? setting.text.indexOf("=") : -1;
    if (setting && eq > 0) {
      result.push({ symbol: setting.text.slice(0, eq), value: setting.text.slice(eq + 1), offset: setting.offset });
    }
  }
  return result;
}
