/**
 * Changes to how tslab 1.0.22 runs cells, installed by the project's kernel (src/cli/tslab-kernel.ts)
 * before tslab starts. Each one patches a method of tslab's own classes (node_modules/tslab/dist/).
 */

/** tslab's Jupyter handler class (node_modules/tslab/dist/jupyter.js), as far as these patches use it. */
export interface TslabHandlerClass {
  prototype: {
    handleExecute(req: ExecuteRequest, writeStream: unknown, writeDisplayData: unknown): Promise<ExecuteReply>;
  };
}

interface TslabHandler {
  execQueue: { add<T>(task: () => Promise<T>): Promise<T> };
  handleExecuteImpl(req: ExecuteRequest, writeStream: unknown, writeDisplayData: unknown): Promise<{ count: number }>;
}

export interface ExecuteRequest {
  code: string;
  /** Jupyter's execute_request field: abort the requests queued behind this one if it fails (default true). */
  stop_on_error?: boolean;
}

export interface ExecuteReply {
  status: string;
  execution_count?: number;
}

/**
 * Makes a failing cell abort the cells after it only when its request asks for that
 * (`stop_on_error`, true unless the client says otherwise), as Jupyter's own kernels do.
 *
 * tslab answers every failure by rejecting its execution queue and resetting it 200 ms later, so every
 * execute request that arrives within those 200 ms is answered "abort" without running. That is
 * Jupyter's "Run All" stopping at an error, but it also happens to requests that say
 * `stop_on_error: false`: nbclient with `allow_errors=True` (`jupyter nbconvert --execute
 * --allow-errors`) and a cell tagged `raises-exception` send the next cell as soon as the failing
 * one replies, so the cells after an error ran without outputs. Such a request's failure now leaves
 * the queue as it is; the reply is the same "error" with the cell's execution count.
 */
export function honourStopOnError(handlerClass: TslabHandlerClass): void {
  const original = handlerClass.prototype.handleExecute;
  handlerClass.prototype.handleExecute = async function (this: TslabHandler, req: ExecuteRequest, writeStream: unknown, writeDisplayData: unknown): Promise<ExecuteReply> {
    if (req.stop_on_error !== false) return original.call(this, req, writeStream, writeDisplayData);
    let failure: { error: unknown } | null = null;
    let count: { count: number } | null;
    try {
      count = await this.execQueue.add(async () => {
        try {
          return await this.handleExecuteImpl(req, writeStream, writeDisplayData);
        } catch (error) {
          failure = { error };
          return null;
        }
      });
    } catch {
      // an earlier request that stops on error failed: this one is aborted, as tslab does
      return { status: "abort", execution_count: undefined };
    }
    if (failure === null) return { status: "ok", execution_count: count?.count };
    const error = (failure as { error: unknown }).error;
    // tslab throws its ExecutionCount object for a cell that failed; anything else is its own bug
    if (error !== null && typeof error === "object" && typeof (error as { count?: unknown }).count === "number") {
      return { status: "error", execution_count: (error as { count: number }).count };
    }
    console.error("unexpected error:", error);
    return { status: "error", execution_count: undefined };
  };
}

/** tslab's wrapper around a cell's compiled code (node_modules/tslab/dist/executor.js, execute). */
const CELL_PREFIXES = ["(function(exports, require) { ", "(async function(exports, require) { "];
const CELL_SUFFIX = "\n})(__tslab__.exports, __tslab__.require)";

/**
 * Runs each cell's compiled code under the name `In [n]` (n its execution count, as Jupyter labels
 * it) instead of vm's `evalmachine.<anonymous>`, and registers it with its source and composed
 * source map (src/cli/cell-traces.ts) so that stacks can name the cell's own lines.
 * `lastConverted` is what the kernel's converter returned for the cell being run. A cell with
 * top-level `await` runs as an async function whose promise tslab awaits: `onAsyncError` is told
 * what it rejects with, before tslab prints it (cell-traces adds the source line Node adds only to
 * errors thrown synchronously out of a cell).
 */
