/**
 * A failed cell's error, as IPython gives it: an iopub `error` message (ename, evalue, traceback;
 * front ends show it as the cell's error output and saved notebooks store an output of type
 * "error"), not stderr text, and the same fields in the execute_reply (src/cli/tslab-patches.ts,
 * holdCellErrors, reportErrorsInReply, publishErrors): nbclient, and so plain `jupyter nbconvert
 * --execute`, builds its error from them, and showed "<Error>: " with an empty traceback.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { jupyterEnv, SYSTEM_PYTHON } from "../../src/cli/jupyter";
import { runKernelClient } from "../helpers/kernel-client";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "error-reply-"));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

test("plain jupyter nbconvert --execute names the failing cell's error (ename: evalue) and shows its traceback", { timeout: 600_000 }, () => {
  const input = path.join(workDir, "failing.ipynb");
  const cell = (id: string, source: string) => ({ cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source });
  fs.writeFileSync(input, JSON.stringify({
    cells: [cell("one", "const limit = 1;"), cell("two", "const value = 2;\nif (value > limit) throw new RangeError(`value ${value} is over ${limit}`);")],
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  }));
  const run = spawnSync(SYSTEM_PYTHON, ["-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--output-dir", workDir, "--output", "failing.out", input], { env: jupyterEnv(), encoding: "utf8", timeout: 600_000 });
  assert.notStrictEqual(run.status, 0, "the run fails at the error");
  assert.match(run.stderr, /\nRangeError: value 2 is over 1\n/, `the error's name and message:\n${run.stderr}`);
  assert.match(run.stderr, /In \[2\]:2\nif \(value > limit\) throw new RangeError/, `the traceback names the cell's line:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /<Error>/);
});

const FIELDS = `
    def fields(msg_id):
        c = reply(msg_id)
        return {k: c.get(k) for k in ("status", "ename", "evalue", "traceback")}
    out = {}
    out["ok"] = fields(kc.execute('console.error("printed, not an error"); 1'))
    out["runtime"] = fields(kc.execute('console.error("printed first");\\nthrow new TypeError("bad type")'))
    time.sleep(0.5)
    out["awaited"] = fields(kc.execute('await null;\\nthrow new RangeError("after await")', stop_on_error=False))
    out["thrown"] = fields(kc.execute('throw "a string"', stop_on_error=False))
    out["compile"] = fields(kc.execute('const n: number = "text";\\nconst m: string = 1;', stop_on_error=False))
    print(json.dumps(out))
`;

test("the execute_reply of a failed cell: ename, evalue and the traceback as the cell's output shows it; none for a cell that succeeds", { timeout: 600_000 }, () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const r = runKernelClient(FIELDS) as any;
  assert.deepStrictEqual(r.ok, { status: "ok", ename: null, evalue: null, traceback: null });
  assert.deepStrictEqual([r.runtime.status, r.runtime.ename, r.runtime.evalue], ["error", "TypeError", "bad type"]);
  assert.deepStrictEqual(r.runtime.traceback, ["In [2]:2", 'throw new TypeError("bad type")', "^", "", "TypeError: bad type", "    at In [2]:2:7"]);
  assert.deepStrictEqual([r.awaited.status, r.awaited.ename, r.awaited.evalue], ["error", "RangeError", "after await"]);
  assert.deepStrictEqual(r.awaited.traceback, ["In [3]:2", 'throw new RangeError("after await")', "      ^", "", "RangeError: after await", "    at In [3]:2:7"]);
  assert.deepStrictEqual([r.thrown.status, r.thrown.ename, r.thrown.evalue, r.thrown.traceback], ["error", "Error", "a string", ["a string"]]);
  assert.strictEqual(r.compile.status, "error");
  assert.strictEqual(r.compile.ename, "CompileError");
  assert.strictEqual(r.compile.evalue, "1:7 - Type 'string' is not assignable to type 'number'.");
  assert.deepStrictEqual(r.compile.traceback, ["1:7 - Type 'string' is not assignable to type 'number'.", "2:7 - Type 'number' is not assignable to type 'string'."]);
});

const IOPUB = `
    def run(code):
        msg_id = kc.execute(code, stop_on_error=False)
        seen = []
        while True:
            m = kc.get_iopub_msg(timeout=120)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
            if m["msg_type"] in ("stream", "error", "display_data"):
                seen.append([m["msg_type"], m["content"]])
        return {"iopub": seen, "status": reply(msg_id)["status"]}
    out = {}
    out["runtime"] = run('console.error("printed first");\\nthrow new TypeError("bad type")')
    out["compile"] = run('const n: number = "text";')
    out["input"] = run('import { kaplanMeier } from "./src/survival/index";\\nkaplanMeier([1, 2, 3], [1, 0]);')
    out["ok"] = run('console.error("a warning the cell prints"); 1')
    out["module"] = run('/** @module checked */\\nexport const q: number = "x";')
    print(json.dumps(out))
`;

test("a failed cell's error is published on iopub as an error message (shown once), not as stderr; what a cell prints to stderr stays stderr", { timeout: 600_000 }, () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const r = runKernelClient(IOPUB) as any;
  // the cell's own console.error is stderr; the error is one error message, no stderr copy of it
  assert.deepStrictEqual(r.runtime, {
    status: "error",
    iopub: [
      ["stream", { name: "stderr", text: "printed first\n" }],
      ["error", { ename: "TypeError", evalue: "bad type", traceback: ["In [1]:2", 'throw new TypeError("bad type")', "^", "", "TypeError: bad type", "    at In [1]:2:7"] }],
    ],
  });
  assert.deepStrictEqual(r.compile, {
    status: "error",
    iopub: [["error", { ename: "CompileError", evalue: "1:7 - Type 'string' is not assignable to type 'number'.", traceback: ["1:7 - Type 'string' is not assignable to type 'number'."] }]],
  });
  // the project's errors keep their readable one-line message
  assert.deepStrictEqual(r.input, {
    status: "error",
    iopub: [["error", { ename: "InputError", evalue: "event: has length 2 but time has length 3", traceback: ["InputError: event: has length 2 but time has length 3"] }]],
  });
  assert.deepStrictEqual(r.ok, { status: "ok", iopub: [["stream", { name: "stderr", text: "a warning the cell prints\n" }], ["stream", { name: "stdout", text: "1\n" }]] });
  // a module cell registers its module whatever its diagnostics (tslab: status ok); they stay stderr text
  assert.deepStrictEqual(r.module, { status: "ok", iopub: [["stream", { name: "stderr", text: "checked.ts 2:14 - Type 'string' is not assignable to type 'number'.\n" }]] });
});
