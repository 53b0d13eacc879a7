/**
 * npm test: runs every test/**\/*.test.ts file with node's built-in test runner (through tsx).
 * Extra arguments are passed on, e.g. `npm test -- --test-name-pattern=kaplan`; paths given
 * as arguments limit the run to those files or folders.
 *
 * Test files run two at a time (each in its own process): node's default, one fewer than the
 * cores, is one on a 2-core machine, and most of the suite's time is spent waiting on notebook
 * kernels and browsers started by a few files. `--test-concurrency=N` overrides it.
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
const concurrency = flags.some((f) => f.startsWith("--test-concurrency")) ? [] : ["--test-concurrency=2"];
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", ...concurrency, ...flags, ...files], { stdio: "inherit", cwd: repoRoot });
process.exit(result.status ?? 1);
