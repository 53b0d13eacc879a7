/**
 * A compile cache for notebook cells, in front of tslab's converter (used by src/cli/tslab-kernel.ts).
 *
 * tslab compiles every cell with the TypeScript compiler before running it: creating its converter
 * (parsing lib.es2022 and every node_modules/@types package) costs about 2 s of CPU per kernel, and
 * each cell 0.05–0.6 s more (two new programs, a type check and an emit per cell): about half of the
 * CPU of `npm run reproduce` on the project's notebooks. Re-executing an unchanged notebook compiles
 * the same cells against the same declarations every time; this cache keeps what tslab's converter
 * returned (the JavaScript, the cell's declarations, the diagnostics) and returns it again.
 *
 * What a cached result depends on, and how each is covered:
 * - The converter's history: a kernel's converter sees `convert(prevDecl, src)` calls in order; an
 *   entry's key chains every call's inputs since the kernel started (a hash of the previous key,
 *   `prevDecl` and `src`), so an entry is found only by a kernel that made exactly the same calls.
 *   On the first miss the real converter is created and the earlier calls are replayed into it
 *   before it compiles the new cell, so its state is the one it would have had without the cache.
 *   `warmUp` does the same ahead of time (the kernel calls it once idle); cells answered from the
 *   cache after that are replayed into it before it next answers anything.
 * - The compiler and its options: tslab's and TypeScript's versions and every installed package
 *   (node_modules/.package-lock.json, npm's record of what is installed), Node's version (tslab
 *   picks target and lib by it), the kernel's working directory, the converter's options.
 * - The files the compiler reads: only files under node_modules/ and the current compiled src/
 *   (its fingerprint, src/cli/notebook-build.ts, is in the key) may be read; a kernel whose compile
 *   reads any other file (a user's own .ts or .json beside the notebook, src/ itself when it does
 *   not compile) stops storing results from then on.
 * - What the compiler looked up and did not find, or found, outside those folders (module
 *   resolution walking up through node_modules folders, type roots, real paths of links): every
 *   such answer is stored with the entry and checked again before the entry is used; an answer
 *   that changed (a new node_modules/@types folder above the project, say) makes it a miss.
 * - tslab's `//%module:` cells, hover and completion requests change the converter's state in ways
 *   the key does not follow: after any of them the kernel uses the real converter only.
 * Entries live in .jupyter/cell-cache/build-<fingerprint>/ (git-ignored) and are dropped with the
 * build they belong to. Set TSLAB_CELL_CACHE=off in the kernel's environment to bypass the cache.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

/** Bumped when an entry's layout or the key's inputs change, so older entries are never read. */
export const CELL_CACHE_FORMAT = "cell-cache 2";

/** tslab's converter, as src/cli/tslab-kernel.ts sees it (node_modules/tslab/dist/converter.js). */
export interface TslabConverter {
  convert(prevDecl: string, src: string): ConvertResult;
  /**
   * The caching converter only: creates tslab's converter now, with the cells answered from the
   * cache so far replayed into it, so that the next hover, completion or new cell does not wait
   * for it. True when it did anything (src/cli/tslab-kernel.ts calls it once the kernel is idle).
   */
  warmUp?(): boolean;
  inspect(prevDecl: string, src: string, position: number): unknown;
  complete(prevDecl: string, src: string, position: number): unknown;
  addModule(name: string, src: string, meta?: unknown): unknown;
  close(): void;
}

export interface ConvertResult {
  output?: string;
  declOutput?: string;
  diagnostics: unknown[];
  hasToplevelAwait?: boolean;
  sideOutputs?: { path: string; data: string }[];
  lastExpressionVar?: string;
  /** The cell's composed source map, compiled code → cell (`mappings`, src/cli/cell-traces.ts). */
  cellMap?: string;
}

type FsQuery = "fileExists" | "directoryExists" | "getDirectories" | "readDirectory" | "realpath";
const QUERIES: FsQuery[] = ["fileExists", "directoryExists", "getDirectories", "readDirectory", "realpath"];

/** One answer of the file system to the compiler, outside the folders the key covers: [query, path, answer as JSON]. */
type Observation = [FsQuery, string, string];

interface Entry {
  format: string;
  result: ConvertResult;
  observations: Observation[];
}

/** TypeScript's `sys` object: its file-system methods are wrapped in place. */
type TsSys = Record<string, unknown>;

