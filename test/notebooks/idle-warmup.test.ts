/**
 * A kernel whose cells all came from the cell cache has no tslab converter; the first hover or
 * completion waits while it is made (about 2 s of CPU). With TSLAB_IDLE_WARMUP=on the project's
 * kernel makes it once the kernel has been idle for a second (src/cli/tslab-kernel.ts); off by
 * default (it would delay cells run during it), and set off explicitly by the project's batch
 * runner (src/cli/run_notebook.py), which never asks for completions.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { jupyterEnv, notebooksDir, runNotebook, SYSTEM_PYTHON } from "../../src/cli/jupyter";
import { notebookCells, writeOneCellNotebook } from "../helpers/notebooks";
import { START_KERNEL_PY } from "../helpers/kernel-client";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "idle-warmup-"));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

const CLIENT = `
import json, os, sys, time
${START_KERNEL_PY}
env = dict(os.environ)
env.pop("TSLAB_IDLE_WARMUP", None)
if sys.argv[2] == "on":
    env["TSLAB_IDLE_WARMUP"] = "on"
km, kc = start_kernel(sys.argv[1], env)
try:
    for code in ['import { fmt } from "./src/clinical/index";\\nconst warmValue: number = 1.2345;', "fmt(warmValue, 2)"]:
        reply = kc.execute_interactive(code, timeout=300, output_hook=lambda m: None)
        assert reply["content"]["status"] == "ok", reply
    time.sleep(3)
    code = "warmValue.toF"
    msg_id = kc.complete(code, len(code))
    while True:
        m = kc.get_shell_msg(timeout=300)
        if m["parent_header"].get("msg_id") == msg_id:
            break
    print(json.dumps(m["content"]["matches"]))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
`;

/** Two cells, three seconds idle, a completion; the kernel's log (its stderr) and the matches. */
function kernelSession(warmUp: "on" | "off"): { log: string; matches: string[] } {
  const run = spawnSync(SYSTEM_PYTHON, ["-c", CLIENT, notebooksDir, warmUp], { env: jupyterEnv(), encoding: "utf8", timeout: 600_000 });
  assert.strictEqual(run.status, 0, run.stderr);
  return { log: run.stderr, matches: JSON.parse(run.stdout.trim().split("\n").pop() as string) };
}

test("the batch runner's kernels do not make the converter while idle (TSLAB_IDLE_WARMUP=off)", { timeout: 600_000 }, async () => {
  const input = path.join(workDir, "env.ipynb");
  writeOneCellNotebook(input, "process.env.TSLAB_IDLE_WARMUP");
  const run = await runNotebook({ input, output: path.join(workDir, "env.out.ipynb") });
  assert.ok(run.ok, run.message);
  const outputs = notebookCells(path.join(workDir, "env.out.ipynb"))[0].outputs ?? [];
  assert.match(JSON.stringify(outputs), /off/);
});

test("a kernel whose cells came from the cache makes tslab's converter once idle, before the first completion, with TSLAB_IDLE_WARMUP=on; by default it does not", { timeout: 600_000 }, () => {
  const off = kernelSession("off"); // also stores the two cells in the cache, if they were not there
  assert.deepStrictEqual(off.matches, ["toFixed"]);
  assert.ok(!/made while the kernel was idle/.test(off.log), off.log);
  const on = kernelSession("on");
  assert.deepStrictEqual(on.matches, ["toFixed"]);
  const warmed = on.log.indexOf("tslab's converter made while the kernel was idle");
  const completed = on.log.indexOf("completions were asked for");
  assert.ok(warmed >= 0 && completed > warmed, `made while idle, before the completion came:\n${on.log}`);
});
