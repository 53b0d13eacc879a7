import { spawnSync } from "child_process";
import { jupyterEnv, notebooksDir, SYSTEM_PYTHON } from "../../src/cli/jupyter";

/**
 * Python defining `start_kernel(cwd, env=None)`: jupyter_client's start_new_kernel for the project's
 * kernel, started again (up to three times) when it dies before answering kernel_info. A kernel that
 * cannot listen on a port Jupyter chose for it, taken meanwhile by another process, exits at once
 * (exitOnBindFailure, src/cli/tslab-patches.ts), as the notebook runner's retry expects
 * (src/cli/run_notebook.py); without the retry a busy machine's port race failed the test.
 */
export const START_KERNEL_PY = [
  "from jupyter_client.manager import start_new_kernel",
  "def start_kernel(cwd, env=None):",
  "    for attempt in (1, 2, 3):",
  "        try:",
  '            return start_new_kernel(kernel_name="tslab", cwd=cwd, startup_timeout=300, **({} if env is None else {"env": env}))',
  "        except RuntimeError as exc:",
  '            if attempt == 3 or not str(exc).startswith("Kernel died before replying to kernel_info"):',
  "                raise",
  '            sys.stderr.write("kernel client: %s; starting the kernel again\\n" % exc)',
].join("\n");

/**
 * Talks to a fresh project kernel (started in notebooks/, or `options.cwd`) the way a Jupyter front
 * end does, with jupyter_client, and returns what the client printed last as JSON. `body` is Python,
 * indented by four spaces: it has `kc` (the client), `time`, `json` and `reply(msg_id)` (that
 * request's execute_reply content), and ends with print(json.dumps(...)). The kernel is shut down
 * after. `options.env` is added to the kernel's environment.
 */
export function runKernelClient(body: string, options: { cwd?: string; env?: Record<string, string> } = {}): unknown {
  const client = [
    "import json, sys, time",
    START_KERNEL_PY,
    "km, kc = start_kernel(sys.argv[1])",
    "def reply(msg_id):",
    "    while True:",
    "        m = kc.get_shell_msg(timeout=120)",
    '        if m["parent_header"].get("msg_id") == msg_id:',
    '            return m["content"]',
    "try:",
    body.replace(/\n+$/, ""),
    "finally:",
    "    kc.stop_channels()",
    "    km.shutdown_kernel(now=True)",
    "",
  ].join("\n");
  const run = spawnSync(SYSTEM_PYTHON, ["-c", client, options.cwd ?? notebooksDir], { env: jupyterEnv(options.env), encoding: "utf8", timeout: 600_000 });
  if (run.status !== 0) throw new Error(`kernel client failed (status ${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop() as string);
}
