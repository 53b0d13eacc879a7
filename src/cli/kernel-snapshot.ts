/**
 * A V8 start-up snapshot for the notebook kernel: Node with tslab's TypeScript loaded and the
 * lib.es2022 and node_modules/@types files tslab's converter reads already parsed and bound.
 *
 * Creating tslab's converter cost a cold kernel 2.3–3 s of CPU, most of it parsing (57 %) and
 * binding (25 %) the same ~160 declaration files in every kernel. Set-up (src/cli/setup.sh) runs
 * `node .jupyter/kernel/tslab-kernel.js --kernel-snapshot`, which
 *   1. records which files the kernel's converter makes SourceFiles of, and with which options
 *      (`--kernel-snapshot-manifest`: the kernel's own start-up path, with a hook that only watches),
 *   2. builds `.jupyter/kernel-snapshot/kernel.blob` with `node --build-snapshot` from
 *      src/cli/kernel-snapshot-entry.ts, which loads typescript.js from its text (a snapshot's
 *      builder script may require only Node's built-in modules) and parses and binds those files,
 *   3. keys the blob by Node's version, typescript.js, both bundled scripts and the installed
 *      packages: a second set-up run rebuilds nothing.
 * The kernel spec then starts `node --snapshot-blob kernel.blob .jupyter/kernel/tslab-kernel.js …`
 * when the blob exists; the snapshot's main function runs the kernel script as Node would.
 *
 * In the kernel (`useKernelSnapshot`), the snapshot's TypeScript becomes the module every
 * `require` of typescript.js gets, and TypeScript's `createGetSourceFile` (the one place its compiler
 * hosts parse a file they read, patched in the snapshot's copy of typescript.js only) asks the
 * snapshot first. A stored SourceFile is handed out only when it is the one TypeScript would have
 * made and bound itself:
 *   - same path, same text (compared whole), same language version, module format and
 *     `setParentNodes`, and the program's `setExternalModuleIndicator` gives it the same value;
 *   - the program's compiler options equal the ones it was bound with, except rootDir and
 *     typeRoots (paths that follow the kernel's working folder; the binder reads neither: it reads
 *     target, alwaysStrict, allowUnreachableCode, allowUnusedLabels, noFallthroughCasesInSwitch,
 *     moduleResolution and preserveConstEnums/isolatedModules);
 *   - at most once per process: the program that gets it is the only one that uses it, as a program
 *     that parsed it would be (tslab's watch program then reuses it for every later cell, as before).
 * TypeScript's binder skips a file it has bound (`file.locals`), and its checker keeps what it
 * learns in tables of its own (a cell's program already reuses the bound lib files of the program
 * before it), which is also how its language service shares bound files between projects.
 * Anything else is parsed as usual. A kernel started without the snapshot, or with one whose
 * typescript.js or Node differs, runs exactly as before (it logs why in the second case).
 * test/cli/kernel-snapshot.test.ts compiles notebook cells with and without the snapshot and
 * requires identical results; environment.md, "helper kernel-snapshot", has the measurements.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

/** Bumped when the blob's contents or the manifest's layout change. */
export const KERNEL_SNAPSHOT_FORMAT = "kernel-snapshot 1";

/** Where set-up keeps the blob, its key and the manifest (git-ignored, under .jupyter/). */
export function kernelSnapshotDir(repoRoot: string): string {
  return path.join(repoRoot, ".jupyter", "kernel-snapshot");
}

/** The global the snapshot's builder leaves its state in, taken (and deleted) by the kernel. */
const STATE_KEY = "__projectKernelSnapshot";

/** TypeScript 5.0's createGetSourceFile: the compiler hosts' only call that parses a file they read. */
const PARSE_LINE = "      return text !== void 0 ? createSourceFile(fileName, text, languageVersionOrOptions, setParentNodes) : void 0;";
const HOOKED_PARSE_LINE = "      return text !== void 0 ? (__kernelSnapshotHook.get(fileName, text, languageVersionOrOptions, setParentNodes, getCompilerOptions()) || createSourceFile(fileName, text, languageVersionOrOptions, setParentNodes)) : void 0;";

/** typescript.js's text with createGetSourceFile asking `__kernelSnapshotHook` first, or null when the line is not found exactly once. */
export function typescriptWithSourceFileHook(text: string): string | null {
  const at = text.indexOf(PARSE_LINE);
  if (at < 0 || text.indexOf(PARSE_LINE, at + 1) >= 0) return null;
  return text.slice(0, at) + HOOKED_PARSE_LINE + text.slice(at + PARSE_LINE.length);
}

