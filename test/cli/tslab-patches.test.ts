/**
 * oneProgramPerCell (src/cli/tslab-patches.ts): the project's kernel compiles each cell in one
 * TypeScript program instead of tslab's two, reading the names a cell declares from the cell's
 * text bound alone. Checked here: the patch applies to the installed tslab, and binding a cell
 * alone gives the names, in the order, that tslab read from the cell's file in its program. That
 * whole cells compile to the same code, declarations and errors is checked by the notebook tests
 * (every study notebook's cells compiled by the patched kernel give the committed outputs) and the
 * cell-error tests. pendingTimerQueue (the same file): tslab's watch host keeps every timer
 * TypeScript sets; test/notebooks/watch-events.test.ts checks a kernel through files changed between cells.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONVERTER_PATCHES, oneProgramPerCell, pendingTimerQueue } from "../../src/cli/tslab-patches";
import { repoRoot } from "../helpers/reference";

const converterFile = path.join(repoRoot, "node_modules", "tslab", "dist", "converter.js");

test("oneProgramPerCell applies to the installed tslab's converter (once) and leaves other text alone", () => {
  const source = fs.readFileSync(converterFile, "utf8");
  const patched = oneProgramPerCell(source);
  assert.ok(patched !== null, "tslab's convert starts as the patch expects (tslab 1.0.22)");
  assert.strictEqual((patched!.match(/oneProgramPerCell/g) ?? []).length, 1);
  const convert = patched!.slice(patched!.indexOf("function convert(prevDecl, src) {"), patched!.indexOf("function getTypeRoots()"));
  assert.deepStrictEqual(convert.match(/(if \(keys\.size === 0\) )?updateContent\([^)]*\)/g), ["if (keys.size === 0) updateContent(prevDecl, src)", "updateContent(prevDecl, src + suffix)"], "one program per cell: the cell as written when it declares nothing, else with its names exported");
  assert.strictEqual(oneProgramPerCell(source.replace("const locals = srcFile.locals;", "const locals = srcFile.locals; ")), null);
  assert.strictEqual(oneProgramPerCell(source + source), null, "not twice");
});

test("pendingTimerQueue applies to the installed tslab's converter, alone and after oneProgramPerCell, and leaves no use of the one-timer host", () => {
  const source = fs.readFileSync(converterFile, "utf8");
  for (const text of [source, oneProgramPerCell(source)!]) {
    const patched = pendingTimerQueue(text);
    assert.ok(patched !== null, "tslab's watch host is the one the patch expects (tslab 1.0.22)");
    assert.strictEqual((patched!.match(/pendingTimerQueue/g) ?? []).length, 1);
    assert.doesNotMatch(patched!, /Unexpected pending rebuildTimer/);
    assert.doesNotMatch(patched!, /rebuildTimer = null|if \(!rebuildTimer\)/);
    assert.strictEqual((patched!.match(/rebuildTimer\.callback\(\);/g) ?? []).length, 2, "tslab still runs the timers where it ran its one timer (updateContent, addModuleWithPath)");
    assert.strictEqual((patched!.match(/if \(pendingTimers\.length === 0\) \{/g) ?? []).length, 2);
  }
  assert.strictEqual(pendingTimerQueue(source + source), null, "not twice");
  assert.strictEqual(pendingTimerQueue(source.replace("rebuildTimer.callback();\n        const file", "rebuildTimer.callback(); \n        const file")), null, "not when one of tslab's uses of its timer is not the expected text");
  assert.strictEqual(pendingTimerQueue(source + "\nrebuildTimer = null;\n"), null, "not when another use of the timer would be left");
  assert.deepStrictEqual(Object.keys(CONVERTER_PATCHES), ["oneProgramPerCell", "pendingTimerQueue"]);
});

test("a cell bound alone declares the names, in the same order, that tslab read from its file in a program", () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts = require(path.join(repoRoot, "node_modules", "@tslab", "typescript-for-tslab")) as typeof import("typescript") & {
    bindSourceFile(file: unknown, options: unknown): void;
    getEmitScriptTarget(options: unknown): number;
    getSetExternalModuleIndicator(options: unknown): unknown;
  };
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, noLib: true, noResolve: true, declaration: true, allowJs: true, checkJs: true, experimentalDecorators: true, jsx: ts.JsxEmit.React };
  const prefix = "export {};\n";
  const cells = [
    "const params = { horizons: [12, 24], confLevel: 0.95 };",
    'import { kaplanMeier, logRank as lr } from "./src/survival/index";\nimport * as path from "path";\nimport fs from "fs";',
    "let a = 1, { b, c: [d] } = { b: 2, c: [3] };\nvar e;\nfunction f() { const inner = 1; return inner; }\nclass G {}\ninterface H { x: number }\ntype I = H | string;\nenum J { K }\ndeclare const L: number;\nnamespace M { export const n = 1; }",
    "interface H { y: string }\nfunction f(x: number): number;\nfunction f(x: any) { return x; }",
    "a + 1",
    "for (let i = 0; i < 3; i++) { const x = i; }\n{ const block = 1; }\nawait Promise.resolve(1);",
    "export const exported = 1;\nexport function exportedFn() {}\nconst later = exported;",
    "const broken: number = 'text';\nundefinedName;",
    "",
  ];
  for (const cell of cells) {
    const fileName = path.join(repoRoot, "notebooks", "__tslab__.ts");
    const text = prefix + cell;
    const host = ts.createCompilerHost(options);
    const program = ts.createProgram({ rootNames: [fileName], options, host: { ...host, getSourceFile: (f, v) => (f === fileName ? ts.createSourceFile(f, text, v) : undefined), fileExists: (f) => f === fileName, readFile: (f) => (f === fileName ? text : undefined) } });
    program.getTypeChecker(); // binds every file, as tslab's builder does
    const inProgram = [...((program.getSourceFile(fileName) as unknown as { locals?: Map<string, unknown> }).locals?.keys() ?? [])];
    const alone = ts.createSourceFile(fileName, text, { languageVersion: ts.getEmitScriptTarget(options), impliedNodeFormat: undefined, setExternalModuleIndicator: ts.getSetExternalModuleIndicator(options) } as unknown as import("typescript").ScriptTarget);
    ts.bindSourceFile(alone, options);
    const names = [...((alone as unknown as { locals?: Map<string, unknown> }).locals?.keys() ?? [])];
    assert.deepStrictEqual(names, inProgram, cell);
  }
});

test("exitOnBindFailure: a port the kernel cannot listen on ends the kernel with a message naming the port; a bound port does not", async () => {
  const { exitOnBindFailure } = await import("../../src/cli/tslab-patches");
  const exits: string[] = [];
  class FakeServer {
    async bindSocket(_sock: unknown, port: number): Promise<void> {
      if (port === 5001) throw new Error("Address already in use");
    }
  }
  exitOnBindFailure(FakeServer, (message) => exits.push(message));
  await new FakeServer().bindSocket(null, 5000);
  assert.deepStrictEqual(exits, []);
  await new FakeServer().bindSocket(null, 5001);
  assert.strictEqual(exits.length, 1);
  assert.match(exits[0], /port 5001 \(Address already in use\)/);
});

/** tslab's executor and handler as far as the error patches use them (node_modules/tslab/dist/executor.js, jupyter.js). */
function fakeTslab() {
  const executorModule = {
    createExecutor(_root: string, _convs: unknown, out: { log(...a: unknown[]): void; error(...a: unknown[]): void }) {
      return {
        async execute(src: string): Promise<boolean> {
          if (src === "throw") {
            out.error(new RangeError("value 2 is over 1"));
            return false;
          }
          if (src === "compile") {
            out.error("%s%d:%d - %s", "", 1, 7, "Type 'string' is not assignable to type 'number'.");
            out.error("%s%d:%d - %s", "", 2, 7, "Type 'number' is not assignable to type 'string'.");
            return false;
          }
          if (src === "module") {
            out.error("%s%d:%d - %s", "m.ts ", 2, 14, "Type 'string' is not assignable to type 'number'.");
            return true; // tslab registers a module cell whatever its diagnostics
          }
          if (src === "silent") return false;
          out.log("ok");
          return true;
        },
      };
    },
  };
  class Handler {
    execCount = 0;
    executor = executorModule.createExecutor("", null, { log: (...a) => printed.push(["log", ...a]), error: (...a) => printed.push(["error", ...a]) });
    async handleExecuteImpl(req: { code: string }): Promise<{ count: number }> {
      const count = { count: ++this.execCount };
      if (!(await this.executor.execute(req.code))) throw count;
      return count;
    }
    async handleExecute(req: { code: string }): Promise<{ status: string; execution_count?: number }> {
      try {
        return { status: "ok", execution_count: (await this.handleExecuteImpl(req)).count };
      } catch (e) {
        return { status: "error", execution_count: (e as { count: number }).count };
      }
    }
  }
  const printed: unknown[][] = [];
  return { executorModule, Handler, printed };
}

