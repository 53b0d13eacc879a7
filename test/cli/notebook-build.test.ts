/**
 * The compiled src/ that notebooks import (src/cli/notebook-build.ts, started by the project's
 * kernel src/cli/tslab-kernel.ts): it matches the sources, a user who edits src/ and restarts
 * the kernel gets the new code, a src/ that does not compile shows the compiler's error under
 * the cell (never stale code), deleted files leave nothing behind, and two kernels starting at
 * once build once. Most of this runs on a small scratch project with the real kernel.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import { runNotebook } from "../../src/cli/jupyter";
import { buildFailureNotice, compilerOptions, ensureNotebookBuild, notebookBuildRoot, sourceFiles, sourceFingerprint } from "../../src/cli/notebook-build";
import { repoRoot } from "../helpers/reference";
import { writeOneCellNotebook } from "../helpers/notebooks";

const wrapper = path.join(repoRoot, ".jupyter", "kernel", "tslab-kernel.js");

/** The .js and .d.ts files of a build, as sorted relative paths. */
function builtFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".js") || f.endsWith(".d.ts") || f.endsWith(".js.map"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

function expectedFiles(srcDir: string): string[] {
  return sourceFiles(srcDir).flatMap((f) => [f.replace(/\.ts$/, ".d.ts"), f.replace(/\.ts$/, ".js"), f.replace(/\.ts$/, ".js.map")]).sort();
}

test("the project's notebook build is current and has a .js, its source map and a .d.ts for every src/ file, nothing else", () => {
  const build = ensureNotebookBuild(repoRoot);
  assert.notStrictEqual(build.state, "failed", build.errors);
  const buildRoot = notebookBuildRoot(repoRoot);
  assert.strictEqual(fs.readlinkSync(path.join(buildRoot, "current")), `build-${sourceFingerprint(repoRoot)}`);
  assert.strictEqual(fs.readlinkSync(path.join(repoRoot, "notebooks", "src")), "../.jupyter/notebook-src/current");
  assert.deepStrictEqual(builtFiles(path.join(buildRoot, "current")), expectedFiles(path.join(repoRoot, "src")));
});

test("the build's JavaScript is the code tslab itself would run: its ES-module emit rewritten to CommonJS, file by file", () => {
  // tslab emits each src/ file as an ES module with its options, then rewrites it to CommonJS
  // (esModuleToCommonJSModule); the build emits CommonJS in one step. Same code, comments aside.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts = require(path.join(repoRoot, "node_modules", "@tslab", "typescript-for-tslab")) as typeof import("typescript");
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { esModuleToCommonJSModule } = require(path.join(repoRoot, "node_modules", "tslab", "dist", "converter.js")) as {
    esModuleToCommonJSModule(js: string, target: number): string;
  };
  const build = fs.realpathSync(path.join(notebookBuildRoot(repoRoot), "current"));
  const srcDir = path.join(repoRoot, "src");
  const outDir = path.join(os.tmpdir(), "tslab-esm-emit"); // never written: emit goes to the callback
  const options = { ...compilerOptions(ts, repoRoot, outDir), module: ts.ModuleKind.ESNext, declaration: false, incremental: false };
  delete options.tsBuildInfoFile;
  const program = ts.createProgram(sourceFiles(srcDir).map((f) => path.join(srcDir, f)), options);
  const code = (js: string): string =>
    js.replace(/\/\*[\s\S]*?\*\//g, "").split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("//")).join("\n");
  const differ: string[] = [];
  let compared = 0;
  program.emit(undefined, (file, text) => {
    if (!file.endsWith(".js")) return;
    const rel = path.relative(outDir, file);
    const tslabJs = esModuleToCommonJSModule(text, options.target as number);
    const builtJs = fs.readFileSync(path.join(build, rel), "utf8");
    compared++;
    if (tslabJs !== builtJs && code(tslabJs) !== code(builtJs)) differ.push(rel);
  });
  assert.strictEqual(compared, sourceFiles(srcDir).length);
  assert.deepStrictEqual(differ, []);
});

// A scratch project: its own src/, notebooks/src link, kernel spec and bundled kernel, the real node_modules.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "notebook-build-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const scratchSrc = path.join(scratch, "src");
const kernelDir = path.join(scratch, ".jupyter", "share", "jupyter", "kernels", "tslab");
fs.mkdirSync(scratchSrc);
fs.mkdirSync(path.join(scratch, "notebooks"));
fs.mkdirSync(path.join(scratch, ".jupyter", "kernel"), { recursive: true });
fs.mkdirSync(kernelDir, { recursive: true });
fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(scratch, "node_modules"));
fs.symlinkSync("../.jupyter/notebook-src/current", path.join(scratch, "notebooks", "src"));
fs.writeFileSync(path.join(scratchSrc, "index.ts"), 'export { value } from "./value";\nexport { extra } from "./extra";\n');
fs.writeFileSync(path.join(scratchSrc, "extra.ts"), 'export const extra = "extra";\n');
if (fs.existsSync(wrapper)) fs.copyFileSync(wrapper, path.join(scratch, ".jupyter", "kernel", "tslab-kernel.js"));
fs.writeFileSync(path.join(kernelDir, "kernel.json"), JSON.stringify({
  argv: [process.execPath, path.join(scratch, ".jupyter", "kernel", "tslab-kernel.js"), "kernel", "--config-path", "{connection_file}"],
  display_name: "TypeScript",
  language: "typescript",
}));

function setValue(code: string): void {
  fs.writeFileSync(path.join(scratchSrc, "value.ts"), `/** The value the notebook shows. */\nexport const value: number = ${code};\n`);
}

/** Runs a notebook with one cell in the scratch project's kernel; the cell's text output, or the error. */
async function runCell(name: string, source: string): Promise<{ ok: boolean; text: string }> {
  const input = path.join(scratch, "notebooks", `${name}.ipynb`);
  writeOneCellNotebook(input, source);
  const output = path.join(scratch, `${name}.out.ipynb`);
  const run = await runNotebook({ input, output, cwd: path.join(scratch, "notebooks"), env: { JUPYTER_PATH: path.join(scratch, ".jupyter", "share", "jupyter") } });
  if (!run.ok) return { ok: false, text: run.message ?? "" };
  const executed = JSON.parse(fs.readFileSync(output, "utf8"));
  const out = executed.cells[0].outputs.map((o: { data?: Record<string, string | string[]>; text?: string | string[] }) => {
    const t = o.data?.["text/plain"] ?? o.text ?? "";
    return Array.isArray(t) ? t.join("") : t;
  });
  return { ok: true, text: out.join("").trim() };
}

test("a kernel builds src/ as it starts; after an edit, a restarted kernel runs the new code", { timeout: 600_000 }, async () => {
  assert.ok(fs.existsSync(wrapper), `${wrapper} is missing: run npm run setup`);
  setValue("1");
  const first = await runCell("first", 'import { value } from "./src/index";\nvalue + 0.5');
  assert.deepStrictEqual(first, { ok: true, text: "1.5" });
  const buildRoot = notebookBuildRoot(scratch);
  const firstBuild = fs.readlinkSync(path.join(buildRoot, "current"));
  assert.strictEqual(firstBuild, `build-${sourceFingerprint(scratch)}`);
  assert.deepStrictEqual(builtFiles(path.join(buildRoot, firstBuild)), ["extra.d.ts", "extra.js", "extra.js.map", "index.d.ts", "index.js", "index.js.map", "value.d.ts", "value.js", "value.js.map"]);

  setValue("2");
  const second = await runCell("second", 'import { value } from "./src/index";\nvalue + 0.5');
  assert.deepStrictEqual(second, { ok: true, text: "2.5" });
  assert.notStrictEqual(fs.readlinkSync(path.join(buildRoot, "current")), firstBuild);
  assert.ok(fs.existsSync(path.join(buildRoot, firstBuild)), "the build just replaced is kept for kernels still running on it");

  // A type error in src/: the kernel compiles the sources itself and the cell shows the compiler's message.
  setValue('"two"');
  const broken = await runCell("broken", 'import { value } from "./src/index";\nvalue + 0.5');
  assert.strictEqual(broken.ok, false);
  assert.match(broken.text, /Type 'string' is not assignable to type 'number'/);
  assert.strictEqual(fs.readlinkSync(path.join(buildRoot, "current")), "../../src");
});

test("a src/ that compiles again is built (after the failure above); a deleted source leaves no output behind; an unchanged src/ is not rebuilt", () => {
  setValue("4");
  fs.writeFileSync(path.join(scratchSrc, "index.ts"), 'export { value } from "./value";\n');
  fs.rmSync(path.join(scratchSrc, "extra.ts"));
  const built = ensureNotebookBuild(scratch);
  assert.strictEqual(built.state, "built", built.errors);
  const current = path.join(notebookBuildRoot(scratch), "current");
  assert.deepStrictEqual(builtFiles(current), ["index.d.ts", "index.js", "index.js.map", "value.d.ts", "value.js", "value.js.map"]);
  assert.match(fs.readFileSync(path.join(current, "value.js"), "utf8"), /exports\.value = 4;/);
  const again = ensureNotebookBuild(scratch);
  assert.strictEqual(again.state, "fresh");
});

test("two kernels starting at once build once (the second waits for the first)", { timeout: 300_000 }, async () => {
  setValue("5");
  const start = () =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(scratch, ".jupyter", "kernel", "tslab-kernel.js"), "--build-only"], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(stderr) : reject(new Error(`exit ${code}: ${stderr}`))));
    });
  const logs = await Promise.all([start(), start()]);
  assert.strictEqual(logs.filter((l) => /compiling src\//.test(l)).length, 1, logs.join("\n---\n"));
  assert.strictEqual(logs.filter((l) => /up to date/.test(l)).length, 1, logs.join("\n---\n"));
  const current = path.join(notebookBuildRoot(scratch), "current");
  assert.match(fs.readFileSync(path.join(current, "value.js"), "utf8"), /exports\.value = 5;/);
});

