/**
 * The project's notebook kernel: brings the compiled src/ up to date (src/cli/notebook-build.ts),
 * then runs tslab in this same process (so Jupyter's interrupt and shutdown signals reach it).
 *
 * src/cli/setup.sh bundles this file into .jupyter/kernel/tslab-kernel.js and registers it as the
 * kernel `tslab` ("TypeScript"): `node .jupyter/kernel/tslab-kernel.js kernel --config-path FILE`.
 * `node .jupyter/kernel/tslab-kernel.js --build-only` only builds (set-up runs it, so the first
 * kernels find the build ready).
 */
import * as fs from "fs";
import * as path from "path";
import { buildFailureNotice, ensureNotebookBuild, notebookBuildRoot } from "./notebook-build";
import { cachingCreateConverter, TslabConverter } from "./cell-compile-cache";
import { exitOnBindFailure, holdCellErrors, honourStopOnError, loadPatchedConverter, nameCellScripts, publishErrors, reportErrorsInReply, TslabExecutorModule, TslabHandlerClass, TslabServerClass } from "./tslab-patches";
import { cellMapFor, decodeMappings, installCellSourceMaps, mapErrorStacks, markAsyncCellError, ranCells } from "./cell-traces";
import { ensureKernelSnapshot, evaluateTypescript, KERNEL_SNAPSHOT_FORMAT, KernelSnapshotManifest, KernelSnapshotUse, recordingHook, sha256, useKernelSnapshot } from "./kernel-snapshot";

// The bundle lives in <repo>/.jupyter/kernel/ (run from src/cli/ by tsx, the same two levels).
const repoRoot = path.resolve(__dirname, "..", "..");
const buildOnly = process.argv.includes("--build-only");
const tslabDir = path.join(repoRoot, "node_modules", "tslab", "dist");
const tsPath = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] });