test("holdCellErrors + reportErrorsInReply: a failed cell's error goes to the reply's ename, evalue and traceback and is not printed; a module cell's diagnostics and a cell that explains nothing print as before", async () => {
  const { holdCellErrors, reportErrorsInReply } = await import("../../src/cli/tslab-patches");
  const { executorModule, Handler, printed } = fakeTslab();
  const prepared: unknown[][] = [];
  const cellErrors = holdCellErrors(executorModule, (args) => prepared.push(args));
  reportErrorsInReply(Handler as never, cellErrors);
  const handler = new Handler();
  const thrown = await handler.handleExecute({ code: "throw" });
  assert.strictEqual(thrown.status, "error");
  assert.strictEqual(thrown.execution_count, 1);
  const fields = thrown as unknown as { ename: string; evalue: string; traceback: string[] };
  assert.deepStrictEqual([fields.ename, fields.evalue], ["RangeError", "value 2 is over 1"]);
  assert.match(fields.traceback[0], /^RangeError: value 2 is over 1$/);
  assert.deepStrictEqual(printed, [], "the error is not printed (it is the cell's error output)");
  assert.strictEqual(prepared.length, 1, "stacks are prepared (mapped to cells) once, for the error fields");
  assert.strictEqual(cellErrors.takeFailure(), null, "taken by the reply");

  assert.deepStrictEqual(await handler.handleExecute({ code: "compile" }), {
    status: "error",
    execution_count: 2,
    ename: "CompileError",
    evalue: "1:7 - Type 'string' is not assignable to type 'number'.",
    traceback: ["1:7 - Type 'string' is not assignable to type 'number'.", "2:7 - Type 'number' is not assignable to type 'string'."],
  });
  assert.deepStrictEqual(printed, []);

  assert.deepStrictEqual(await handler.handleExecute({ code: "module" }), { status: "ok", execution_count: 3 });
  assert.deepStrictEqual(printed, [["error", "%s%d:%d - %s", "m.ts ", 2, 14, "Type 'string' is not assignable to type 'number'."]], "printed as tslab prints it");
  printed.length = 0;
  assert.deepStrictEqual(await handler.handleExecute({ code: "silent" }), { status: "error", execution_count: 4 }, "nothing to report: tslab's reply");
  assert.deepStrictEqual(await handler.handleExecute({ code: "fine" }), { status: "ok", execution_count: 5 });
  assert.deepStrictEqual(printed, [["log", "ok"]]);
});

