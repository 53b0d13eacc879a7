/**
 * The compiled src/ that notebooks import, built once instead of in every kernel.
 *
 * tslab compiles every src/ file a notebook imports, in every kernel: type-checking and emitting
 * the ~175 files behind `./src/index` took 17–19 s of each notebook's import cell on a quiet
 * machine. Notebooks import `./src/<folder>/index` through the link `notebooks/src`, which points
 * at `.jupyter/notebook-src/current`; this module keeps that pointing at a build of src/ (`.js` and
 * `.d.ts` for every `.ts`, compiled by tslab's own TypeScript with tslab's options but CommonJS
 * output, as tslab runs it). tslab resolves an import to the `.d.ts` (no `.ts` beside it), so it only
 * reads declarations, and Node loads the `.js`.
 *
 * - The build is named by a fingerprint of its inputs (every src/ `.ts` file's path and content,
 *   package-lock.json, BUILD_FORMAT): it is current exactly when the fingerprints agree. The
 *   project's kernel (src/cli/tslab-kernel.ts) calls `ensureNotebookBuild` before starting tslab,
 *   so a user who edits src/ and restarts the kernel gets the new code.
 * - A rebuild starts from a copy of the previous build with its incremental build info (only
 *   changed files are re-checked and re-emitted), is written to a temporary folder and switched
 *   in by replacing the `current` link: a kernel never sees half a build. A lock makes the second
 *   of two kernels started together wait for the first one's build.
 * - When src/ does not compile, `current` points at src/ itself: tslab then compiles the sources
 *   as it always did and shows the compiler's error under the cell that imports them; nothing
 *   stale runs. The errors are kept by the sources' fingerprint (the last KEPT_FAILED_RECORDS
 *   failures): sources broken again exactly as before are not compiled again.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";

/** Bumped when the build's options or layout change, so every existing build is stale. */
export const BUILD_FORMAT = "notebook-src 2";

/** Where the builds live (git-ignored): `current`, `build-<fingerprint>/`, `failed-<fingerprint>.txt`, `lock/`. */
export function notebookBuildRoot(repoRoot: string): string {
  return path.join(repoRoot, ".jupyter", "notebook-src");
}

/** Where `current` points when src/ does not compile: the sources themselves, compiled by tslab. */
const SOURCES_TARGET = path.join("..", "..", "src");

/** Every `.ts` file of src/ (not `.d.ts`), as sorted paths relative to src/ with forward slashes. */
export function sourceFiles(srcDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relPath);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(relPath);
    }
  };
  walk(srcDir, "");
  return out.sort();
}

/** SHA-256 (first 16 hex digits) of everything the build depends on. */
export function sourceFingerprint(repoRoot: string): string {
  const hash = crypto.createHash("sha256");
  hash.update(BUILD_FORMAT + "\0" + process.versions.node.split(".")[0] + "\0");
  const lock = path.join(repoRoot, "package-lock.json");
  hash.update(fs.existsSync(lock) ? fs.readFileSync(lock) : "");
  const srcDir = path.join(repoRoot, "src");
  for (const rel of sourceFiles(srcDir)) {
    hash.update("\0" + rel + "\0");
    hash.update(fs.readFileSync(path.join(srcDir, rel)));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * tslab 1.0.22's compiler options (node_modules/tslab/dist/converter.js, createConverter), except
 * that the output is CommonJS directly (tslab emits ES modules, then rewrites each file to CommonJS
 * with the same compiler) and written to `outDir`: target and lib by Node's version as tslab picks
 * them, not strict, no "use strict" added, all of node_modules/@types visible.
 */
export function compilerOptions(ts: typeof TS, repoRoot: string, outDir: string): TS.CompilerOptions {
  const node = Number(process.versions.node.split(".")[0]);
  const [target, lib] =
    node >= 18 ? [ts.ScriptTarget.ES2022, "es2022"]
    : node >= 16 ? [ts.ScriptTarget.ES2021, "es2021"]
    : [ts.ScriptTarget.ES2020, "es2020"];
  return {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target,
    lib: [`lib.${lib}.d.ts`],
    declaration: true,
    newLine: ts.NewLineKind.LineFeed,
    noImplicitUseStrict: true,
    ignoreDeprecations: "5.0", // noImplicitUseStrict is deprecated in TypeScript 5.0; tslab sets it anyway
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    typeRoots: [path.join(repoRoot, "node_modules", "@types")],
    skipLibCheck: true,
    // Source maps beside the .js (the kernel enables them): a stack trace through src/ names the
    // src/…ts file and line, not the compiled .js under .jupyter/notebook-src/.
    sourceMap: true,
    rootDir: path.join(repoRoot, "src"),
    outDir,
    incremental: true,
    tsBuildInfoFile: path.join(outDir, ".tsbuildinfo"),
  };
}

/** tslab's bundled TypeScript (the compiler its kernel uses). */
function loadTypeScript(repoRoot: string): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(path.join(repoRoot, "node_modules", "@tslab", "typescript-for-tslab")) as typeof TS;
}

export interface CompileResult {
  ok: boolean;
  /** The compiler's errors, formatted as `src/file.ts(line,col): error TSnnnn: message`. */
  errors: string;
  /** Files written this time (an incremental build writes only what changed). */
  written: number;
}

/** Type-checks src/ and, when it has no errors, writes `.js` + `.d.ts` into outDir (incrementally). */
export function compileSources(repoRoot: string, outDir: string): CompileResult {
  const ts = loadTypeScript(repoRoot);
  const srcDir = path.join(repoRoot, "src");
  const options = compilerOptions(ts, repoRoot, outDir);
  const host = ts.createIncrementalCompilerHost(options);
  const program = ts.createIncrementalProgram({ rootNames: sourceFiles(srcDir).map((f) => path.join(srcDir, f)), options, host });
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error);
  const format = (list: readonly TS.Diagnostic[]): string =>
    ts.formatDiagnostics(list, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => repoRoot, getNewLine: () => "\n" });
  if (diagnostics.length > 0) return { ok: false, errors: format(diagnostics), written: 0 };
  let written = 0;
  const emitted = program.emit(undefined, (file, text, bom) => {
    host.writeFile(file, text, bom);
    written++;
  });
  const emitErrors = emitted.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (emitErrors.length > 0) return { ok: false, errors: format(emitErrors), written };
  return { ok: true, errors: "", written };
}

