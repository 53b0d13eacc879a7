/**
 * The cell compile cache in front of tslab's converter (src/cli/cell-compile-cache.ts): a kernel
 * that makes the same calls as an earlier one gets the earlier results without creating a
 * converter; the first different call creates the converter and replays the earlier calls into it;
 * an answer of the file system that changed, a file read outside node_modules/ and the build, a
 * compiled side input, hover or completion requests and //%module cells all keep stale results out.
 * The fake converter below records what it is asked; the real kernel is exercised in
 * test/cli/notebook-build.test.ts.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cachingCreateConverter, ConvertResult, TslabConverter } from "../../src/cli/cell-compile-cache";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "cell-cache-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const buildDir = path.join(root, ".jupyter", "notebook-src", "build-0123456789abcdef");
fs.mkdirSync(buildDir, { recursive: true });
fs.mkdirSync(path.join(root, "node_modules", "@types", "node"), { recursive: true });
fs.writeFileSync(path.join(root, "node_modules", ".package-lock.json"), '{"packages":{}}');
fs.writeFileSync(path.join(root, "node_modules", "@types", "node", "index.d.ts"), "declare const process: unknown;\n");
fs.writeFileSync(path.join(buildDir, "index.d.ts"), "export declare const value: number;\n");
const notebooks = path.join(root, "notebooks");
fs.mkdirSync(notebooks);
/** A folder outside node_modules/ and the build that module resolution looks for (tslab's type roots walk up from the notebook). */
const lookedFor = path.join(notebooks, "node_modules", "@types");

/** A file system as TypeScript's sys object offers it. */
function fakeSys() {
  return {
    readFile: (file: string): string | undefined => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined),
    fileExists: (file: string): boolean => fs.existsSync(file) && fs.statSync(file).isFile(),
    directoryExists: (file: string): boolean => fs.existsSync(file) && fs.statSync(file).isDirectory(),
    getDirectories: (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir) : []),
    readDirectory: (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir) : []),
    realpath: (file: string): string => fs.realpathSync(file),
  } as { [name: string]: unknown; readFile(file: string): string | undefined };
}

interface Calls {
  created: number;
  converts: [string, string][];
}

/** A converter that reads like the real one: lib and build declarations, a look-up outside them, extra reads a cell asks for. */
function fakeConverterFactory(sys: ReturnType<typeof fakeSys>, calls: Calls) {
  return (): TslabConverter => {
    calls.created++;
    sys.readFile(path.join(root, "node_modules", "@types", "node", "index.d.ts"));
    (sys.directoryExists as (f: string) => boolean)(lookedFor);
    return {
      convert(prevDecl: string, src: string): ConvertResult {
        calls.converts.push([prevDecl, src]);
        sys.readFile(path.join(buildDir, "index.d.ts"));
        const extra = /read (\S+)/.exec(src);
        if (extra) sys.readFile(path.join(notebooks, extra[1]));
        const result: ConvertResult = { output: `/*js*/ ${src}`, declOutput: `${prevDecl}${src};`, diagnostics: [] };
        if (/sideInput/.test(src)) result.sideOutputs = [{ path: path.join(notebooks, "helper.js"), data: "" }];
        return result;
      },
      inspect: () => ({ hover: true }),
      complete: () => ({ candidates: [] }),
      addModule: () => [],
      close: () => undefined,
    };
  };
}

/** One kernel: a fresh caching converter (as tslab-kernel.ts installs it) that runs `cells` in order. */
function runKernel(cells: string[], options: { sys?: ReturnType<typeof fakeSys>; cwd?: string } = {}): { calls: Calls; results: ConvertResult[]; log: string[] } {
  const sys = options.sys ?? fakeSys();
  const calls: Calls = { created: 0, converts: [] };
  const log: string[] = [];
  const create = cachingCreateConverter(fakeConverterFactory(sys, calls), { repoRoot: root, buildDir, sys, cwd: options.cwd ?? notebooks, log: (l) => log.push(l) });
  const converter = create({ isJS: false, isBrowser: false });
  let prevDecl = "";
  const results = cells.map((src) => {
    const out = converter.convert(prevDecl, src);
    prevDecl = out.declOutput ?? "";
    return out;
  });
  return { calls, results, log };
}

