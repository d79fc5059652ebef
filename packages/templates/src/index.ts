import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ejs from "ejs";

/** Folder holding the ejs templates and their manifest. */
export const templatesDir = join(__dirname, "..", "templates");

/** The values every template may use. */
export interface TemplateData {
  readonly modulePath: string;
  readonly goVersion: string;
  readonly binaryName: string;
  readonly mainPackage: string;
  readonly port: number;
  readonly versionVariable: string;
  readonly projectName: string;
  readonly baseImage: string;
}

/** One template and the (ejs) path it renders to. */
export interface ManifestEntry {
  readonly template: string;
  readonly path: string;
}

/** The groups of files the templates produce. */
export interface Manifest {
  readonly starter: ManifestEntry[];
  readonly docs: ManifestEntry[];
}

/** A rendered file: its project-relative path and its text. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

let manifestCache: Manifest | undefined;

/** Reads the manifest once per process. */
export function loadManifest(): Manifest {
  manifestCache ??= JSON.parse(readFileSync(join(templatesDir, "manifest.json"), "utf-8")) as Manifest;
  return manifestCache;
}

/** Renders one manifest group (starter Go code or docs) with the given data. */
export function renderGroup(group: keyof Manifest, data: TemplateData): RenderedFile[] {
  return loadManifest()[group].map((entry) => {
    const filename = join(templatesDir, entry.template);
    const source = readFileSync(filename, "utf-8");
    return {
      path: ejs.render(entry.path, data),
      content: ejs.render(source, data, { filename }),
    };
  });
}
