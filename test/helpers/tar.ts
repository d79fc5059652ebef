// Reads tar archives the way image layers are written (ustar, with PAX and GNU long-name
// records), to look at a layer's own headers: owner and mode as the image ships them.

export interface TarEntry {
  /** Path without a leading "./" or "/". */
  readonly path: string;
  /** Permission bits and the set-id/sticky bits (mode & 0o7777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** "0" file, "5" directory, "2" symlink... */
  readonly type: string;
  readonly data: Buffer;
}

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString("utf-8");
}

function octal(header: Buffer, start: number, length: number): number {
  // A set high bit means base-256 (GNU, for values past the octal field's range).
  if (header[start]! & 0x80) return Number(header.subarray(start + 1, start + length).readUIntBE(length - 7, 6));
  return parseInt(field(header, start, length).trim() || "0", 8);
}

/** PAX records "<length> <key>=<value>\n". */
function paxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space < 0) break;
    const length = Number(data.subarray(offset, space).toString());
    if (!length) break;
    const record = data.subarray(space + 1, offset + length - 1).toString("utf-8");
    const eq = record.indexOf("=");
    records[record.slice(0, eq)] = record.slice(eq + 1);
    offset += length;
  }
  return records;
}

/** Every entry of a tar archive, in order. */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  for (let offset = 0; offset + BLOCK <= archive.length; ) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = field(header, 156, 1) || "0";
    const data = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      pax = paxRecords(data);
      continue;
    }
    if (type === "g") continue;
    if (type === "L") {
      longName = field(data, 0, data.length);
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    entries.push({
      path: name.replace(/^\.?\/+/, ""),
      mode: octal(header, 100, 8) & 0o7777,
      uid: pax.uid !== undefined ? Number(pax.uid) : octal(header, 108, 8),
      gid: pax.gid !== undefined ? Number(pax.gid) : octal(header, 116, 8),
      type,
      data,
    });
    pax = {};
    longName = undefined;
  }
  return entries;
}

/**
 * The entry for `path` in the top-most layer of a `podman image save --format docker-archive`
 * tarball that has it: what a container of that image sees there.
 */
export function imageFile(savedImage: Buffer, path: string): TarEntry | undefined {
  const files = new Map(readTar(savedImage).map((e) => [e.path, e.data]));
  const manifest = JSON.parse(files.get("manifest.json")!.toString("utf-8")) as { Layers: string[] }[];
  for (const layer of [...manifest[0]!.Layers].reverse()) {
    const entry = readTar(files.get(layer)!).find((e) => e.path === path.replace(/^\/+/, ""));
    if (entry) return entry;
  }
  return undefined;
}