test("a kernel that runs the same cells as an earlier one gets the same results without creating a converter", () => {
  const cells = ["const a = 1", "a + 1", "console.log(a)"];
  const first = runKernel(cells);
  assert.strictEqual(first.calls.created, 1);
  assert.strictEqual(first.calls.converts.length, 3);
  const second = runKernel(cells);
  assert.strictEqual(second.calls.created, 0, "no converter: every cell came from the cache");
  assert.deepStrictEqual(second.results, first.results);
});

test("the first changed cell creates the converter, replays the earlier cells into it in order, and compiles the rest itself", () => {
  runKernel(["let x = 1", "x * 2", "x * 3", "x * 4"]);
  const edited = runKernel(["let x = 1", "x * 2", "x * 30", "x * 4"]);
  assert.strictEqual(edited.calls.created, 1);
  assert.deepStrictEqual(
    edited.calls.converts.map(([, src]) => src),
    ["let x = 1", "x * 2", "x * 30", "x * 4"],
    "cells 1-2 replayed (their results came from the cache), then 3 and 4 compiled",
  );
  assert.strictEqual(edited.results[2].output, "/*js*/ x * 30");
  // The same cell after a different history is a different entry: cell 4 is compiled again, not taken from the first kernel.
  const again = runKernel(["let x = 1", "x * 2", "x * 30", "x * 4"]);
  assert.strictEqual(again.calls.created, 0);
});

test("a different working directory or build does not share entries", () => {
  runKernel(["const inHere = 1"]);
  const elsewhere = fs.mkdtempSync(path.join(root, "cwd-"));
  assert.strictEqual(runKernel(["const inHere = 1"], { cwd: elsewhere }).calls.created, 1);
});

test("an answer of the file system outside node_modules/ and the build that changed makes the entry a miss", () => {
  const cells = ["const y = 2", "y"];
  runKernel(cells);
  assert.strictEqual(runKernel(cells).calls.created, 0);
  fs.mkdirSync(lookedFor, { recursive: true }); // a new type root beside the notebook: the compile could differ
  try {
    const afterChange = runKernel(cells);
    assert.strictEqual(afterChange.calls.created, 1);
    assert.strictEqual(afterChange.calls.converts.length, 2);
    assert.strictEqual(runKernel(cells).calls.created, 0, "stored again with the new answer");
  } finally {
    fs.rmSync(path.join(notebooks, "node_modules"), { recursive: true, force: true });
  }
  assert.strictEqual(runKernel(cells).calls.created, 1, "the entry holds the newer answer: removing the folder again is a miss too");
});

test("an answer an earlier cell's entry relied on is checked again for every later cell: a folder that appears mid-kernel makes the next cell a miss", () => {
  const cells = ["const w = 1", "w + 1"];
  runKernel(cells);
  const sys = fakeSys();
  const calls: Calls = { created: 0, converts: [] };
  const converter = cachingCreateConverter(fakeConverterFactory(sys, calls), { repoRoot: root, buildDir, sys, cwd: notebooks })({ isJS: false, isBrowser: false });
  const first = converter.convert("", cells[0]);
  assert.strictEqual(calls.created, 0, "cell 1 from the cache (its entry holds the look-up of the type root)");
  fs.mkdirSync(lookedFor, { recursive: true });
  try {
    converter.convert(first.declOutput ?? "", cells[1]);
    assert.strictEqual(calls.created, 1, "cell 2's entry did not look the folder up itself, but relies on cell 1's answer");
  } finally {
    fs.rmSync(path.join(notebooks, "node_modules"), { recursive: true, force: true });
  }
});