export function nameCellScripts(
  handlerClass: { prototype: { handleExecuteImpl(...args: unknown[]): unknown } },
  lastConverted: () => { src: string; output?: string; cellMap?: string } | null,
  register: (name: string, cell: { source: string; cellMap: string; firstLineShift: number; wrapperLine: number }) => void,
  onAsyncError: (error: unknown) => void = () => undefined,
): void {
  let executing = 0;
  const originalImpl = handlerClass.prototype.handleExecuteImpl;
  handlerClass.prototype.handleExecuteImpl = function (this: { execCount: number }, ...args: unknown[]) {
    executing = this.execCount + 1; // tslab counts the request it is starting as execCount + 1
    return originalImpl.apply(this, args);
  };
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const vm = require("vm") as typeof import("vm");
  const run = vm.runInThisContext;
  vm.runInThisContext = function (code: string, options?: import("vm").RunningScriptOptions | string) {
    const prefix = typeof code === "string" && code.endsWith(CELL_SUFFIX) ? CELL_PREFIXES.find((p) => code.startsWith(p)) : undefined;
    const cell = prefix !== undefined ? lastConverted() : null;
    if (prefix === undefined || cell === null || typeof options !== "object" || options.filename !== undefined || code.slice(prefix.length, -CELL_SUFFIX.length) !== cell.output) {
      return run.call(vm, code, options);
    }
    const name = `In [${executing}]`;
    if (cell.cellMap !== undefined) register(name, { source: cell.src, cellMap: cell.cellMap, firstLineShift: prefix.length, wrapperLine: code.split("\n").length });
    const result = run.call(vm, code, { ...options, filename: name });
    if (prefix !== CELL_PREFIXES[1] || result === null || typeof (result as { then?: unknown }).then !== "function") return result;
    return (result as Promise<unknown>).then(undefined, (error: unknown) => {
      onAsyncError(error);
      throw error;
    });
  } as typeof import("vm").runInThisContext;
}

/** The start of tslab 1.0.22's `convert` (node_modules/tslab/dist/converter.js, in createConverter). */
const CONVERT_TWO_PROGRAMS = `    function convert(prevDecl, src) {
        updateContent(prevDecl, src);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);
        const locals = srcFile.locals;
        const keys = new Set();
        if (locals) {
            locals.forEach((_, key) => {
                keys.add(key);
            });
        }
`;

/**
 * The same, making the cell's program once. tslab made a program (parse, binding, a new type
 * checker, the builder's state) from the cell as written only to read the names it declares
 * (`srcFile.locals`, the binder's output), then a second one from the cell with
 * `export { those names }` appended, which it checks and emits. The binder works on one file at a
 * time, so binding the same text alone gives the same names in the same order; when there are
 * none, the cell's one program is the one tslab made first, as before.
 */
const CONVERT_ONE_PROGRAM = `    function convert(prevDecl, src) {
        const keys = new Set();
        {
            // patched by the project's kernel (src/cli/tslab-patches.ts, oneProgramPerCell)
            const options = builder.getProgram().getCompilerOptions();
            const alone = ts.createSourceFile(srcFilename, srcPrefix + src, { languageVersion: ts.getEmitScriptTarget(options), impliedNodeFormat: undefined, setExternalModuleIndicator: ts.getSetExternalModuleIndicator(options) });
            ts.bindSourceFile(alone, options);
            if (alone.locals) {
                alone.locals.forEach((_, key) => {
                    keys.add(key);
                });
            }
        }
        if (keys.size === 0) updateContent(prevDecl, src);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);
`;

/**
 * tslab's converter.js with each cell compiled in one program instead of two (CONVERT_ONE_PROGRAM),
 * or null when the text is not tslab 1.0.22's (then it is used as it is). What each cell compiles
 * to, its declarations and its errors are the same: checked on every code cell of the nine study
 * notebooks (environment.md, *How long `npm test` takes*), and by the notebook tests.
 */
export function oneProgramPerCell(converterSource: string): string | null {
  const at = converterSource.indexOf(CONVERT_TWO_PROGRAMS);
  if (at < 0 || converterSource.indexOf(CONVERT_TWO_PROGRAMS, at + 1) >= 0) return null;
  return converterSource.slice(0, at) + CONVERT_ONE_PROGRAM + converterSource.slice(at + CONVERT_TWO_PROGRAMS.length);
}

