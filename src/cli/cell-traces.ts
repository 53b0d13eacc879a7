/**
 * Stack traces that name a notebook cell's own lines (used by src/cli/tslab-kernel.ts).
 *
 * tslab compiles a cell twice (TypeScript to an ES module with its own transforms, then that to
 * CommonJS) and runs the result with `vm.runInThisContext` under the name `evalmachine.<anonymous>`:
 * a cell's frames named compiled lines (imports become several lines, `exports.x = x;` lines are
 * added, types and blank lines go), and every cell had the same name. Node applies source maps only
 * to modules it loads, not to vm scripts, so the kernel does it itself:
 * - `installCellSourceMaps` has tslab's compiler write a source map for each step of a cell's compile
 *   and composes them: compiled line and column → the cell's line and column (`cellMapFor`);
 * - each cell runs under the name `In [n]` (its execution count), with its map registered;
 * - `mapCellStack` rewrites the frames `In [n]:line:column` of a stack, and the source line Node
 *   shows above an error thrown at a cell's top level, into the cell's own line and text; an error
 *   that rejects a cell with top-level `await` (`markAsyncCellError`) gets that source line too,
 *   and loses tslab's frames below the cell's, like any other cell error.
 * The compiled JavaScript tslab runs is unchanged (the maps are taken out of it).
 */
/** One mapping of a generated line: [generated column, source line, source column], 0-based. */
export type Segment = [number, number, number];

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_VALUE = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes a source map's `mappings` (one source): per generated line, its segments sorted by column. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(";")) {
    const segments: Segment[] = [];
    let column = 0;
    for (const text of lineText.split(",")) {
      if (text === "") continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const c of text) {
        const digit = BASE64_VALUE.get(c);
        if (digit === undefined) throw new Error(`source map: bad character ${JSON.stringify(c)} in mappings`);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length < 4) continue; // a segment without a source position
      sourceLine += fields[2];
      sourceColumn += fields[3];
      segments.push([column, sourceLine, sourceColumn]);
    }
    lines.push(segments.sort((a, b) => a[0] - b[0]));
  }
  return lines;
}

function vlq(value: number): string {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = "";
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += BASE64[digit];
  } while (v > 0);
  return out;
}

/** Encodes segments (one source, index 0) as a source map's `mappings`. */
export function encodeMappings(lines: Segment[][]): string {
  let sourceLine = 0;
  let sourceColumn = 0;
  return lines
    .map((segments) => {
      let column = 0;
      return segments
        .map(([c, l, s]) => {
          const text = vlq(c - column) + vlq(0) + vlq(l - sourceLine) + vlq(s - sourceColumn);
          column = c;
          sourceLine = l;
          sourceColumn = s;
          return text;
        })
        .join(",");
    })
    .join(";");
}

/** The source position of a generated one: the segment at or before the column on its line (the line's first when the column is before it), else null. */
export function lookUp(lines: Segment[][], line: number, column: number): [number, number] | null {
  const segments = lines[line];
  if (!segments || segments.length === 0) return null;
  let found = segments[0];
  for (const segment of segments) {
    if (segment[0] > column) break;
    found = segment;
  }
  return [found[1], found[2]];
}

/**
 * Composes two maps: `outer` from the final code to an intermediate one, `inner` from that to the
 * source; source lines before `skipLines` (a prefix the compiler was given) are dropped and the rest
 * moved up by it.
 */
export function composeMappings(outer: Segment[][], inner: Segment[][], skipLines = 0): Segment[][] {
  return outer.map((segments) => {
    const out: Segment[] = [];
    for (const [column, line, sourceColumn] of segments) {
      const source = lookUp(inner, line, sourceColumn);
      if (source === null || source[0] < skipLines) continue;
      out.push([column, source[0] - skipLines, source[1]]);
    }
    return out;
  });
}

const INLINE_MAP = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const FILE_MAP = /\n?\/\/# sourceMappingURL=[^\n]*\s*$/;

/** What tslab's own source file for a cell is called (node_modules/tslab/dist/converter.js). */
const CELL_SOURCE = /(^|\/)__tslab__\.tsx?$/;

/** Per compiled cell output, its composed map (`cellMapFor`); filled while a cell compiles. */
const composed = new Map<string, string>();

/** The composed map of a cell's compiled output, as `mappings`, or undefined (taken: a second call gives undefined). */
export function cellMapFor(output: string | undefined): string | undefined {
  if (output === undefined) return undefined;
  const mappings = composed.get(output);
  composed.clear();
  return mappings;
}