/** Removes outputs whose source is gone (a build starts from a copy of the previous one). */
function pruneOrphans(outDir: string, srcDir: string): void {
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relPath = rel ? path.join(rel, entry.name) : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full, relPath);
        if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
        continue;
      }
      const base = relPath.endsWith(".d.ts") ? relPath.slice(0, -5) : relPath.endsWith(".js") ? relPath.slice(0, -3) : relPath.endsWith(".js.map") ? relPath.slice(0, -7) : null;
      if (base !== null && !fs.existsSync(path.join(srcDir, base + ".ts"))) fs.rmSync(full);
    }
  };
  walk(outDir, "");
}

/**
 * What a kernel on a src/ that does not compile prints under the first cell it runs (src/cli/tslab-kernel.ts):
 * that it compiles the sources itself, why (the compiler's first errors, file and line), and until when.
 * Without it, an error in a file no notebook imports (src/cli/bench-runner.ts, say) would only slow every
 * kernel down, and only the Jupyter server's log would say why.
 */
export function buildFailureNotice(errors: string, shown = 3): string {
  const lines = errors.split("\n").filter((line) => /\berror TS\d+:/.test(line));
  const more = lines.length > shown ? `\n  … and ${lines.length - shown} more (npm run typecheck lists them all)` : "";
  return (
    "notebook kernel: src/ does not compile, so this kernel compiles the src/ files your cells import itself " +
    "(slower, and a cell that imports a file with an error shows it); the compiled copy is used again once src/ compiles:\n" +
    lines.slice(0, shown).map((line) => `  ${line}`).join("\n") +
    more +
    "\n"
  );
}

export interface NotebookBuild {
  /** fresh: the build was already current; built: rebuilt now; failed: src/ does not compile (notebooks compile the sources). */
  state: "fresh" | "built" | "failed";
  fingerprint: string;
  /** What `current` points at, relative to notebookBuildRoot. */
  target: string;
  errors: string;
  seconds: number;
}

function readLink(file: string): string | null {
  try {
    return fs.readlinkSync(file);
  } catch {
    return null;
  }
}

/** Points `current` at target by renaming a new link over it (atomic: no kernel sees it missing). */
function switchCurrent(buildRoot: string, target: string): void {
  const tmp = path.join(buildRoot, `current.${process.pid}`);
  fs.rmSync(tmp, { force: true });
  fs.symlinkSync(target, tmp);
  fs.renameSync(tmp, path.join(buildRoot, "current"));
}

/** The state when nothing needs doing, or null. */
function currentState(buildRoot: string, fingerprint: string): Omit<NotebookBuild, "seconds"> | null {
  const target = readLink(path.join(buildRoot, "current"));
  const build = `build-${fingerprint}`;
  if (target === build && fs.existsSync(path.join(buildRoot, build, ".complete"))) return { state: "fresh", fingerprint, target, errors: "" };
  const failed = path.join(buildRoot, `failed-${fingerprint}.txt`);
  if (target === SOURCES_TARGET && fs.existsSync(failed)) return { state: "failed", fingerprint, target, errors: fs.readFileSync(failed, "utf8") };
  return null;
}

/**
 * How many failed compiles are remembered (`failed-<fingerprint>.txt`, the compiler's errors, well
 * under a kilobyte each): a src/ broken again exactly as one of them shows its errors at once.
 */
export const KEPT_FAILED_RECORDS = 20;

