/**
 * projen's `new` command hands numeric-looking flags over as numbers, so
 * `--go-version 1.20` reaches the options as 1.2. The original text is still
 * in this process's argv (projen creates the project in-process): recover it
 * from there, or give up so the caller can stop with a clear error.
 */
export function recoverNumericFlag(value: number, flag: string, argv: readonly string[] = process.argv): string | undefined {
  const camel = flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  for (let i = 0; i < argv.length; i++) {
    for (const name of [`--${flag}`, `--${camel}`]) {
      let raw: string | undefined;
      if (argv[i] === name) raw = argv[i + 1];
      else if (argv[i].startsWith(`${name}=`)) raw = argv[i].slice(name.length + 1);
      if (raw !== undefined && Number(raw) === value) return raw;
    }
  }
  return undefined;
}