/** tslab 1.0.22's watch-host timer (node_modules/tslab/dist/converter.js, in createConverter): one pending timer at most. */
const ONE_PENDING_TIMER = `    let rebuildTimer = null;
    sys.setTimeout = (callback) => {
        // TypeScript compier implements debouncing using a timer.
        // It clears a timer when a new change is notified before the timer
        // is fired and it starts rebuilding sources.
        //
        // In this converter, it often happens when notifyUpdateSrc and
        // notifyUpdateDecls are called in sequence.
        if (rebuildTimer) {
            throw new Error("Unexpected pending rebuildTimer");
        }
        rebuildTimer = {
            callback: () => {
                callback();
                rebuildTimer = null;
            },
        };
        return rebuildTimer;
    };
    sys.clearTimeout = (timeoutId) => {
        if (rebuildTimer === timeoutId) {
            rebuildTimer = null;
            return;
        }
        throw new Error("clearing unexpected tiemr");
    };
`;

/** Where tslab fires that timer (updateContent, addModuleWithPath): the program update a cell's new text asked for. */
const FIRE_PENDING_TIMER = `        if (!rebuildTimer) {
            throw new Error("rebuildTimer is not set properly");
        }
`;
const FIRE_PENDING_TIMER_CALL = "        rebuildTimer.callback();\n";

/** The same with any number of pending timers, fired in the order they were set. */
const PENDING_TIMER_QUEUE = `    // patched by the project's kernel (src/cli/tslab-patches.ts, pendingTimerQueue)
    const pendingTimers = [];
    const rebuildTimer = {
        callback: () => {
            // a timer may set another (the invalidation of module resolutions asks for a program update)
            for (let fired = 0; pendingTimers.length > 0; fired++) {
                if (fired === 100) {
                    throw new Error("TypeScript's watch timers keep setting new ones (100 fired)");
                }
                const timer = pendingTimers.shift();
                timer.callback();
            }
        },
    };
    sys.setTimeout = (callback) => {
        const timer = { callback };
        pendingTimers.push(timer);
        return timer;
    };
    sys.clearTimeout = (timeoutId) => {
        const at = pendingTimers.indexOf(timeoutId);
        if (at < 0) {
            throw new Error("clearing unexpected tiemr");
        }
        pendingTimers.splice(at, 1);
    };
`;
const FIRE_PENDING_TIMERS = `        if (pendingTimers.length === 0) {
            throw new Error("rebuildTimer is not set properly");
        }
`;

/**
 * tslab's converter.js with a watch host that keeps every timer TypeScript sets (PENDING_TIMER_QUEUE),
 * or null when the text is not tslab 1.0.22's.
 *
 * tslab compiles cells with a TypeScript watch program whose host never runs a timer by itself:
 * each cell's new text asks TypeScript for a program update, which TypeScript schedules with
 * `host.setTimeout`, and tslab runs that timer at once. tslab kept one timer and threw
 * "Unexpected pending rebuildTimer" when TypeScript asked for a second. TypeScript 5.0 asks for two
 * kinds: the program update, and the invalidation of module resolutions after a watched folder or
 * package.json changed (a file saved into a folder a cell imports from or into the compiled src/,
 * npm rewriting a package under node_modules/, a folder replaced whole). Such an event between
 * cells left the invalidation pending, and every later cell of the kernel failed with that error
 * as its program update was asked for (or the watcher itself threw, outside any cell, when the
 * update was already pending). Here the pending timers are kept in the order set and run in that
 * order when tslab runs its timer, as they would fire in TypeScript's own watch (equal delays, in
 * the order set; clearTimeout removes one). With no event between cells there is only the program
 * update, run as before, so a cell compiles to exactly what it did.
 */