type Ts = Record<string, unknown> & {
  createWatchCompilerHost(...args: unknown[]): unknown;
  transpileModule(input: string, options: { fileName?: string; compilerOptions?: Record<string, unknown> }): { outputText: string; sourceMapText?: string };
};

/**
 * Replaces the exports of tslab's TypeScript module (its file `tsFile`, before tslab's converter
 * loads it: TypeScript's own exports cannot be reassigned) by an object that has tslab's cell
 * compiles write source maps: the ES-module emit of tslab's converter (`outDir` "outDir") gets an
 * inline map, and tslab's rewrite to CommonJS (`transpileModule` of "custom.js") takes it out of
 * the code, maps its own output and composes the two for `cellMapFor`. Files a cell imports and
 * compiles with it (sideOutputs) come out as before, without a map.
 */
export function installCellSourceMaps(tsFile: string): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const real = require(tsFile) as Ts;
  const patched: Record<string, unknown> = {};
  const own = new Set(["createWatchCompilerHost", "transpileModule"]);
  for (const key of Object.keys(real)) {
    if (!own.has(key)) Object.defineProperty(patched, key, { enumerable: true, get: () => real[key] });
  }
  patched.createWatchCompilerHost = (rootFiles: unknown, options: Record<string, unknown> | undefined, ...rest: unknown[]) => {
    const cellOptions = options && options.outDir === "outDir" ? { ...options, inlineSourceMap: true } : options;
    return real.createWatchCompilerHost(rootFiles, cellOptions, ...rest);
  };
  patched.transpileModule = (input: string, options: { fileName?: string; compilerOptions?: Record<string, unknown> }) => {
    const inline = options?.fileName === "custom.js" ? INLINE_MAP.exec(input) : null;
    if (inline === null) return real.transpileModule(input, options);
    const code = input.slice(0, inline.index) + (input.slice(inline.index).startsWith("\n") ? "\n" : "");
    let innerMap: { sources?: string[]; mappings?: string } = {};
    try {
      innerMap = JSON.parse(Buffer.from(inline[1], "base64").toString("utf8"));
    } catch {
      // not a map after all: the code without it
    }
    if (!innerMap.sources || innerMap.sources.length !== 1 || !CELL_SOURCE.test(innerMap.sources[0]) || typeof innerMap.mappings !== "string") {
      return real.transpileModule(code, options);
    }
    const result = real.transpileModule(code, { ...options, compilerOptions: { ...options.compilerOptions, sourceMap: true } });
    const outputText = result.outputText.replace(FILE_MAP, "\n");
    if (result.sourceMapText) {
      const outer = decodeMappings((JSON.parse(result.sourceMapText) as { mappings: string }).mappings);
      // tslab's cell source starts with one line of its own, "export {};"
      composed.set(outputText, encodeMappings(composeMappings(outer, decodeMappings(innerMap.mappings), 1)));
    }
    return { ...result, outputText, sourceMapText: undefined };
  };
  require.cache[tsFile]!.exports = patched;
}

/**
 * A cell the kernel ran (by its name `In [n]`): its source text, composed map, the columns tslab's
 * wrapper adds to line 1, and the wrapper's last line (where the kernel calls the cell).
 */
export interface RanCell {
  source: string;
  lines: Segment[][];
  firstLineShift: number;
  wrapperLine: number;
}

/** The cells a kernel ran, by name, for `mapCellStack`. */
export const ranCells = new Map<string, RanCell>();

/** The cell's line and column (1-based) of a compiled position (1-based), or null. */
function cellPosition(cell: RanCell, line: number, column: number): [number, number] | null {
  const found = lookUp(cell.lines, line - 1, Math.max(0, column - 1 - (line === 1 ? cell.firstLineShift : 0)));
  return found === null ? null : [found[0] + 1, found[1] + 1];
}

const CELL_NAME = String.raw`In \[\d+\]`;

/**
 * Errors that rejected a cell run with top-level `await` (tslab runs such a cell as an async
 * function and prints what its promise rejects with): Node shows no source line above them, as it
 * does for an error thrown synchronously out of a cell, so `mapErrorStacks` adds it.
 */
const asyncCellErrors = new WeakSet<object>();

/** Marks an error that rejected a cell with top-level `await` (see asyncCellErrors). */
export function markAsyncCellError(error: unknown): void {
  if (error !== null && typeof error === "object") asyncCellErrors.add(error);
}

/** tslab's own frames (its executor and Jupyter handler), below a cell's frames in an async cell's stack. */
const TSLAB_FRAME = /^\s+at .*[\\/]node_modules[\\/]tslab[\\/]dist[\\/]\w+\.js:\d+:\d+\)?$/;