/** Keeps the `kept` most recently used failed-compile records and removes the others. */
function pruneFailedRecords(buildRoot: string, kept: number): void {
  const records = fs
    .readdirSync(buildRoot)
    .filter((name) => /^failed-[0-9a-f]+\.txt$/.test(name))
    .map((name) => ({ name, used: fs.statSync(path.join(buildRoot, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used || a.name.localeCompare(b.name));
  for (const { name } of records.slice(kept)) fs.rmSync(path.join(buildRoot, name), { force: true });
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the build lock (a folder holding the owner's pid); a dead owner's lock is taken over. */
function acquireLock(buildRoot: string, timeoutMs: number): () => void {
  const lock = path.join(buildRoot, "lock");
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
    } catch {
      // the owner has just made the folder and not yet written its pid, or has just removed it
    }
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if ((Number.isFinite(owner) && owner > 0 && !processAlive(owner)) || (!Number.isFinite(owner) && age > 10_000)) {
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`notebook build: ${lock} is still held by process ${owner} after ${timeoutMs / 1000} s`);
    sleep(100);
  }
}

/**
 * Makes `current` match src/ as it is now: nothing to do when it already does (a few tens of
 * milliseconds: reading and hashing src/), otherwise a build under the lock.
 */
export function ensureNotebookBuild(repoRoot: string, options: { log?: (line: string) => void; lockTimeoutMs?: number } = {}): NotebookBuild {
  const started = Date.now();
  const seconds = (): number => (Date.now() - started) / 1000;
  const buildRoot = notebookBuildRoot(repoRoot);
  const quick = currentState(buildRoot, sourceFingerprint(repoRoot));
  if (quick) return { ...quick, seconds: seconds() };
  fs.mkdirSync(buildRoot, { recursive: true });
  const release = acquireLock(buildRoot, options.lockTimeoutMs ?? 10 * 60_000);
  try {
    const fingerprint = sourceFingerprint(repoRoot);
    const done = currentState(buildRoot, fingerprint);
    if (done) return { ...done, seconds: seconds() };
    const previous = readLink(path.join(buildRoot, "current"));
    if (fs.existsSync(path.join(buildRoot, `build-${fingerprint}`, ".complete"))) {
      // src/ is back to what an earlier build (kept: the one replaced last) was made from
      switchCurrent(buildRoot, `build-${fingerprint}`);
      options.log?.(`notebook build: src/ is back to an earlier build (${fingerprint})`);
      return { state: "built", fingerprint, target: `build-${fingerprint}`, errors: "", seconds: seconds() };
    }
    const failedRecord = path.join(buildRoot, `failed-${fingerprint}.txt`);
    if (fs.existsSync(failedRecord)) {
      // src/ is exactly as it was when it last failed to compile (broken the same way again after a
      // fix, say): the same errors, without paying for the compile again (about 7 s of CPU)
      const errors = fs.readFileSync(failedRecord, "utf8");
      const now = new Date();
      fs.utimesSync(failedRecord, now, now);
      switchCurrent(buildRoot, SOURCES_TARGET);
      options.log?.(`notebook build: src/ is as it was when it failed to compile before (${fingerprint}); notebooks compile the sources themselves and show the error:\n${errors}`);
      return { state: "failed", fingerprint, target: SOURCES_TARGET, errors, seconds: seconds() };
    }
    options.log?.(`notebook build: compiling src/ (${fingerprint}) ...`);
    const tmp = path.join(buildRoot, `tmp-${fingerprint}-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    const previousDir = previous && previous.startsWith("build-") ? path.join(buildRoot, previous) : null;
    if (previousDir && fs.existsSync(path.join(previousDir, ".complete"))) {
      fs.cpSync(previousDir, tmp, { recursive: true });
      fs.rmSync(path.join(tmp, ".complete"));
    } else fs.mkdirSync(tmp);
    const result = compileSources(repoRoot, tmp);
    let state: NotebookBuild;
    if (!result.ok) {
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.writeFileSync(path.join(buildRoot, `failed-${fingerprint}.txt`), result.errors);
      switchCurrent(buildRoot, SOURCES_TARGET);
      state = { state: "failed", fingerprint, target: SOURCES_TARGET, errors: result.errors, seconds: seconds() };
      options.log?.(`notebook build: src/ does not compile; notebooks compile the sources themselves and show the error:\n${result.errors}`);
    } else {
      pruneOrphans(tmp, path.join(repoRoot, "src"));
      fs.writeFileSync(path.join(tmp, ".complete"), fingerprint + "\n");
      const dir = path.join(buildRoot, `build-${fingerprint}`);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(tmp, dir);
      switchCurrent(buildRoot, `build-${fingerprint}`);
      state = { state: "built", fingerprint, target: `build-${fingerprint}`, errors: "", seconds: seconds() };
      options.log?.(`notebook build: ${result.written} files written in ${state.seconds.toFixed(1)} s`);
    }
    // Keep the build just replaced (a running kernel may still load files from it); drop the rest.
    for (const name of fs.readdirSync(buildRoot)) {
      if (name === state.target || name === previous || name === "current" || name === "lock") continue;
      if (/^(build-|tmp-|current\.)/.test(name)) fs.rmSync(path.join(buildRoot, name), { recursive: true, force: true });
    }
    pruneFailedRecords(buildRoot, KEPT_FAILED_RECORDS);
    return state;
  } finally {
    release();
  }
}
