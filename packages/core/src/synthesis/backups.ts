/**
 * Where `gosynth init --backup` keeps a file it replaces: under .pre-gosynth/, at its own path.
 * Not beside it (Dockerfile.pre-gosynth): tools that glob Dockerfile*, .github/workflows/* or
 * *.yml would read it.
 */
export const BACKUP_DIR = ".pre-gosynth";

export function backupPath(file: string): string {
  return `${BACKUP_DIR}/${file}`;
}

export function isBackup(path: string): boolean {
  return path.startsWith(`${BACKUP_DIR}/`);
}
