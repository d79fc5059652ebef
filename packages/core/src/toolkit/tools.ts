import { Tools } from "../tool-versions";

/** The version of each tool a generated project pins, from gosynth's table ("golangciLint": "v2.15.0"). */
export function pinnedToolVersions(): Record<string, string> {
  return Object.fromEntries(Tools.pinnedTools().map((key) => [key, Tools.tool(key).version]));
}
