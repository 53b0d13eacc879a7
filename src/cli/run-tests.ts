/**
 * npm test: runs every test/**\/*.test.ts file with node's built-in test runner (through tsx).
 * Extra arguments are passed on, e.g. `npm test -- --test-name-pattern=kaplan`; paths given
 * as arguments limit the run to those files or folders.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot as findRepoRoot } from "../core/repo-root";

const repoRoot = findRepoRoot();

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(full));
    else if (entry.name.endsWith(".test.ts")) out.push(full);
  }
  return out.sort();
}

const args = process.argv.slice(2);
const paths = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-"));
const roots = paths.length > 0 ? paths.map((p) => path.resolve(p)) : [path.join(repoRoot, "test")];
const files = roots.flatMap((p) => (fs.statSync(p).isDirectory() ? testFiles(p) : [p]));
if (files.length === 0) {
  console.error("run-tests: no test files found");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", ...flags, ...files], { stdio: "inherit", cwd: repoRoot });
process.exit(result.status ?? 1);
