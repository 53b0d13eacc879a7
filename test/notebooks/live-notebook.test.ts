/**
 * The way a user works, in a live Jupyter Notebook (the server `npm run notebook` starts, with the
 * project's config) driven in headless Chromium, on a copy of notebook 00 (the committed file is
 * never saved over):
 * - the trusted notebook draws its saved figure on open;
 * - add a code cell and a markdown cell, save, reload: still trusted, figure still drawn, the file
 *   valid (every cell has an id) and the server logs no "not trusted";
 * - an error in a cell reads as the project's message, without compiled-JavaScript paths or stack,
 *   shown once as the cell's error output;
 * - Kernel > Restart & Run All draws the figure again from the live kernel;
 * - File > Download as > HTML (the server's /nbconvert/html endpoint) gives a page that draws
 *   every figure from disk with the network blocked.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { spawn, ChildProcess } from "child_process";
import { jupyterEnv, notebookServerArgs, notebooksDir, signNotebooks, SYSTEM_PYTHON } from "../../src/cli/jupyter";
import { checkPage } from "../../src/report/browser";
import { browserForFile } from "../helpers/browser";
import { expectedTraces, notebookCells } from "../helpers/notebooks";

const SOURCE = "00-environment.ipynb";
const COPY = `zz-live-test-${process.pid}.ipynb`;
// One Chromium for the live Notebook page and the downloaded page (each in its own context).
const browser = browserForFile();

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

// Page scripts are passed as strings: src/ and test/ are compiled without the DOM library.
const KERNEL_READY = "!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())";
const FIGURE_DRAWN = "document.querySelectorAll('.plotly-figure.js-plotly-plot .main-svg').length > 0";

test(`a live Jupyter Notebook: trusted on open, still trusted after adding cells and saving, readable errors, Restart & Run All, Download as HTML offline`, async () => {
  const copy = path.join(notebooksDir, COPY);
  fs.copyFileSync(path.join(notebooksDir, SOURCE), copy);
  await signNotebooks([copy]);
  const port = await freePort();
  const token = `test-token-${process.pid}`;
  let log = "";
  // TSLAB_IDLE_WARMUP=off: this test asks for no completions, so its kernels need not make tslab's
  // converter while idle (test/notebooks/idle-warmup.test.ts checks that warm-up)
  const server = spawn(SYSTEM_PYTHON, notebookServerArgs(port, [`--NotebookApp.token=${token}`]), { env: jupyterEnv({ TSLAB_IDLE_WARMUP: "off" }), stdio: ["ignore", "pipe", "pipe"] });
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  const download = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "download-")), COPY.replace(/\.ipynb$/, ".html"));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForServer(`${base}/api/status?token=${token}`, server, 60);
    {
      const page = await (await browser()).newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${base}/notebooks/notebooks/${COPY}?token=${token}`, { waitUntil: "load", timeout: 120_000 });
      // 1. Saved outputs: the trusted notebook's figure script runs on open.
      await page.waitForFunction(FIGURE_DRAWN, undefined, { timeout: 60000 });
      await page.waitForFunction(KERNEL_READY, undefined, { timeout: 60000 });

      // 2. Edit and save, as a user does; then reload.
      await page.evaluate(`(async () => {
        const nb = Jupyter.notebook;
        nb.set_autosave_interval(0);
        nb.insert_cell_at_bottom("code").set_text("const added = 1 + 1;");
        const md = nb.insert_cell_at_bottom("markdown");
        md.set_text("A note added by hand.");
        md.render();
        await nb.save_notebook();
      })()`);
      const saved = JSON.parse(fs.readFileSync(copy, "utf8"));
      assert.strictEqual(saved.cells.length, notebookCells(path.join(notebooksDir, SOURCE)).length + 2, "both cells saved");
      assert.ok(saved.cells.every((c: { id?: string }) => typeof c.id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(c.id)), "every cell has a valid id");
      assert.strictEqual(new Set(saved.cells.map((c: { id: string }) => c.id)).size, saved.cells.length, "ids are unique");
      await page.reload({ waitUntil: "load", timeout: 120_000 });
      await page.waitForFunction(KERNEL_READY, undefined, { timeout: 60000 });
      assert.strictEqual(await page.evaluate("Jupyter.notebook.trusted"), true, "still trusted after editing and saving");
      await page.waitForFunction(FIGURE_DRAWN, undefined, { timeout: 60000 });
      assert.ok(!/is not trusted/i.test(log), `the server saw the saved notebook as trusted:\n${log.slice(-2000)}`);
      assert.ok(!/MissingIDFieldWarning/.test(log), "no cell without an id was saved");

      // 3. A mistake in a cell reads cleanly.
      await page.evaluate(`(() => {
        const cell = Jupyter.notebook.insert_cell_at_bottom("code");
        cell.set_text('import { kaplanMeier } from "./src/survival/index";\\nkaplanMeier([1, 2, 3], [1, 0]);');
        cell.execute();
      })()`);
      // shown once, as the cell's error output (as IPython's errors are), not as stderr text
      await page.waitForFunction("document.querySelectorAll('.output_error').length > 0", undefined, { timeout: 120000 });
      const shown = (await page.evaluate("Array.from(document.querySelectorAll('.output_error')).map((e) => e.textContent).join('')")) as string;
      assert.strictEqual(shown.trim(), "InputError: event: has length 2 but time has length 3");
      assert.strictEqual(await page.evaluate("document.querySelectorAll('.output_stderr').length"), 0, "the error is not also shown as stderr text");
      // tslab cancels what is queued in the 200 ms after an error (as Jupyter's stop-on-error): let it pass.
      await page.waitForFunction("document.querySelectorAll('.cell.running').length === 0 && !Jupyter.notebook.kernel_busy", undefined, { timeout: 60000 });
      await new Promise((r) => setTimeout(r, 1000));

      // 4. Restart & Run All draws the figure from the live kernel (never saved over the file).
      await page.evaluate(`(() => {
        Jupyter.notebook.delete_cells([Jupyter.notebook.ncells() - 1]);
        Jupyter.notebook.clear_all_output();
        Jupyter.notebook.execute_all_cells();
      })()`);
      await page.waitForFunction(FIGURE_DRAWN, undefined, { timeout: 180000 });
      assert.deepStrictEqual(errors, [], "no JavaScript errors in the notebook page");
      await page.close();
    }

    // 5. File > Download as > HTML.
    const response = await fetch(`${base}/nbconvert/html/notebooks/${COPY}?download=true&token=${token}`);
    assert.strictEqual(response.status, 200);
    fs.writeFileSync(download, await response.text());
    const check = await checkPage(await browser(), download);
    assert.deepStrictEqual(check.errors, [], "the downloaded page logs no error");
    assert.deepStrictEqual(check.networkRequests, [], "the downloaded page asks the network for nothing");
    const expected = expectedTraces(notebookCells(copy));
    assert.ok(expected.length > 0);
    assert.deepStrictEqual(check.traces, expected, "the downloaded page draws every figure");
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n--- jupyter log ---\n${log.slice(-3000)}`);
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(copy, { force: true });
    fs.rmSync(path.join(notebooksDir, ".ipynb_checkpoints", COPY.replace(/\.ipynb$/, "-checkpoint.ipynb")), { force: true });
    fs.rmSync(path.dirname(download), { recursive: true, force: true });
  }
});
