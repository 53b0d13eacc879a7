/**
 * The way a user works: start `jupyter notebook` on 127.0.0.1 with the project's kernel, open
 * a notebook in Chromium, check its saved figure draws on open (the notebook is trusted), then
 * restart the kernel, run the cells again and check a figure is drawn by the live kernel.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { spawn, ChildProcess } from "child_process";
import { jupyterEnv, notebookServerArgs, notebooksDir, signNotebooks, SYSTEM_PYTHON } from "../../src/cli/jupyter";
import { withBrowser } from "../../src/report/browser";

const NOTEBOOK = "00-environment.ipynb";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForServer(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`jupyter notebook exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`jupyter notebook did not answer at ${url} within ${seconds} s`);
}

test(`a live Jupyter Notebook shows ${NOTEBOOK}'s figure on open and draws it again after rerunning the cells`, async () => {
  assert.ok(fs.existsSync(path.join(notebooksDir, NOTEBOOK)));
  await signNotebooks([path.join(notebooksDir, NOTEBOOK)]);
  const port = await freePort();
  const token = `test-token-${process.pid}`;
  let log = "";
  const server = spawn(
    SYSTEM_PYTHON,
    notebookServerArgs(port, [`--NotebookApp.token=${token}`]),
    { env: jupyterEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForServer(`${base}/api/status?token=${token}`, server, 60);
    await withBrowser(async (browser) => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${base}/notebooks/notebooks/${NOTEBOOK}?token=${token}`, { waitUntil: "load" });
      // Saved outputs: the trusted notebook's figure script runs on open.
      await page.waitForSelector(".plotly-figure.js-plotly-plot", { timeout: 60000 });
      // Rerun everything in a fresh kernel, as a user would.
      await page.waitForFunction(() => {
        const w = window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean } } } };
        return !!w.Jupyter?.notebook?.kernel?.is_connected();
      }, undefined, { timeout: 60000 });
      await page.evaluate(() => {
        const w = window as unknown as {
          Jupyter: { notebook: { set_autosave_interval(ms: number): void; clear_all_output(): void; execute_all_cells(): void } };
        };
        // Never write the rerun back to the committed file.
        w.Jupyter.notebook.set_autosave_interval(0);
        w.Jupyter.notebook.clear_all_output();
        w.Jupyter.notebook.execute_all_cells();
      });
      await page.waitForSelector(".plotly-figure.js-plotly-plot", { timeout: 120000 });
      const drawn = await page.evaluate(() => document.querySelectorAll(".plotly-figure.js-plotly-plot .main-svg").length);
      assert.ok(drawn > 0, "the rerun cell drew a figure");
      assert.deepStrictEqual(errors, [], "no JavaScript errors in the notebook page");
      await page.close();
    });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n--- jupyter log ---\n${log.slice(-3000)}`);
  } finally {
    server.kill("SIGTERM");
  }
});