export function pendingTimerQueue(converterSource: string): string | null {
  const at = converterSource.indexOf(ONE_PENDING_TIMER);
  if (at < 0 || converterSource.indexOf(ONE_PENDING_TIMER, at + 1) >= 0) return null;
  if (converterSource.split(FIRE_PENDING_TIMER).length !== 3 || converterSource.split(FIRE_PENDING_TIMER_CALL).length !== 3) return null;
  const patched = (converterSource.slice(0, at) + PENDING_TIMER_QUEUE + converterSource.slice(at + ONE_PENDING_TIMER.length)).split(FIRE_PENDING_TIMER).join(FIRE_PENDING_TIMERS);
  // no other use of tslab's timer is left (each would expect the one-timer host)
  const uses = patched.replace(/const rebuildTimer = \{|rebuildTimer\.callback\(\);|"rebuildTimer is not set properly"/g, "");
  return uses.includes("rebuildTimer") ? null : patched;
}

/** The patches applied to tslab's converter.js, each a text change that gives null when tslab's text is not the one it expects. */
export const CONVERTER_PATCHES: Record<string, (converterSource: string) => string | null> = { oneProgramPerCell, pendingTimerQueue };

/**
 * Loads tslab's converter module (`file`) with the CONVERTER_PATCHES applied, as the module every
 * later `require` of that file gets (tslab's main.js among them). Call before anything loads it.
 * A patch whose text is not found is left out (its name is in `skipped`); when none applies,
 * nothing is loaded (tslab's own module is used).
 */
export function loadPatchedConverter(file: string): { applied: string[]; skipped: string[] } {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const fsModule = require("fs") as typeof import("fs");
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Module = require("module") as { new (id: string, parent?: unknown): NodeModule & { _compile(code: string, file: string): void }; _nodeModulePaths(dir: string): string[] };
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const pathModule = require("path") as typeof import("path");
  const applied: string[] = [];
  const skipped: string[] = [];
  if (require.cache[file] !== undefined) return { applied, skipped: Object.keys(CONVERTER_PATCHES) };
  let patched = fsModule.readFileSync(file, "utf8");
  for (const [name, patch] of Object.entries(CONVERTER_PATCHES)) {
    const next = patch(patched);
    if (next === null) skipped.push(name);
    else {
      patched = next;
      applied.push(name);
    }
  }
  if (applied.length === 0) return { applied, skipped };
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(pathModule.dirname(file));
  require.cache[file] = m;
  try {
    m._compile(patched, file);
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  m.loaded = true;
  return { applied, skipped };
}

/** What tslab's executor prints for each compile error (node_modules/tslab/dist/executor.js, printDiagnostics). */
const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";

/** The fields Jupyter's own kernels put in a failed cell's execute_reply (IPython: the exception's class name, its message, the traceback's lines). */
export interface ErrorReplyFields {
  ename: string;
  evalue: string;
  traceback: string[];
}

/**
 * The error fields of a failed cell's reply, from what tslab printed with console.error while the
 * cell ran (`printed`, each call's arguments, oldest first): after a runtime error tslab prints the
 * thrown value last (one argument), after compile errors one line per TypeScript diagnostic. The
 * traceback is that text as the cell's output shows it; ename is the error's name ("CompileError"
 * for TypeScript's diagnostics, "Error" for a thrown value that is not an Error), evalue its message.
 * Null when nothing printed explains the failure.
 */
export function errorReplyFields(printed: ReadonlyArray<ReadonlyArray<unknown>>): ErrorReplyFields | null {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { format } = require("util") as typeof import("util");
  const lines = (args: ReadonlyArray<unknown>) => format(...args).split("\n");
  let diagnostics = 0;
  while (diagnostics < printed.length && printed[printed.length - 1 - diagnostics][0] === DIAGNOSTIC_FORMAT) diagnostics++;
  if (diagnostics > 0) {
    const calls = printed.slice(printed.length - diagnostics);
    return { ename: "CompileError", evalue: format(...calls[0]), traceback: calls.flatMap(lines) };
  }
  const last = printed[printed.length - 1];
  if (last === undefined || last.length !== 1) return null;
  const value = last[0];
  const isError = value !== null && typeof value === "object" && typeof (value as { message?: unknown }).message === "string";
  const name = isError ? (value as { name?: unknown }).name : undefined;
  return {
    ename: typeof name === "string" && name !== "" ? name : "Error",
    evalue: isError ? (value as { message: string }).message : format(value),
    traceback: lines(last),
  };
}

/** tslab's executor module (node_modules/tslab/dist/executor.js), as far as holdCellErrors uses it. */
export interface TslabExecutorModule {
  createExecutor(rootDir: string, convs: unknown, consoleObject: ExecutorConsole): { execute(src: string): Promise<boolean> };
}

/** The console tslab's main.js hands its executor: `error` prints compile errors and what a cell throws. */
export interface ExecutorConsole {
  log(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** The last failed cell's error, as holdCellErrors keeps it for the reply and the iopub `error` message. */
export interface CellErrors {
  /** The error fields of the cell that failed last, once (null when it printed nothing that explains it, or was taken). */
  takeFailure(): ErrorReplyFields | null;
}

/**
 * Makes a failed cell's error an error output instead of stderr text, as Jupyter's own kernels do
 * (IPython sends the traceback as an iopub `error` message and writes nothing of it to stderr).
 * tslab's executor prints a cell's compile errors, or what it throws, with the `error` of the
 * console main.js gives it, then reports the failure: while a cell runs those calls are held here.
 * When the cell fails, they become its error fields (`errorReplyFields`; `prepare` is applied to
 * each call's arguments first: the kernel maps stacks to the cells' lines) and are not printed; when
 * it succeeds (a `//@module` cell's diagnostics), or nothing printed explains the failure, they are
 * printed as tslab prints them, in the same order. What a cell itself writes to stderr
 * (console.error, console.warn) is not the executor's console and is shown as before.
 * Call before tslab's main.js creates its executor.
 */
export function holdCellErrors(executorModule: TslabExecutorModule, prepare: (args: unknown[]) => void = () => undefined): CellErrors {
  let failure: ErrorReplyFields | null = null;
  const create = executorModule.createExecutor;
  executorModule.createExecutor = function (rootDir: string, convs: unknown, consoleObject: ExecutorConsole) {
    let held: unknown[][] | null = null;
    const heldConsole: ExecutorConsole = {
      ...consoleObject,
      log: (...args: unknown[]) => consoleObject.log(...args),
      error: (...args: unknown[]) => (held !== null ? void held.push(args) : consoleObject.error(...args)),
    };
    const executor = create.call(this, rootDir, convs, heldConsole);
    const execute = executor.execute;
    executor.execute = async function (src: string): Promise<boolean> {
      held = [];
      failure = null;
      let ok = true;
      try {
        ok = await execute.call(this, src);
        return ok;
      } finally {
        const calls = held;
        held = null;
        // (whether the calls explain the failure does not depend on `prepare`, which is applied once)
        if (!ok && errorReplyFields(calls) !== null) {
          for (const args of calls) prepare(args);
          failure = errorReplyFields(calls);
        }
        if (failure === null) for (const args of calls) consoleObject.error(...args);
      }
    };
    return executor;
  };
  return {
    takeFailure() {
      const taken = failure;
      failure = null;
      return taken;
    },
  };
}

/**
 * Gives a failed cell's execute_reply the ename, evalue and traceback Jupyter's own kernels give
 * it (tslab's reply has only the status and count; nbclient, and so `jupyter nbconvert --execute`,
 * builds its error from these fields and showed an empty one), from what `cellErrors` kept of the
 * failure (holdCellErrors). Fields are matched to the reply by the cell's execution count, so a
 * reply never carries another cell's error. Install after any patch of handleExecute whose replies
 * it should complete.
 */
export function reportErrorsInReply(handlerClass: TslabHandlerClass & { prototype: { handleExecuteImpl(...args: unknown[]): unknown } }, cellErrors: CellErrors): void {
  const byCount = new Map<number, ErrorReplyFields>();
  const impl = handlerClass.prototype.handleExecuteImpl;
  handlerClass.prototype.handleExecuteImpl = async function (this: unknown, ...args: unknown[]) {
    cellErrors.takeFailure();
    try {
      return await impl.apply(this, args);
    } catch (error) {
      // tslab throws its ExecutionCount object for a cell that failed
      const count = error !== null && typeof error === "object" ? (error as { count?: unknown }).count : undefined;
      const fields = cellErrors.takeFailure();
      if (typeof count === "number" && fields !== null) byCount.set(count, fields);
      throw error;
    }
  };
  const handleExecute = handlerClass.prototype.handleExecute;
  handlerClass.prototype.handleExecute = async function (this: unknown, req: ExecuteRequest, writeStream: unknown, writeDisplayData: unknown): Promise<ExecuteReply> {
    const reply = await handleExecute.call(this, req, writeStream, writeDisplayData);
    const fields = reply.execution_count === undefined ? undefined : byCount.get(reply.execution_count);
    if (reply.execution_count !== undefined) byCount.delete(reply.execution_count);
    return reply.status === "error" && fields !== undefined ? { ...reply, ...fields } : reply;
  };
}

/** tslab's ZMQ server class (node_modules/tslab/dist/jupyter.js), as far as publishErrors uses it. */
export interface TslabServerClass {
  prototype: {
    handleExecute(sock: unknown, msg: JupyterMessage): Promise<void>;
  };
}

/** A message of tslab's (node_modules/tslab/dist/jupyter.js, JupyterMessage), as far as publishErrors uses it. */
export interface JupyterMessage {
  content: unknown;
  createReply(): { header: { msg_type: string }; content: unknown; signAndSend(key: string, sock: unknown): void };
}

/**
 * Publishes a failed cell's error on iopub as an `error` message (ename, evalue, traceback), before
 * the execute_reply, as Jupyter's own kernels do: front ends show it as the cell's error output, and
 * notebooks saved by Jupyter or nbclient store an output of type "error". tslab's server sends only
 * stream and display messages; this is its handleExecute (the same messages, in the same order)
 * with that one added when the handler's reply carries the error fields (reportErrorsInReply).
 */
export function publishErrors(serverClass: TslabServerClass): void {
  serverClass.prototype.handleExecute = async function (this: { connInfo: { key: string }; iopub: unknown; handler: { handleExecute(req: unknown, writeStream: unknown, writeDisplayData: unknown): Promise<ExecuteReply & Partial<ErrorReplyFields>> } }, sock: unknown, msg: JupyterMessage): Promise<void> {
    const send = (socket: unknown, msgType: string, content: unknown) => {
      const message = msg.createReply();
      message.header.msg_type = msgType;
      message.content = content;
      message.signAndSend(this.connInfo.key, socket);
    };
    const writeStream = (name: string, text: string) => send(this.iopub, "stream", { name, text });
    const writeDisplayData = (data: unknown, update: boolean) => send(this.iopub, update ? "update_display_data" : "display_data", data);
    const content = await this.handler.handleExecute(msg.content, writeStream, writeDisplayData);
    if (content.status === "error" && content.ename !== undefined && content.evalue !== undefined && content.traceback !== undefined) {
      send(this.iopub, "error", { ename: content.ename, evalue: content.evalue, traceback: content.traceback });
    }
    send(sock, "execute_reply", content);
  };
}

/**
 * Makes a kernel that cannot listen on one of its ports exit instead of living on deaf. Jupyter picks
 * the five ports, frees them and writes them to the connection file; the kernel binds them a moment
 * later, and on a busy machine another process can take one in between. tslab binds without waiting
 * for the result (main.js calls `server.init()` and only logs rejections), so such a kernel ran on
 * without a shell socket and nbclient waited its whole start-up timeout ("Kernel didn't respond in
 * 600 seconds", seen once in a fresh-clone `npm test`). Exiting lets nbclient see the kernel die
 * within a second; the notebook runner (src/cli/run_notebook.py) then starts it again.
 */
export function exitOnBindFailure(
  serverClass: { prototype: { bindSocket(sock: unknown, port: number): Promise<void> } },
  exit: (message: string) => void,
): void {
  const original = serverClass.prototype.bindSocket;
  serverClass.prototype.bindSocket = async function (this: unknown, sock: unknown, port: number): Promise<void> {
    try {
      await original.call(this, sock, port);
    } catch (error) {
      exit(`notebook kernel: cannot listen on port ${port} (${error instanceof Error ? error.message : String(error)}); exiting so that the kernel is started again`);
    }
  };
}