test("publishErrors: an error reply with its fields is published on iopub as an error message before the execute_reply; other replies send what tslab sent", async () => {
  const { publishErrors } = await import("../../src/cli/tslab-patches");
  const sent: Array<[string, string, unknown]> = [];
  class Server {
    connInfo = { key: "k" };
    iopub = "iopub";
    constructor(private readonly replies: Record<string, unknown>) {}
    handler = {
      handleExecute: async (req: { code: string }, writeStream: (name: string, text: string) => void, writeDisplayData: (data: unknown, update: boolean) => void) => {
        writeStream("stdout", "before\n");
        writeDisplayData({ data: { "text/plain": "x" } }, false);
        return this.replies[req.code];
      },
    };
    async handleExecute(_sock: unknown, _msg: unknown): Promise<void> {
      throw new Error("replaced by publishErrors");
    }
  }
  publishErrors(Server);
  const msg = (code: string) => ({
    content: { code },
    createReply() {
      const m = { header: { msg_type: "" }, content: null as unknown, signAndSend: (_key: string, sock: unknown) => sent.push([String(sock), m.header.msg_type, m.content]) };
      return m;
    },
  });
  const fields = { ename: "RangeError", evalue: "value 2 is over 1", traceback: ["RangeError: value 2 is over 1"] };
  const server = new Server({ bad: { status: "error", execution_count: 1, ...fields }, plain: { status: "error", execution_count: 2 }, good: { status: "ok", execution_count: 3 } });
  await server.handleExecute("shell", msg("bad"));
  assert.deepStrictEqual(sent, [
    ["iopub", "stream", { name: "stdout", text: "before\n" }],
    ["iopub", "display_data", { data: { "text/plain": "x" } }],
    ["iopub", "error", fields],
    ["shell", "execute_reply", { status: "error", execution_count: 1, ...fields }],
  ]);
  for (const code of ["plain", "good"]) {
    sent.length = 0;
    await server.handleExecute("shell", msg(code));
    assert.deepStrictEqual(sent.map((s) => s[1]), ["stream", "display_data", "execute_reply"], code);
  }
});
