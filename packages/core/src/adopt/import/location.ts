/** Where a fact was read: a file of the repository (relative, with "/") and a 1-based line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** A value read from a repository file, with where it was read. */
export interface Found<T> {
  readonly value: T;
  readonly at: SourceLocation;
}

/** "Dockerfile:12": how a plan names a place. */
export function formatLocation(at: SourceLocation): string {
  return `${at.file}:${at.line}`;
}