/** Asked before TypeScript parses a file it read: a SourceFile to use instead, or undefined. */
export interface SourceFileHook {
  get(fileName: string, text: string, languageVersionOrOptions: unknown, setParentNodes: boolean | undefined, options: Record<string, unknown>): unknown;
}

/** typescript.js (`tsPath`) evaluated from its text with the hook, as its CommonJS module exports. */
export function evaluateTypescript(tsPath: string, text: string, requireFn: NodeRequire, hook: SourceFileHook): TsModule {
  const hooked = typescriptWithSourceFileHook(text);
  if (hooked === null) throw new Error(`${tsPath}: TypeScript's createGetSourceFile is not the text the kernel snapshot expects`);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const vm = requireFn("vm") as typeof import("vm");
  const fn = vm.compileFunction(hooked, ["exports", "require", "module", "__filename", "__dirname", "__kernelSnapshotHook"], { filename: tsPath });
  const mod = { exports: {} as unknown };
  fn(mod.exports, requireFn, mod, tsPath, path.dirname(tsPath), hook);
  return mod.exports as TsModule;
}

/** The parts of TypeScript used here. */
export interface TsModule {
  version: string;
  createSourceFile(fileName: string, text: string, languageVersionOrOptions: unknown, setParentNodes?: boolean): SourceFileLike;
  bindSourceFile(file: SourceFileLike, options: Record<string, unknown>): void;
  getSetExternalModuleIndicator(options: Record<string, unknown>): (file: SourceFileLike) => void;
}

interface SourceFileLike {
  externalModuleIndicator?: unknown;
}

/** One file the kernel's converter parsed, as TypeScript asked for it. */
export interface ManifestFile {
  fileName: string;
  languageVersion: number;
  impliedNodeFormat?: number;
  setParentNodes?: boolean;
}

/** What the snapshot's builder parses and binds: written by the kernel (`--kernel-snapshot-manifest`). */
export interface KernelSnapshotManifest {
  format: string;
  node: string;
  tsPath: string;
  tsSha256: string;
  /** The compiler options of the converter's program (all the files were asked for with these). */
  options: Record<string, unknown>;
  files: ManifestFile[];
}

export function sha256(text: string | Buffer): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** The options a stored SourceFile must have been bound with, as comparable text: all but the paths that follow the working folder. */
export function bindingOptionsKey(options: Record<string, unknown>): string {
  const kept = Object.keys(options)
    .filter((key) => key !== "rootDir" && key !== "typeRoots")
    .sort();
  return JSON.stringify(kept.map((key) => [key, options[key]]));
}

/**
 * A hook that only records what TypeScript parses (files under `under`, once `start` is called), for the manifest. Throws
 * if those files are asked for with different options (the snapshot has one set).
 */
export function recordingHook(under: string): { hook: SourceFileHook; start(): void; files: ManifestFile[]; options: () => Record<string, unknown> | null } {
  const files: ManifestFile[] = [];
  let options: Record<string, unknown> | null = null;
  let started = false;
  const hook: SourceFileHook = {
    get(fileName, _text, languageVersionOrOptions, setParentNodes, programOptions) {
      if (!started || !fileName.startsWith(under) || typeof languageVersionOrOptions !== "object" || languageVersionOrOptions === null) return undefined;
      if (options === null) options = programOptions;
      else if (bindingOptionsKey(options) !== bindingOptionsKey(programOptions)) throw new Error("the converter's files were parsed with different compiler options");
      const lv = languageVersionOrOptions as { languageVersion: number; impliedNodeFormat?: number };
      files.push({ fileName, languageVersion: lv.languageVersion, impliedNodeFormat: lv.impliedNodeFormat, setParentNodes: setParentNodes || undefined });
      return undefined;
    },
  };
  return { hook, start: () => void (started = true), files, options: () => options };
}

interface StoredFile {
  sourceFile: SourceFileLike;
  text: string;
  file: ManifestFile;
  handedOut: boolean;
}

/** What the snapshot holds (in the global STATE_KEY). */
interface KernelSnapshotState {
  format: string;
  node: string;
  tsPath: string;
  tsSha256: string;
  ts: TsModule;
  hook: SourceFileHook;
  optionsKey: string;
  files: Map<string, StoredFile>;
}

/**
 * In the snapshot's builder script: loads typescript.js and parses and binds the manifest's
 * files, leaving them in the global the kernel takes. Only Node's built-in modules may be required here.
 */