// The kernel's own log goes to the Jupyter server's log (the kernel's stderr); tslab sends what is
// written to process.stderr while a cell runs into the cell's output instead, so keep the original.
const serverLogWrite = process.stderr.write.bind(process.stderr);
const serverLog = (line: string): void => void serverLogWrite(line + "\n");
// `--kernel-snapshot` (set-up): builds the kernel's start-up snapshot when it is missing or stale
// (src/cli/kernel-snapshot.ts); the kernel spec uses it when it exists.
if (process.argv[2] === "--kernel-snapshot") {
  ensureKernelSnapshot({ repoRoot, kernelBundle: __filename, tsPath, log: (line) => process.stdout.write(line + "\n") });
  process.exit(0);
}
/** `--kernel-snapshot-manifest FILE`: record which files the converter parses, for the snapshot's builder. */
const manifestFile = process.argv[2] === "--kernel-snapshot-manifest" ? path.resolve(process.argv[3]) : undefined;
/** `--compile-cells IN OUT` (test/cli/kernel-snapshot.test.ts): compile cells with this process's converter, nothing else. */
const compileCells = process.argv[2] === "--compile-cells" ? { input: path.resolve(process.argv[3]), output: path.resolve(process.argv[4]) } : undefined;
// Those two modes make a converter as a kernel in notebooks/ does, so they work there from the start:
// TypeScript's sys remembers the first working folder it is asked for (a build of src/ made below
// asks), and tslab's converter takes its root from it.
if (manifestFile !== undefined || compileCells !== undefined) process.chdir(path.join(repoRoot, "notebooks"));
let recording: ReturnType<typeof recordingHook> | null = null;
let snapshot: KernelSnapshotUse | null = null;
if (manifestFile !== undefined) {
  // TypeScript with a hook that only watches which files its compiler hosts parse
  recording = recordingHook(path.join(repoRoot, "node_modules") + path.sep);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Module = require("module") as { new (id: string, parent?: unknown): NodeModule };
  const m = new Module(tsPath, module);
  m.filename = tsPath;
  m.exports = evaluateTypescript(tsPath, fs.readFileSync(tsPath, "utf8"), require, recording.hook);
  m.loaded = true;
  require.cache[tsPath] = m;
} else {
  // Started from the kernel snapshot: its TypeScript, with the lib and @types files parsed and bound.
  snapshot = useKernelSnapshot(tsPath, serverLog);
}
const build = ensureNotebookBuild(repoRoot, { log: serverLog });
if (buildOnly) {
  if (build.state === "fresh") process.stderr.write(`notebook build: src/ is up to date (${build.fingerprint})\n`);
  process.exit(0);
}
// tslab has no comms, and warns "unknown msg_type: comm_open" for each comm message a front end
// sends (the Notebook's widgets extension does on connect); the warning lands under whichever cell
// is running and is saved with the notebook. A kernel without comms should ignore them silently.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (args.length === 1 && typeof args[0] === "string" && /^unknown msg_type: comm_(open|msg|close)$/.test(args[0])) return;
  warn(...args);
};
// Cells whose compilation an earlier kernel already did come from the cell cache
// (src/cli/cell-compile-cache.ts): tslab's converter is created only when a cell is not there.
// tslab's main.js reads createConverter from the converter module when it needs a converter.
// A cell's compile also writes its source map (src/cli/cell-traces.ts): done to tslab's TypeScript
// module before tslab's converter loads it.
installCellSourceMaps(tsPath);
// Each cell is compiled in one TypeScript program instead of two, with the same results
// (src/cli/tslab-patches.ts, oneProgramPerCell), and files that change on disk between cells no
// longer break the converter (pendingTimerQueue); a patch whose text is not found is left out.
{
  const { skipped } = loadPatchedConverter(path.join(tslabDir, "converter.js"));
  if (skipped.length > 0) serverLog(`notebook kernel: tslab's converter.js is not the text ${skipped.join(" and ")} expects; using it without`);
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const converter = require(path.join(tslabDir, "converter.js")) as { createConverter: (options: unknown) => TslabConverter };
{
  // Each converted cell carries its composed source map (kept in the cell cache with the rest).
  const createTslab = converter.createConverter;
  converter.createConverter = (options: unknown): TslabConverter => {
    const real = createTslab(options);
    return {
      ...real,
      convert(prevDecl: string, src: string) {
        const result = real.convert(prevDecl, src);
        const cellMap = cellMapFor(result.output);
        return cellMap === undefined ? result : { ...result, cellMap };
      },
    };
  };
}
if (manifestFile !== undefined || compileCells !== undefined) {
  // Set-up's and the snapshot test's modes: a Node converter as a kernel in notebooks/ makes it
  // (the cell cache and the notebook's own wrappers left out), then exit.
  recording?.start();
  const started = process.cpuUsage();
  const real = converter.createConverter({ isJS: false, isBrowser: false });
  const used = process.cpuUsage(started);
  if (manifestFile !== undefined && recording !== null) {
    const options = recording.options();
    if (options === null) throw new Error("the converter parsed no file under node_modules/");
    const manifest: KernelSnapshotManifest = { format: KERNEL_SNAPSHOT_FORMAT, node: process.version, tsPath, tsSha256: sha256(fs.readFileSync(tsPath, "utf8")), options, files: recording.files };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 1) + "\n");
  }
  if (compileCells !== undefined) {
    const notebooks = JSON.parse(fs.readFileSync(compileCells.input, "utf8")) as string[][];
    const results: unknown[][] = [];
    for (const cells of notebooks) {
      let prevDecl = "";
      const out: unknown[] = [];
      for (const src of cells) {
        const result = real.convert(prevDecl, src);
        out.push(result);
        if (result.declOutput !== undefined) prevDecl = result.declOutput;
      }
      results.push(out);
    }
    const all = process.cpuUsage();
    fs.writeFileSync(compileCells.output, JSON.stringify({
      snapshot: snapshot === null ? null : { stored: snapshot.stored, served: snapshot.served() },
      stackTraceLimit: Error.stackTraceLimit ?? null,
      startCpuSeconds: (started.user + started.system) / 1e6,
      converterCpuSeconds: (used.user + used.system) / 1e6,
      processCpuSeconds: (all.user + all.system) / 1e6,
      results,
    }) + "\n");
  }
  real.close();
  process.exit(0);
}
if (build.state === "failed") {
  // src/ does not compile: say so under the first cell this kernel runs (tslab sends what is written
  // to process.stderr during a cell into the cell's output), naming the compiler's first errors.
  const notice = buildFailureNotice(build.errors);
  serverLog(notice.trimEnd());
  const createReal = converter.createConverter;
  converter.createConverter = (options: unknown): TslabConverter => {
    const real = createReal(options);
    let told = false;
    return {
      ...real,
      convert(prevDecl: string, src: string) {
        if (!told) {
          told = true;
          process.stderr.write(notice);
        }
        return real.convert(prevDecl, src);
      },
    };
  };
} else {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts = require(tsPath) as { sys: Parameters<typeof cachingCreateConverter>[1]["sys"] };
  converter.createConverter = cachingCreateConverter(converter.createConverter, {
    repoRoot,
    buildDir: path.join(notebookBuildRoot(repoRoot), build.target),
    sys: ts.sys,
    log: serverLog,
  });
}
/** tslab's converter for Node cells (created by tslab as it starts), for the idle warm-up below. */
let nodeConverter: TslabConverter | null = null;
{
  // Cells run as "In [n]" with their maps registered, and the errors tslab prints (console.error)
  // name the cells' own lines (src/cli/cell-traces.ts).
  const outer = converter.createConverter;
  let last: { src: string; output?: string; cellMap?: string } | null = null;
  converter.createConverter = (options: unknown): TslabConverter => {
    const inner = outer(options);
    if (!(options as { isBrowser?: boolean } | null)?.isBrowser) nodeConverter = inner;
    return {
      ...inner,
      convert(prevDecl: string, src: string) {
        const result = inner.convert(prevDecl, src);
        last = { src, output: result.output, cellMap: result.cellMap };
        return result;
      },
    };
  };
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const handlerClass = (require(path.join(tslabDir, "jupyter.js")) as { JupyterHandlerImpl: { prototype: { handleExecuteImpl(...args: unknown[]): unknown } } }).JupyterHandlerImpl;
  nameCellScripts(handlerClass, () => last, (name, cell) => ranCells.set(name, { source: cell.source, lines: decodeMappings(cell.cellMap), firstLineShift: cell.firstLineShift, wrapperLine: cell.wrapperLine }), markAsyncCellError);
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    for (const arg of args) mapErrorStacks(arg);
    error(...args);
  };
}
// Stack traces through the compiled src/ name the src/…ts file and line (the build writes source
// maps, src/cli/notebook-build.ts); cells' own frames are mapped above (src/cli/cell-traces.ts).
// Enabled only now, after TypeScript is loaded: Node would otherwise measure every line of its 8 MB
// typescript.js for the source map it names (about 0.1 s of CPU per kernel for nothing).
process.setSourceMapsEnabled(true);
// A failing cell aborts the cells queued after it only when its request says so (nbclient's
// allow_errors and cells tagged raises-exception say not): src/cli/tslab-patches.ts.
// eslint-disable-next-line @typescript-eslint/no-var-requires
honourStopOnError((require(path.join(tslabDir, "jupyter.js")) as { JupyterHandlerImpl: TslabHandlerClass }).JupyterHandlerImpl);
// A failed cell's error is an error output, as IPython's: its compile errors or what it threw (stacks
// mapped to the cells' lines, as above) are sent as an iopub `error` message instead of stderr text,
// and its execute_reply carries the same ename, evalue and traceback (nbclient and so plain
// `jupyter nbconvert --execute` build their error from them): src/cli/tslab-patches.ts.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cellErrors = holdCellErrors(require(path.join(tslabDir, "executor.js")) as TslabExecutorModule, (args) => {
  for (const arg of args) mapErrorStacks(arg);
});
// eslint-disable-next-line @typescript-eslint/no-var-requires
reportErrorsInReply((require(path.join(tslabDir, "jupyter.js")) as { JupyterHandlerImpl: Parameters<typeof reportErrorsInReply>[0] }).JupyterHandlerImpl, cellErrors);
// eslint-disable-next-line @typescript-eslint/no-var-requires
publishErrors((require(path.join(tslabDir, "jupyter.js")) as { ZmqServer: TslabServerClass }).ZmqServer);
// A port taken between Jupyter choosing it and the kernel binding it: exit (nbclient sees the kernel
// die and the runner starts it again) rather than run on without a shell socket: src/cli/tslab-patches.ts.
exitOnBindFailure(
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  (require(path.join(tslabDir, "jupyter.js")) as { ZmqServer: Parameters<typeof exitOnBindFailure>[0] }).ZmqServer,
  (message) => {
    console.error(message);
    process.exit(1);
  },
);
// When every cell so far came from the cell cache, tslab's converter does not exist yet, and the
// first hover or completion waits for it (about 2 s, plus replaying the cells). With
// TSLAB_IDLE_WARMUP=on it is made once the kernel has been idle for a second after a cell. Off by
// default: the making and replaying is synchronous, so a cell run during it waits (a reader stepping
// through cached cells by hand saw 0.5 s cells take 4.5 s, and the replay recurs after each pause),
// which costs more than one slow first completion. The batch runner sets it off explicitly.
if (process.env.TSLAB_IDLE_WARMUP === "on") {
  const IDLE_MS = 1000;
  let timer: NodeJS.Timeout | null = null;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const handlerClass = (require(path.join(tslabDir, "jupyter.js")) as { JupyterHandlerImpl: { prototype: { handleExecute(...args: unknown[]): Promise<unknown> } } }).JupyterHandlerImpl;
  const handleExecute = handlerClass.prototype.handleExecute;
  handlerClass.prototype.handleExecute = async function (this: unknown, ...args: unknown[]) {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    try {
      return await handleExecute.apply(this, args);
    } finally {
      timer = setTimeout(() => {
        timer = null;
        const started = process.cpuUsage();
        if (nodeConverter?.warmUp?.()) {
          const used = process.cpuUsage(started);
          serverLog(`cell cache: tslab's converter made while the kernel was idle (${((used.user + used.system) / 1e6).toFixed(2)} s of CPU)`);
        }
      }, IDLE_MS);
      timer.unref();
    }
  };
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
(require(path.join(repoRoot, "node_modules", "tslab", "dist", "main.js")) as { main(): void }).main();