export interface CellCacheOptions {
  repoRoot: string;
  /** The compiled src/ the kernel's notebooks import: `build-<fingerprint>` under .jupyter/notebook-src/. */
  buildDir: string;
  /** tslab's TypeScript `sys` object (`require("@tslab/typescript-for-tslab").sys`). */
  sys: TsSys;
  /** The kernel's working directory (tslab's root). */
  cwd?: string;
  /** Called with a short reason when the kernel stops storing results, for the kernel's log. */
  log?: (line: string) => void;
}

function sha256(...parts: string[]): string {
  const hash = crypto.createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return fallback;
  }
}

/**
 * Wraps tslab's createConverter: the returned converters answer `convert` from the cache when they
 * can and otherwise from a real converter (created on the first miss, with the earlier calls
 * replayed), storing what it returns.
 */
export function cachingCreateConverter<O>(createReal: (options: O) => TslabConverter, options: CellCacheOptions): (converterOptions: O) => TslabConverter {
  const { repoRoot, buildDir, sys } = options;
  const cwd = options.cwd ?? process.cwd();
  const cacheRoot = path.join(repoRoot, ".jupyter", "cell-cache");
  const cacheDir = path.join(cacheRoot, path.basename(buildDir));
  // node_modules/ may be a link (a scratch project's, say): files count as inside by either path.
  const nodeModules = path.join(repoRoot, "node_modules") + path.sep;
  const nodeModulesReal = fs.realpathSync(nodeModules) + path.sep;
  const buildPrefix = fs.realpathSync(buildDir) + path.sep;
  const inside = (file: string): boolean => file.startsWith(nodeModules) || file.startsWith(nodeModulesReal) || file.startsWith(buildPrefix);
  pruneCacheDirs(cacheRoot, path.dirname(buildDir));

  // Every answer the file system gives the compiler is seen here (tslab's own sys object inherits
  // from ts.sys and calls ts.sys's methods). Answers about paths outside node_modules/ and the
  // build are kept for the entry being made; a file read outside them makes results unstorable.
  const original: Partial<Record<FsQuery | "readFile", (...args: unknown[]) => unknown>> = {};
  let recording: { observations: Map<string, Observation>; readOutside: string | null } | null = null;
  const realDirs = new Map<string, string | null>();
  const realDir = (dir: string): string | null => {
    let known = realDirs.get(dir);
    if (known === undefined) {
      try {
        known = fs.realpathSync(dir) + path.sep;
      } catch {
        known = null;
      }
      realDirs.set(dir, known);
    }
    return known;
  };
  const covered = (file: string): boolean => {
    if (inside(file)) return true;
    const dir = realDir(path.dirname(file));
    return dir !== null && inside(dir);
  };
  for (const name of [...QUERIES, "readFile"] as const) {
    const fn = sys[name] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof fn !== "function") continue;
    original[name] = fn;
    sys[name] = function (this: unknown, ...args: unknown[]) {
      const answer = fn.apply(this, args);
      const file = args[0];
      if (recording !== null && typeof file === "string" && !covered(file)) {
        if (name === "readFile") {
          if (answer !== undefined && recording.readOutside === null) recording.readOutside = file;
        } else {
          recording.observations.set(`${name}\0${file}`, [name, file, JSON.stringify(answer ?? null)]);
        }
      }
      return answer;
    };
  }
  const ask = (query: FsQuery, file: string): string => {
    const fn = original[query];
    if (fn === undefined) return "null";
    try {
      return JSON.stringify(fn.call(sys, file) ?? null);
    } catch {
      return "null";
    }
  };
  // Asked afresh every time: a file that appears while a kernel runs must be seen by its next cell.
  const stillTrue = (observations: Iterable<Observation>): boolean => {
    for (const [query, file, answer] of observations) if (ask(query, file) !== answer) return false;
    return true;
  };

  const packages = readOr(path.join(repoRoot, "node_modules", ".package-lock.json"), "");

  return (converterOptions: O): TslabConverter => {
    let key = sha256(CELL_CACHE_FORMAT, process.version, packages, path.basename(buildDir), cwd, JSON.stringify(converterOptions ?? null));
    let real: TslabConverter | null = null;
    let storing = process.env.TSLAB_CELL_CACHE !== "off";
    let lookingUp = storing;
    const history: [string, string][] = [];
    /** How many calls of `history` the real converter has seen. */
    let seen = 0;
    /** What the compiler looked up while the converter was created ahead of time (warmUp): kept with the next entry stored. */
    let carried: Map<string, Observation> | null = null;
    // The answers the entries used so far were made with: a later cell's compile relies on them too
    // (the converter that made the entries learned them earlier), so they are checked again with it.
    const relied = new Map<string, Observation>();

    const stopStoring = (why: string): void => {
      if (storing) options.log?.(`cell cache: not storing this kernel's cells from here on: ${why}`);
      storing = false;
      lookingUp = false;
    };
    const ensureReal = (): TslabConverter => {
      if (real === null) real = createReal(converterOptions);
      // the calls answered from the cache since it last compiled, so that its state is the one it would have had
      for (; seen < history.length; seen++) real.convert(history[seen][0], history[seen][1]);
      return real;
    };
    const entryFile = (k: string): string => path.join(cacheDir, k.slice(0, 2), `${k}.json`);
    const lookUp = (k: string): ConvertResult | null => {
      let entry: Entry;
      try {
        entry = JSON.parse(fs.readFileSync(entryFile(k), "utf8")) as Entry;
      } catch {
        return null;
      }
      if (entry.format !== CELL_CACHE_FORMAT || !stillTrue(relied.values()) || !stillTrue(entry.observations)) return null;
      for (const observation of entry.observations) relied.set(`${observation[0]}\0${observation[1]}`, observation);
      return entry.result;
    };
    const store = (k: string, result: ConvertResult, observations: Observation[]): void => {
      const file = entryFile(k);
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(tmp, JSON.stringify({ format: CELL_CACHE_FORMAT, result, observations } satisfies Entry));
        fs.renameSync(tmp, file);
      } catch (error) {
        fs.rmSync(tmp, { force: true });
        stopStoring(`cannot write ${file}: ${(error as Error).message}`);
      }
    };

    return {
      convert(prevDecl: string, src: string): ConvertResult {
        const next = sha256(key, prevDecl, src);
        if (lookingUp) {
          const hit = lookUp(next);
          if (hit !== null) {
            history.push([prevDecl, src]);
            key = next;
            return hit;
          }
        }
        lookingUp = false; // the real converter answers from now on
        const made: typeof recording = storing ? { observations: new Map(carried ?? []), readOutside: null } : null;
        carried = null;
        recording = made;
        let result: ConvertResult;
        try {
          result = ensureReal().convert(prevDecl, src);
        } finally {
          recording = null;
        }
        history.push([prevDecl, src]);
        seen = history.length;
        key = next;
        if (storing && made !== null) {
          if (made.readOutside !== null) stopStoring(`the compiler read ${made.readOutside}, outside node_modules/ and the compiled src/`);
          else if (result.sideOutputs && result.sideOutputs.length > 0) stopStoring("the cell imports a TypeScript file that is compiled with it");
          else store(next, result, [...made.observations.values()]);
        }
        return result;
      },
      warmUp(): boolean {
        if (real !== null && seen === history.length) return false;
        if (real === null && history.length === 0) return false; // nothing to gain: the first cell creates it as it would anyway
        const made: typeof recording = storing ? { observations: new Map(carried ?? []), readOutside: null } : null;
        recording = made;
        try {
          ensureReal();
        } finally {
          recording = null;
        }
        if (made !== null) {
          if (made.readOutside !== null) stopStoring(`the compiler read ${made.readOutside}, outside node_modules/ and the compiled src/`);
          else carried = made.observations;
        }
        return true;
      },
      inspect(prevDecl: string, src: string, position: number): unknown {
        stopStoring("hover information was asked for");
        return ensureReal().inspect(prevDecl, src, position);
      },
      complete(prevDecl: string, src: string, position: number): unknown {
        stopStoring("completions were asked for");
        return ensureReal().complete(prevDecl, src, position);
      },
      addModule(name: string, src: string, meta?: unknown): unknown {
        stopStoring("a //%module cell was run");
        return ensureReal().addModule(name, src, meta);
      },
      close(): void {
        if (real !== null) real.close();
      },
    };
  };
}

/** Removes the cache folders of builds that no longer exist (src/cli/notebook-build.ts keeps the last two). */
function pruneCacheDirs(cacheRoot: string, buildRoot: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(cacheRoot);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith("build-") && !fs.existsSync(path.join(buildRoot, name))) fs.rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
  }
}