test("a cell whose compile reads a file outside node_modules/ and the build is not stored, nor any cell after it", () => {
  fs.writeFileSync(path.join(notebooks, "helper.d.ts"), "export declare const h: number;\n");
  const cells = ["const z = 1", "read helper.d.ts", "z + 1"];
  const first = runKernel(cells);
  assert.match(first.log.join("\n"), /not storing .*helper\.d\.ts, outside node_modules\/ and the compiled src\//);
  const second = runKernel(cells);
  assert.strictEqual(second.calls.created, 1);
  assert.deepStrictEqual(second.calls.converts.map(([, s]) => s), ["const z = 1", "read helper.d.ts", "z + 1"], "cell 1 from the cache and replayed; 2 and 3 compiled");
});

test("a cell with compiled side inputs is not stored; hover, completion and //%module stop the cache for the kernel", () => {
  const side = ["const s = 1", "sideInput()"];
  runKernel(side);
  assert.deepStrictEqual(runKernel(side).calls.converts.map(([, s]) => s), ["const s = 1", "sideInput()"]);

  const sys = fakeSys();
  const calls: Calls = { created: 0, converts: [] };
  const create = cachingCreateConverter(fakeConverterFactory(sys, calls), { repoRoot: root, buildDir, sys, cwd: notebooks });
  runKernel(["const h = 1", "h"]);
  const converter = create({ isJS: false, isBrowser: false });
  converter.convert("", "const h = 1");
  assert.strictEqual(calls.created, 0);
  assert.deepStrictEqual(converter.complete("const h = 1;", "h.", 2), { candidates: [] });
  assert.strictEqual(calls.created, 1, "completion needs the real converter");
  assert.deepStrictEqual(calls.converts, [["", "const h = 1"]], "with the cached cell replayed into it");
  converter.convert("const h = 1;", "h");
  assert.strictEqual(calls.converts.length, 2, "after a completion request, cells are compiled, never taken from the cache");
});

test("TSLAB_CELL_CACHE=off bypasses the cache", () => {
  const cells = ["const off = 1"];
  runKernel(cells);
  process.env.TSLAB_CELL_CACHE = "off";
  try {
    assert.strictEqual(runKernel(cells).calls.created, 1);
  } finally {
    delete process.env.TSLAB_CELL_CACHE;
  }
});

test("entries of builds that no longer exist are removed when a kernel starts", () => {
  const stale = path.join(root, ".jupyter", "cell-cache", "build-ffffffffffffffff");
  fs.mkdirSync(stale, { recursive: true });
  runKernel(["const prune = 1"]);
  assert.ok(!fs.existsSync(stale));
  assert.ok(fs.existsSync(path.join(root, ".jupyter", "cell-cache", path.basename(buildDir))));
});

test("warmUp creates the converter ahead of time with the cached cells replayed; later cells still come from the cache, and reach the converter before it answers anything", () => {
  const cells = ["const v = 1", "v + 1", "v + 2"];
  runKernel(cells);
  const sys = fakeSys();
  const calls: Calls = { created: 0, converts: [] };
  const converter = cachingCreateConverter(fakeConverterFactory(sys, calls), { repoRoot: root, buildDir, sys, cwd: notebooks })({ isJS: false, isBrowser: false });
  assert.strictEqual(converter.warmUp?.(), false, "no cell yet: nothing to make ahead of the first one");
  const first = converter.convert("", cells[0]);
  assert.strictEqual(calls.created, 0);
  assert.strictEqual(converter.warmUp?.(), true);
  assert.strictEqual(calls.created, 1);
  assert.deepStrictEqual(calls.converts.map(([, src]) => src), ["const v = 1"], "the cached cell replayed");
  assert.strictEqual(converter.warmUp?.(), false, "already up to date");
  const second = converter.convert(first.declOutput ?? "", cells[1]);
  assert.strictEqual(second.output, "/*js*/ v + 1");
  assert.deepStrictEqual(calls.converts.map(([, src]) => src), ["const v = 1"], "the second cell came from the cache");
  converter.complete(second.declOutput ?? "", "v.", 2);
  assert.deepStrictEqual(calls.converts.map(([, src]) => src), ["const v = 1", "v + 1"], "replayed before the completion");
  assert.strictEqual(calls.created, 1);
});
