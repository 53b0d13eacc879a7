import * as fs from "fs";
import * as path from "path";

const PACKAGE_NAME = "hcc-rt-vegf-reproduction";

function isRepoRoot(dir: string): boolean {
  const file = path.join(dir, "package.json");
  if (!fs.existsSync(file)) return false;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function walkUp(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    if (isRepoRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The repository's root folder (where this project's package.json is). Searched upwards
 * from the working directory, then from this file: notebooks run with cwd = notebooks/ and
 * load src/ through the link notebooks/src, so neither alone is reliable.
 */
export function repoRoot(): string {
  const found = walkUp(process.cwd()) ?? walkUp(__dirname);
  if (!found) throw new Error(`cannot find the project folder (a package.json named ${PACKAGE_NAME}) above ${process.cwd()} or ${__dirname}`);
  return found;
}
