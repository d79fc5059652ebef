// Placeholder entry point until the commands land.
export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--version")) {
    console.log("0.1.0");
    return 0;
  }
  console.error("gosynth: commands are not implemented yet; use npx projen");
  return 2;
}
