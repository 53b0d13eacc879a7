import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { repoRoot } from "../helpers/reference";
import { ensureNotebookBuild } from "../../src/cli/notebook-build";

// The notebook kernel (tslab) compiles src/ itself with TypeScript 5.0.4 and resolves
// imports file by file: these tests keep src/ loadable there, not only under tsx.

/** Source text without comments, so examples in doc comments are not taken for code. */
function codeOf(file: string): string {
  return fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

test("src/ imports files, never folders (tslab cannot resolve a folder's index.ts)", () => {
  const problems: string[] = [];
  for (const file of sourceFiles(path.join(repoRoot, "src"))) {
    const text = codeOf(file);
    const pattern = /(?:from|require\(|import\()\s*["'](\.{1,2}\/[^"']*)["']/g;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text))) {
      const target = path.resolve(path.dirname(file), match[1]);
      const ok = [".ts", ".d.ts", ".js", ".json", ""].some((ext) => fs.existsSync(target + ext) && fs.statSync(target + ext).isFile());
      if (!ok) problems.push(`${path.relative(repoRoot, file)}: import "${match[1]}" is not a file (write "${match[1]}/index")`);
    }
  }
  assert.deepStrictEqual(problems, []);
});

test("src/ avoids what tslab's runtime cannot run", () => {
  const problems: string[] = [];
  for (const file of sourceFiles(path.join(repoRoot, "src"))) {
    const text = codeOf(file);
    for (const [pattern, why] of [
      [/\bimport\.meta\b/, "import.meta"],
      [/^await\s/m, "top-level await"],
      [/\.toSorted\(|\.findLast\(|Object\.groupBy\(/, "ES2023 methods"],
      // tslab compiles to ES modules first, where these are errors (the notebook build emits CommonJS, which allows them)
      [/^\s*import\s+\w+\s*=\s*require\(/m, "import x = require()"],
      [/^\s*export\s*=/m, "export ="],
    ] as Array<[RegExp, string]>) {
      if (pattern.test(text)) problems.push(`${path.relative(repoRoot, file)}: ${why}`);
    }
  }
  assert.deepStrictEqual(problems, []);
});

function runTsc(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/typescript/bin/tsc"), ...args], { cwd: repoRoot, encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

test("src/ compiles under tslab's own compiler options (not strict, declarations emitted)", () => {
  // The notebooks' build of src/ (src/cli/notebook-build.ts) type-checks and emits every src/ file
  // with tslab's bundled TypeScript and tslab's own options for this Node version (only the module
  // format differs: CommonJS, as tslab runs it); it fails on any error, declaration errors included.
  const build = ensureNotebookBuild(repoRoot);
  assert.notStrictEqual(build.state, "failed", build.errors);
});

test("src/ and test/ type-check with tslab's TypeScript version", () => {
  const tslabTs = JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules/@tslab/typescript-for-tslab/package.json"), "utf8")).version;
  const projectTs = JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules/typescript/package.json"), "utf8")).version;
  assert.strictEqual(projectTs, tslabTs, "the typescript devDependency must be the version tslab bundles");
  const result = runTsc(["--noEmit", "-p", "tsconfig.json"]);
  assert.strictEqual(result.status, 0, result.output);
});