export function prepareKernelSnapshot(manifest: KernelSnapshotManifest, requireFn: NodeRequire): { files: number } {
  if (manifest.format !== KERNEL_SNAPSHOT_FORMAT) throw new Error(`manifest format ${manifest.format}, expected ${KERNEL_SNAPSHOT_FORMAT}`);
  if (manifest.node !== process.version) throw new Error(`manifest made with Node ${manifest.node}, building with ${process.version}`);
  const tsText = fs.readFileSync(manifest.tsPath, "utf8");
  if (sha256(tsText) !== manifest.tsSha256) throw new Error(`${manifest.tsPath} changed since the manifest was made`);
  const hook: SourceFileHook = { get: () => undefined };
  const ts = evaluateTypescript(manifest.tsPath, tsText, requireFn, hook);
  const setExternalModuleIndicator = ts.getSetExternalModuleIndicator(manifest.options);
  const files = new Map<string, StoredFile>();
  for (const file of manifest.files) {
    if (files.has(file.fileName)) continue;
    const text = fs.readFileSync(file.fileName, "utf8");
    const sourceFile = ts.createSourceFile(file.fileName, text, { languageVersion: file.languageVersion, impliedNodeFormat: file.impliedNodeFormat, setExternalModuleIndicator }, file.setParentNodes);
    ts.bindSourceFile(sourceFile, manifest.options);
    files.set(file.fileName, { sourceFile, text, file, handedOut: false });
  }
  const state: KernelSnapshotState = {
    format: KERNEL_SNAPSHOT_FORMAT,
    node: process.version,
    tsPath: manifest.tsPath,
    tsSha256: manifest.tsSha256,
    ts,
    hook,
    optionsKey: bindingOptionsKey(manifest.options),
    files,
  };
  (globalThis as Record<string, unknown>)[STATE_KEY] = state;
  return { files: files.size };
}

/** What a kernel started from the snapshot reports (`served`: SourceFiles handed out so far). */
export interface KernelSnapshotUse {
  served(): number;
  stored: number;
  /** What TypeScript's compiler hosts ask before parsing (the hook itself, for tests). */
  sourceFileFor: SourceFileHook["get"];
}

/**
 * In the kernel, before anything loads TypeScript: when the process was started from the
 * snapshot and it matches this Node and this typescript.js (`tsPath`), makes the snapshot's
 * TypeScript the module `require(tsPath)` returns and lets it hand out its stored SourceFiles.
 * Null (nothing changed) otherwise; `log` says why when a snapshot was there but not used.
 */
export function useKernelSnapshot(tsPath: string, log: (line: string) => void): KernelSnapshotUse | null {
  const global = globalThis as Record<string, unknown>;
  const state = global[STATE_KEY] as KernelSnapshotState | undefined;
  if (state === undefined) return null;
  delete global[STATE_KEY];
  const refuse = (why: string): null => {
    log(`kernel snapshot: not used (${why}); TypeScript is loaded and parses as usual`);
    return null;
  };
  if (state.format !== KERNEL_SNAPSHOT_FORMAT) return refuse(`format ${state.format}`);
  if (state.node !== process.version) return refuse(`built by Node ${state.node}, running ${process.version}`);
  if (state.tsPath !== tsPath) return refuse(`built for ${state.tsPath}, the kernel's TypeScript is ${tsPath}`);
  let tsText: Buffer;
  try {
    tsText = fs.readFileSync(tsPath);
  } catch (error) {
    return refuse(`cannot read ${tsPath}: ${(error as Error).message}`);
  }
  if (sha256(tsText) !== state.tsSha256) return refuse(`${tsPath} changed since the snapshot was built`);
  if (require.cache[tsPath] !== undefined) return refuse("TypeScript was already loaded");
  let served = 0;
  state.hook.get = (fileName, text, languageVersionOrOptions, setParentNodes, options) => {
    const stored = state.files.get(fileName);
    if (stored === undefined || stored.handedOut) return undefined;
    if (typeof languageVersionOrOptions !== "object" || languageVersionOrOptions === null) return undefined;
    const asked = languageVersionOrOptions as { languageVersion?: number; impliedNodeFormat?: number; setExternalModuleIndicator?: (file: SourceFileLike) => void };
    if (
      stored.text !== text ||
      asked.languageVersion !== stored.file.languageVersion ||
      asked.impliedNodeFormat !== stored.file.impliedNodeFormat ||
      !!setParentNodes !== !!stored.file.setParentNodes ||
      bindingOptionsKey(options) !== state.optionsKey
    ) {
      return undefined;
    }
    // The program's own setExternalModuleIndicator must give the file what the parse gave it.
    const indicator = stored.sourceFile.externalModuleIndicator;
    if (asked.setExternalModuleIndicator !== undefined) {
      asked.setExternalModuleIndicator(stored.sourceFile);
      if (stored.sourceFile.externalModuleIndicator !== indicator) {
        stored.sourceFile.externalModuleIndicator = indicator;
        return undefined;
      }
    }
    stored.handedOut = true;
    served++;
    return stored.sourceFile;
  };
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Module = require("module") as { new (id: string, parent?: unknown): NodeModule; _nodeModulePaths(dir: string): string[] };
  const m = new Module(tsPath, module);
  m.filename = tsPath;
  m.paths = Module._nodeModulePaths(path.dirname(tsPath));
  m.exports = state.ts;
  m.loaded = true;
  require.cache[tsPath] = m;
  return { served: () => served, stored: state.files.size, sourceFileFor: state.hook.get };
}

