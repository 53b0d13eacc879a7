/**
 * A kernel that cannot listen on a port Jupyter chose for it (taken by another process between the
 * choice and the bind) exits at once (exitOnBindFailure, src/cli/tslab-patches.ts), and the notebook
 * runner starts it again (src/cli/run_notebook.py): the notebook runs to the committed outputs
 * instead of waiting out the 600-s start-up timeout. Here a kernel spec starts the project's kernel
 * with its shell port pointed at a port held open by this test, the first time only.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { jupyterEnv, notebooksDir, repoRoot, SYSTEM_PYTHON } from "../../src/cli/jupyter";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kernel-start-retry-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("a kernel whose shell port is taken exits; the runner starts it again and the notebook gives its committed outputs", async () => {
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  const busyPort = (busy.address() as net.AddressInfo).port;
  try {
    const marker = path.join(tmp, "first-start-done");
    const spec = path.join(tmp, "share", "jupyter", "kernels", "tslab");
    fs.mkdirSync(spec, { recursive: true });
    const wrapper = path.join(tmp, "kernel.sh");
    const kernelJs = path.join(repoRoot, ".jupyter", "kernel", "tslab-kernel.js");
    fs.writeFileSync(
      wrapper,
      [
        "#!/bin/sh",
        `if [ ! -f '${marker}' ]; then`,
        `  touch '${marker}'`,
        `  ${SYSTEM_PYTHON} -c 'import json, sys; f = sys.argv[1]; c = json.load(open(f)); c["shell_port"] = ${busyPort}; json.dump(c, open(f, "w"))' "$1"`,
        "fi",
        `exec '${process.execPath}' '${kernelJs}' kernel --config-path "$1"`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    fs.writeFileSync(path.join(spec, "kernel.json"), JSON.stringify({ argv: [wrapper, "{connection_file}"], display_name: "TypeScript", language: "typescript" }));
    const output = path.join(tmp, "06.ipynb");
    const run = spawnSync(
      SYSTEM_PYTHON,
      [path.join(repoRoot, "src", "cli", "run_notebook.py"), "--input", path.join(notebooksDir, "06-reproduction-summary.ipynb"), "--output", output, "--cwd", notebooksDir],
      { env: { ...jupyterEnv(), JUPYTER_PATH: path.join(tmp, "share", "jupyter") }, encoding: "utf8", timeout: 300_000 },
    );
    assert.ok(fs.existsSync(marker), "the first kernel was started with the taken port");
    assert.match(run.stderr, new RegExp(`cannot listen on port ${busyPort}`), "the kernel names the port it could not listen on");
    assert.match(run.stderr, /Kernel died before replying to kernel_info; starting the kernel again \(attempt 2 of 3\)/);
    assert.strictEqual(run.status, 0, run.stdout + run.stderr);
    assert.strictEqual(JSON.parse(run.stdout.trim().split("\n").pop()!).ok, true);
    assert.strictEqual(fs.readFileSync(output, "utf8"), fs.readFileSync(path.join(notebooksDir, "06-reproduction-summary.ipynb"), "utf8"), "the committed outputs");
  } finally {
    busy.close();
  }
});
