/**
 * What a user sees under a cell that fails, in a real tslab kernel: the project's errors as
 * "Name: message" (no compiled-JavaScript source line, no kernel stack, no dump of the error's
 * fields), and TypeScript's compile errors as TypeScript reports them.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runNotebook } from "../../src/cli/jupyter";
import { repoRoot } from "../helpers/reference";
import { notebookCells, writeOneCellNotebook } from "../helpers/notebooks";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "cell-errors-"));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** Runs a one-cell notebook (kernel cwd notebooks/, as every notebook) and returns what the failing cell printed. */
async function failingCell(name: string, source: string): Promise<string> {
  const input = path.join(workDir, `${name}.ipynb`);
  writeOneCellNotebook(input, source);
  const run = await runNotebook({ input, output: path.join(workDir, `${name}.out.ipynb`) });
  assert.strictEqual(run.ok, false, `${name}: the cell should fail`);
  return run.message ?? "";
}

/**
 * The failing cells whose messages name no execution count ("In [n]") share one kernel: a notebook
 * of those cells, each tagged raises-exception so that the runner goes on past it, run once for the
 * tests below that read them (one kernel instead of four). Each cell's message is the one the runner
 * reports for a failing cell: its error output's traceback (run_notebook.py, cell_message). What a
 * cell shows when it fails does not depend on the cells before it (none of these declares a name
 * another uses); the tests whose messages carry the cell's number run each in a fresh kernel below.
 */
const badData = fs.mkdtempSync(path.join(workDir, "data-"));
const sharedCells: Record<string, string> = {
  "input-error": 'import { kaplanMeier } from "./src/survival/index";\nkaplanMeier([1, 2, 3], [1, 0]);',
  "data-error": `import { loadCohort } from "./src/data/index";\nloadCohort(${JSON.stringify(badData)});`,
  "compile-error": 'import { fmt } from "./src/clinical/index";\nconst x: number = fmt(1.234, 2);',
  "src-trace": 'import { sortOrder } from "./src/core/sort-order";\nsortOrder(null as any);',
};
let sharedRun: Promise<Map<string, string>> | null = null;

/** What the shared notebook's cell `name` printed when it failed (the notebook runs on first use). */
async function failingSharedCell(name: string): Promise<string> {
  sharedRun ??= (async () => {
    fs.mkdirSync(path.join(badData, "clinical"));
    const [header, ...rows] = fs.readFileSync(path.join(repoRoot, "data", "clinical", "cohort.csv"), "utf8").trimEnd().split("\n");
    const cols = header.split(",");
    const bad = rows.slice(0, 6).map((row, i) => {
      const cells = row.split(",");
      if (i === 1) cells[cols.indexOf("arm")] = "tace";
      if (i === 3) cells[cols.indexOf("os_months")] = "-3";
      return cells.join(",");
    });
    fs.writeFileSync(path.join(badData, "clinical", "cohort.csv"), [header, ...bad].join("\n") + "\n");
    const input = path.join(workDir, "shared.ipynb");
    const output = path.join(workDir, "shared.out.ipynb");
    fs.writeFileSync(input, JSON.stringify({
      cells: Object.entries(sharedCells).map(([id, source]) => ({ cell_type: "code", execution_count: null, id, metadata: { tags: ["raises-exception"] }, outputs: [], source })),
      metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
      nbformat: 4,
      nbformat_minor: 5,
    }));
    const run = await runNotebook({ input, output });
    assert.ok(run.ok, `the runner goes on past the tagged cells: ${run.message}`);
    const messages = new Map<string, string>();
    for (const cell of notebookCells(output)) {
      const outputs = (cell.outputs ?? []) as Array<{ output_type: string; ename?: string; evalue?: string; traceback?: string[] }>;
      const error = outputs.find((o) => o.output_type === "error");
      if (error === undefined) continue;
      const traceback = (error.traceback ?? []).join("\n").trim();
      messages.set(String(cell.id), traceback || `${error.ename ?? ""}: ${error.evalue ?? ""}`.replace(/^[: ]+|[: ]+$/g, ""));
    }
    return messages;
  })();
  const messages = await sharedRun;
  assert.ok(messages.has(name), `${name}: the cell should fail`);
  return messages.get(name) as string;
}

