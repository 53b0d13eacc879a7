/**
 * The cells after a failing cell, in a real kernel. Jupyter's "Run All" stops at an error (the
 * requests queued behind it are aborted), but a client that asks not to stop (`stop_on_error:
 * false`: nbclient with allow_errors=True, `jupyter nbconvert --execute --allow-errors`, a cell
 * tagged raises-exception) gets every later cell's outputs. tslab aborted every request arriving
 * within 200 ms of an error, whatever it asked (src/cli/tslab-patches.ts, honourStopOnError).
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { jupyterEnv, notebooksDir, runNotebook, SYSTEM_PYTHON } from "../../src/cli/jupyter";
import { Cell, notebookCells } from "../helpers/notebooks";
import { runKernelClient } from "../helpers/kernel-client";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "cells-after-error-"));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** cell 1 prints, cell 2 throws (tagged raises-exception when `tagged`), cells 3 and 4 print. */
function writeNotebook(file: string, tagged: boolean): void {
  const cell = (id: string, source: string, tags: string[] = []) => ({ cell_type: "code", execution_count: null, id, metadata: tags.length ? { tags } : {}, outputs: [], source });
  const nb = {
    cells: [
      cell("one", 'console.log("one");'),
      cell("two", 'const x = 2;\nthrow new Error("two");', tagged ? ["raises-exception"] : []),
      cell("three", 'console.log("three");'),
      cell("four", 'console.log("four");'),
    ],
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(file, JSON.stringify(nb));
}

function streamText(cell: Cell): string {
  return (cell.outputs ?? []).map((o) => (Array.isArray(o.text) ? o.text.join("") : String(o.text ?? ""))).join("");
}

/** The failing cell's outputs: one error output (as IPython's), the thrown error's name and message, no stderr text. */
function assertErrorOutput(cell: Cell): void {
  const outputs = (cell.outputs ?? []) as Array<{ output_type: string; ename?: string; evalue?: string; traceback?: string[] }>;
  assert.deepStrictEqual(outputs.map((o) => o.output_type), ["error"], JSON.stringify(outputs));
  assert.deepStrictEqual([outputs[0].ename, outputs[0].evalue], ["Error", "two"]);
  assert.match((outputs[0].traceback ?? []).join("\n"), /^In \[2\]:2\nthrow new Error\("two"\);\n\^\n\nError: two\n {4}at In \[2\]:2:7$/);
}

test("the project's runner: a cell tagged raises-exception fails, and the cells after it run and keep their outputs", { timeout: 600_000 }, async () => {
  const input = path.join(workDir, "tagged.ipynb");
  const output = path.join(workDir, "tagged.out.ipynb");
  writeNotebook(input, true);
  const run = await runNotebook({ input, output });
  assert.ok(run.ok, `the run goes on past the expected error: ${run.message}`);
  const cells = notebookCells(output);
  assert.strictEqual(streamText(cells[0]), "one\n");
  assertErrorOutput(cells[1]);
  assert.strictEqual(streamText(cells[2]), "three\n");
  assert.strictEqual(streamText(cells[3]), "four\n");
});

test("plain nbclient with allow_errors=True: every cell after the error runs and has its outputs; the failing cell's is an error output", { timeout: 600_000 }, () => {
  const input = path.join(workDir, "plain.ipynb");
  const output = path.join(workDir, "plain.out.ipynb");
  writeNotebook(input, false);
  const code = [
    "import sys, nbformat",
    "from nbclient import NotebookClient",
    "nb = nbformat.read(sys.argv[1], as_version=4)",
    'NotebookClient(nb, kernel_name="tslab", allow_errors=True, timeout=300, startup_timeout=300, resources={"metadata": {"path": sys.argv[3]}}).execute()',
    "nbformat.validate(nb)  # the error output is a valid nbformat output",
    "nbformat.write(nb, sys.argv[2])",
  ].join("\n");
  const run = spawnSync(SYSTEM_PYTHON, ["-c", code, input, output, notebooksDir], { env: jupyterEnv(), encoding: "utf8", timeout: 600_000 });
  assert.strictEqual(run.status, 0, run.stderr);
  const cells = notebookCells(output);
  assert.strictEqual(streamText(cells[0]), "one\n");
  assertErrorOutput(cells[1]);
  assert.strictEqual(streamText(cells[2]), "three\n");
  assert.strictEqual(streamText(cells[3]), "four\n");
});

const QUEUED = `
    kc.execute_interactive("1", timeout=300)
    # Run All: both requests are queued at once; the first fails and asks to stop (the default).
    first = kc.execute('throw new Error("stop")')
    second = kc.execute('console.log("queued")')
    stopping = [reply(first)["status"], reply(second)["status"]]
    time.sleep(0.5)
    first = kc.execute('throw new Error("go on")', stop_on_error=False)
    second = kc.execute('console.log("queued")')
    going_on = [reply(first)["status"], reply(second)["status"]]
    print(json.dumps({"stopping": stopping, "going_on": going_on}))
`;

test("Run All still stops at an error: a request queued behind a failing one that stops on error is aborted, one behind stop_on_error=false runs", { timeout: 600_000 }, () => {
  const replies = runKernelClient(QUEUED);
  assert.deepStrictEqual(replies, { stopping: ["error", "abort"], going_on: ["error", "ok"] });
});
