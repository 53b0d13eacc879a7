/**
 * The Notebook's widgets extension (Debian's python3-ipywidgets, pulled in with the Notebook) opens
 * a comm when it connects. tslab has no comms and used to warn "unknown msg_type: comm_open" into
 * whichever cell was running, and saving kept that line in the notebook. The project's kernel
 * (src/cli/tslab-kernel.ts) ignores comm messages: a comm_open sent while a cell runs leaves that
 * cell's output as the cell made it.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as path from "path";
import { spawnSync } from "child_process";
import { jupyterEnv, SYSTEM_PYTHON } from "../../src/cli/jupyter";
import { repoRoot } from "../helpers/reference";
import { START_KERNEL_PY } from "../helpers/kernel-client";

const CLIENT = `
import json, sys, uuid
${START_KERNEL_PY}
km, kc = start_kernel(sys.argv[1])
try:
    kc.execute_interactive("1", timeout=300)
    cell = kc.execute("await new Promise((r) => setTimeout(r, 2000)); console.log('cell output')")
    kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": uuid.uuid4().hex, "target_name": "jupyter.widget", "data": {}}))
    streams = []
    while True:
        m = kc.get_iopub_msg(timeout=120)
        if m["parent_header"].get("msg_id") != cell:
            continue
        if m["msg_type"] == "stream":
            streams.append(m["content"]["text"])
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    print(json.dumps(streams))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
`;

test("a comm_open from the front end while a cell runs adds nothing to the cell's output", () => {
  const run = spawnSync(SYSTEM_PYTHON, ["-c", CLIENT, path.join(repoRoot, "notebooks")], { env: jupyterEnv(), encoding: "utf8", timeout: 600000 });
  assert.strictEqual(run.status, 0, run.stderr);
  const streams = JSON.parse(run.stdout.trim().split("\n").pop() as string) as string[];
  assert.deepStrictEqual(streams, ["cell output\n"]);
});