function assertReadable(message: string): void {
  assert.ok(!/\.js:\d+/.test(message), `no compiled-JavaScript location:\n${message}`);
  assert.ok(!/\n\s+at /.test(message), `no stack:\n${message}`);
  assert.ok(!/tslab/.test(message), `no kernel internals:\n${message}`);
  assert.ok(!/\{\n\s+\w+:/.test(message), `no dump of the error's fields:\n${message}`);
}

test("an InputError from an analysis function reads as its message", async () => {
  const message = await failingSharedCell("input-error");
  assert.strictEqual(message, "InputError: event: has length 2 but time has length 3");
  assertReadable(message);
});

test("a DataValidationError lists every problem once, with file, row, column, value and rule", async () => {
  const message = await failingSharedCell("data-error");
  assertReadable(message);
  assert.match(message, /^DataValidationError: .*cohort\.csv: 2 problems found/);
  assert.match(message, /row 2 \(line 3\), column "arm", value "tace": must be one of "TACE", "TACE\+RT" \(values are case-sensitive: did you mean "TACE"\?\)/);
  assert.match(message, /row 4 \(line 5\), column "os_months", value "-3": must be >= 0 months/);
  assert.strictEqual(message.split('"tace"').length - 1, 1, "listed once");
});

test("a TypeScript compile error is reported by TypeScript, with its line and column", async () => {
  const message = await failingSharedCell("compile-error");
  assert.match(message, /^\d+:\d+ - Type 'string' is not assignable to type 'number'\./);
});

test("an error thrown inside src/ has a stack trace naming the src/…ts file and line (source maps), not the compiled JavaScript", async () => {
  const message = await failingSharedCell("src-trace");
  assert.match(message, /TypeError: Cannot read properties of null \(reading 'length'\)/);
  const at = /\((\/[^)]*\/src\/core\/sort-order\.ts):(\d+):(\d+)\)/.exec(message);
  assert.ok(at, `the trace names src/core/sort-order.ts:\n${message}`);
  assert.strictEqual(at[1], path.join(repoRoot, "src", "core", "sort-order.ts"));
  const line = fs.readFileSync(at[1], "utf8").split("\n")[Number(at[2]) - 1];
  assert.match(line, /values\.length/, `line ${at[2]} of src/core/sort-order.ts is where the error happens`);
  assert.ok(!/notebook-src/.test(message), `no compiled file in the trace:\n${message}`);
});

test("a runtime error in a cell names the cell's own line (In [n]:line:column), not the compiled cell's, with that line's source above it", async () => {
  const source = 'import { fmt } from "./src/clinical/index";\nconst label: string = fmt(1.5, 1);\nthrow new Error(`thrown on line 3 after ${label}`);';
  const message = await failingCell("cell-line", source);
  assert.match(message, /^In \[1\]:3\nthrow new Error\(`thrown on line 3 after \$\{label\}`\);\n\^/, `the header shows the cell's line 3:\n${message}`);
  assert.match(message, /Error: thrown on line 3 after 1\.5\n {4}at In \[1\]:3:7$/, `one frame, the cell's line 3 (no kernel frames below it):\n${message}`);
  assert.ok(!/evalmachine|In \[1\]:[46]\b/.test(message), `no compiled line:\n${message}`);
});

test("an error thrown after a top-level await reads like any other cell error: the cell's line above it, no tslab frames", async () => {
  const message = await failingCell("await-line", 'const x = await Promise.resolve(2);\nconst y = x + 1;\nthrow new Error(`after await ${y}`);');
  assert.strictEqual(message, "In [1]:3\nthrow new Error(`after await ${y}`);\n      ^\n\nError: after await 3\n    at In [1]:3:7");
  assertReadable(message.replace(/\n\s+at In \[1\]:3:7$/, ""));
  // rejected inside an async function of the cell: its frames stay, the cell's line is where it threw
  const inner = await failingCell("await-inner", 'async function g(v: number) {\n  await null;\n  throw new TypeError(`inside ${v}`);\n}\nawait g(1);');
  assert.strictEqual(inner, "In [1]:3\n  throw new TypeError(`inside ${v}`);\n        ^\n\nTypeError: inside 1\n    at g (In [1]:3:9)\n    at async In [1]:5:1");
});

test("a function from an earlier cell: each cell's frame names that cell's own line", async () => {
  const input = path.join(workDir, "two-cells.ipynb");
  const cell = (id: string, source: string) => ({ cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source });
  const first = [
    "interface Options { limit: number }",
    "const defaults: Options = { limit: 1 };",
    "",
    "function check(value: number, options: Options = defaults): number {",
    "  if (value > options.limit) {",
    "    throw new RangeError(`value ${value} is over ${options.limit}`);",
    "  }",
    "  return value;",
    "}",
  ].join("\n");
  const second = ["type Value = number;", "const values: Value[] = [0, 1];", "values.map((v) => check(v + 1));"].join("\n");
  fs.writeFileSync(input, JSON.stringify({
    cells: [cell("first", first), cell("second", second)],
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  }));
  const run = await runNotebook({ input, output: path.join(workDir, "two-cells.out.ipynb") });
  assert.strictEqual(run.ok, false);
  const message = run.message ?? "";
  assert.match(message, /^In \[1\]:6\n {4}throw new RangeError/, `thrown on line 6 of the first cell:\n${message}`);
  assert.match(message, /RangeError: value 2 is over 1\n {4}at check \(In \[1\]:6:11\)\n {4}at In \[2\]:3:19\n {4}at Array\.map \(<anonymous>\)\n {4}at In \[2\]:3:8$/, message);
});