/**
 * A stack with every frame in a cell that ran (`In [n]:line:column`) naming the cell's own line and
 * column, and, when it starts with the source line Node shows for an error thrown at a cell's top
 * level (`In [n]:line`, the line, a caret), that line of the cell. With `addHeader` (an error from a
 * cell with top-level `await`), a stack without that source line gets one, from its first frame
 * when that is in a cell. Other text is kept as it is.
 */
export function mapCellStack(stack: string, cells: Map<string, RanCell> = ranCells, addHeader = false): string {
  const header = new RegExp(String.raw`^(${CELL_NAME}):(\d+)\n([^\n]*)\n( *)(\^+)\n`).exec(stack);
  let out = stack;
  if (header) {
    const cell = cells.get(header[1]);
    const at = cell ? cellPosition(cell, Number(header[2]), header[4].length + 1) : null;
    if (cell && at) {
      const text = cell.source.split("\n")[at[0] - 1] ?? "";
      const caret = Math.max(1, Math.min(header[5].length, text.length - (at[1] - 1)));
      out = `${header[1]}:${at[0]}\n${text}\n${" ".repeat(at[1] - 1)}${"^".repeat(caret)}\n` + out.slice(header[0].length);
    }
  }
  // The frame where the kernel calls a cell, and every frame below it, are the kernel's own
  // (vm, tslab's executor): a Python traceback in Jupyter stops at the cell too.
  const lines = out.split("\n");
  const call = lines.findIndex((text) => {
    const frame = new RegExp(String.raw`^\s+at (${CELL_NAME}):(\d+):\d+$`).exec(text);
    return frame !== null && cells.get(frame[1])?.wrapperLine === Number(frame[2]);
  });
  if (call >= 0) out = lines.slice(0, call).join("\n");
  else {
    // A cell with top-level await is awaited by tslab: below its frames come tslab's (async Object.execute ...).
    const cellFrame = lines.findIndex((text) => new RegExp(String.raw`^\s+at (async )?(\S.* \()?(${CELL_NAME}):\d+:\d+\)?$`).test(text));
    const kernel = cellFrame < 0 ? -1 : lines.findIndex((text, k) => k > cellFrame && TSLAB_FRAME.test(text));
    if (kernel >= 0) out = lines.slice(0, kernel).join("\n");
  }
  // A function from an earlier cell is called through tslab's `exports` proxy: V8 names it Proxy.f.
  out = out.replace(new RegExp(String.raw`^(\s+at )Proxy\.(\S+ \()(${CELL_NAME}):`, "gm"), (whole, at: string, fn: string, name: string) => (cells.has(name) ? `${at}${fn}${name}:` : whole));
  out = out.replace(new RegExp(String.raw`(${CELL_NAME}):(\d+):(\d+)`, "g"), (whole, name: string, line: string, column: string) => {
    const cell = cells.get(name);
    const at = cell ? cellPosition(cell, Number(line), Number(column)) : null;
    return at ? `${name}:${at[0]}:${at[1]}` : whole;
  });
  if (addHeader && !header) {
    // The source line of the first frame, as Node shows it above an error thrown out of a cell (there at the throw, here at the frame's column).
    const first = out.split("\n").find((text) => /^\s+at /.test(text));
    const frame = first === undefined ? null : new RegExp(String.raw`^\s+at (?:async )?(?:\S.* \()?(${CELL_NAME}):(\d+):(\d+)\)?$`).exec(first);
    const cell = frame ? cells.get(frame[1]) : undefined;
    const text = frame && cell ? cell.source.split("\n")[Number(frame[2]) - 1] : undefined;
    if (frame && text !== undefined) out = `${frame[1]}:${frame[2]}\n${text}\n${" ".repeat(Number(frame[3]) - 1)}^\n\n${out}`;
  }
  return out;
}

/** Rewrites the stacks of an error, its causes and an AggregateError's errors in place (mapCellStack). */
export function mapErrorStacks(value: unknown, seen = new Set<unknown>()): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  const error = value as { stack?: unknown; cause?: unknown; errors?: unknown };
  try {
    if (typeof error.stack === "string" && error.stack.includes("In [")) {
      const mapped = mapCellStack(error.stack, ranCells, asyncCellErrors.has(value));
      if (mapped !== error.stack) error.stack = mapped;
    }
  } catch {
    // a stack that cannot be written stays as it is
  }
  mapErrorStacks(error.cause, seen);
  if (Array.isArray(error.errors)) for (const inner of error.errors) mapErrorStacks(inner, seen);
}