/** The blob's key: everything its contents depend on. */
export function kernelSnapshotKey(parts: { tsPath: string; bundles: string[]; repoRoot: string }): string {
  const hash = crypto.createHash("sha256");
  const add = (label: string, data: string | Buffer): void => void hash.update(`${label}:${data.length}:`).update(data);
  add("format", KERNEL_SNAPSHOT_FORMAT);
  add("node", process.version);
  add("typescript", fs.readFileSync(parts.tsPath));
  for (const bundle of parts.bundles) add(bundle, fs.readFileSync(bundle));
  const installed = path.join(parts.repoRoot, "node_modules", ".package-lock.json");
  add("installed", fs.existsSync(installed) ? fs.readFileSync(installed) : "");
  return hash.digest("hex");
}

/**
 * Set-up's step (`node .jupyter/kernel/tslab-kernel.js --kernel-snapshot`): makes
 * .jupyter/kernel-snapshot/kernel.blob when it is missing or its key changed; removes it when it
 * cannot be made (the kernel spec then starts the kernel without it, as before). Two child
 * processes: the kernel bundle records the manifest, then Node builds the snapshot from the entry
 * bundle beside it (.jupyter/kernel/kernel-snapshot-entry.js).
 */
export function ensureKernelSnapshot(options: { repoRoot: string; kernelBundle: string; tsPath: string; log: (line: string) => void }): "fresh" | "built" | "failed" {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { spawnSync } = require("child_process") as typeof import("child_process");
  const dir = kernelSnapshotDir(options.repoRoot);
  const blob = path.join(dir, "kernel.blob");
  const keyFile = path.join(dir, "key");
  const entry = path.join(path.dirname(options.kernelBundle), "kernel-snapshot-entry.js");
  const fail = (why: string): "failed" => {
    fs.rmSync(blob, { force: true });
    fs.rmSync(keyFile, { force: true });
    options.log(`setup: no kernel snapshot (${why}); kernels start without it`);
    return "failed";
  };
  if (!fs.existsSync(entry)) return fail(`${entry} is missing`);
  const key = kernelSnapshotKey({ tsPath: options.tsPath, bundles: [options.kernelBundle, entry], repoRoot: options.repoRoot });
  if (fs.existsSync(blob) && fs.existsSync(keyFile) && fs.readFileSync(keyFile, "utf8") === key) return "fresh";
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(keyFile, { force: true });
  const manifest = path.join(dir, `manifest.${process.pid}.json`);
  const tmpBlob = path.join(dir, `kernel.${process.pid}.blob`);
  try {
    const started = Date.now();
    const record = spawnSync(process.execPath, [options.kernelBundle, "--kernel-snapshot-manifest", manifest], { encoding: "utf8" });
    if (record.status !== 0) return fail(`recording the converter's files failed: ${(record.stderr || record.stdout || String(record.error)).trim()}`);
    const made = spawnSync(process.execPath, ["--snapshot-blob", tmpBlob, "--build-snapshot", entry, manifest], { encoding: "utf8" });
    if (made.status !== 0 || !fs.existsSync(tmpBlob)) return fail(`node --build-snapshot failed: ${(made.stderr || made.stdout || String(made.error)).trim()}`);
    fs.renameSync(tmpBlob, blob);
    fs.renameSync(manifest, path.join(dir, "manifest.json"));
    fs.writeFileSync(keyFile, key);
    options.log(`setup: ${made.stdout.trim()} (kernel snapshot built in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return "built";
  } finally {
    fs.rmSync(manifest, { force: true });
    fs.rmSync(tmpBlob, { force: true });
  }
}