test("a restarted kernel takes a cell it compiled before from the cell cache; a changed look-up outside node_modules/ sends it back to the compiler", { timeout: 300_000 }, async () => {
  setValue("6");
  const cell = 'import { value } from "./src/index";\nvalue * 10';
  assert.deepStrictEqual(await runCell("cached", cell), { ok: true, text: "60" });
  const build = fs.readlinkSync(path.join(notebookBuildRoot(scratch), "current"));
  const cacheDir = path.join(scratch, ".jupyter", "cell-cache", build);
  const entries = fs.readdirSync(cacheDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json"));
  assert.strictEqual(entries.length, 1, "one entry: the notebook's one code cell");
  // Change the stored JavaScript: a kernel that uses the entry shows the change.
  const file = path.join(cacheDir, entries[0]);
  const entry = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.match(entry.result.output, /\* 10/);
  entry.result.output = entry.result.output.replace("* 10", "* 11");
  fs.writeFileSync(file, JSON.stringify(entry));
  assert.deepStrictEqual(await runCell("cached", cell), { ok: true, text: "66" }, "the cell came from the cache");
  // A type root that appears beside the notebook could change the compile: the entry is not used.
  fs.mkdirSync(path.join(scratch, "notebooks", "node_modules", "@types"), { recursive: true });
  try {
    assert.deepStrictEqual(await runCell("cached", cell), { ok: true, text: "60" }, "compiled again");
  } finally {
    fs.rmSync(path.join(scratch, "notebooks", "node_modules"), { recursive: true, force: true });
  }
});

test("a type error in a src/ file no cell imports: the cell still runs (from the sources), under a notice naming the file and line", { timeout: 300_000 }, async () => {
  setValue("7");
  const unused = path.join(scratchSrc, "unused.ts");
  fs.writeFileSync(unused, 'export const unused: number = "seven";\n');
  try {
    const result = await runCell("notice", 'import { value } from "./src/index";\nvalue + 0.5');
    assert.strictEqual(result.ok, true, result.text);
    assert.match(result.text, /^notebook kernel: src\/ does not compile, so this kernel compiles the src\/ files your cells import itself/);
    assert.match(result.text, /\n {2}src\/unused\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\./);
    assert.match(result.text, /7\.5$/, "and the cell's own output");
    assert.strictEqual(fs.readlinkSync(path.join(notebookBuildRoot(scratch), "current")), "../../src");
  } finally {
    fs.rmSync(unused);
  }
});

test("the notice names the compiler's first three errors and counts the rest", () => {
  const errors = [1, 2, 3, 4, 5].map((i) => `src/a${i}.ts(${i},1): error TS2322: Type 'string' is not assignable to type 'number'.`).join("\n") + "\n";
  const notice = buildFailureNotice(errors);
  assert.match(notice, /src\/a1\.ts\(1,1\)[\s\S]*src\/a3\.ts\(3,1\)/);
  assert.ok(!notice.includes("src/a4.ts"));
  assert.match(notice, /… and 2 more \(npm run typecheck lists them all\)\n$/);
});

test("a failed compile is remembered by the sources' fingerprint: broken again the same way (after a fix), src/ is not compiled again and gives the same errors; any change compiles", () => {
  // its own scratch project (no kernel): ensureNotebookBuild's log says when it compiles
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "notebook-build-failed-"));
  try {
    fs.mkdirSync(path.join(project, "src"));
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(project, "node_modules"));
    const write = (code: string) => fs.writeFileSync(path.join(project, "src", "value.ts"), `export const value: number = ${code};\n`);
    const ensure = () => {
      const log: string[] = [];
      const build = ensureNotebookBuild(project, { log: (line) => log.push(line) });
      return { build, compiled: log.some((line) => /compiling src\//.test(line)) };
    };
    const current = () => fs.readlinkSync(path.join(notebookBuildRoot(project), "current"));
    write("1");
    assert.strictEqual(ensure().build.state, "built");
    write('"one"');
    const broken = ensure();
    assert.strictEqual(broken.build.state, "failed");
    assert.ok(broken.compiled);
    assert.match(broken.build.errors, /src\/value\.ts\(1,14\): error TS2322/);
    write("1");
    const fixed = ensure();
    assert.strictEqual(fixed.build.state, "built", "back to the first build");
    assert.strictEqual(current(), `build-${sourceFingerprint(project)}`);
    write('"one"');
    const again = ensure();
    assert.deepStrictEqual({ state: again.build.state, compiled: again.compiled, errors: again.build.errors }, { state: "failed", compiled: false, errors: broken.build.errors });
    assert.strictEqual(current(), "../../src", "notebooks compile the sources, as after the first failure");
    assert.strictEqual(buildFailureNotice(again.build.errors), buildFailureNotice(broken.build.errors), "the kernel shows the same notice");
    write('"two"');
    const other = ensure();
    assert.strictEqual(other.build.state, "failed");
    assert.ok(other.compiled, "a different break is compiled");
    write("3");
    const built = ensure();
    assert.strictEqual(built.build.state, "built");
    assert.ok(built.compiled);
    write('"one"');
    assert.strictEqual(ensure().compiled, false, "still remembered after a new build replaced the old one");
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});
