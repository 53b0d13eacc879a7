/**
 * Every HTML export a user makes draws its figures offline, not only `npm run reproduce`'s:
 * - `npm run export -- notebooks/02-overall-survival.ipynb` (src/cli/export.ts);
 * - plain `python3 -m nbconvert --to html` under the project's Jupyter config (JUPYTER_CONFIG_DIR=.jupyter/config,
 *   written by set-up), the command environment.md gives.
 * (The Notebook's File > Download as > HTML is checked through the live server in live-notebook.test.ts.)
 * Each page is opened from disk in headless Chromium with the network blocked: every figure is
 * drawn with the traces the notebook holds, and nothing is logged as an error or requested.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { jupyterEnv, notebooksDir, SYSTEM_PYTHON } from "../../src/cli/jupyter";
import { checkPage } from "../../src/report/browser";
import { browserForFile } from "../helpers/browser";
import { pathToFileURL } from "url";
import { figureHtml, PLOTLY_MISSING_MESSAGE } from "../../src/display/figure-html";
import { repoRoot } from "../helpers/reference";
import { expectedTraces, notebookCells } from "../helpers/notebooks";

const NOTEBOOK = "02-overall-survival";
const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
const expected = expectedTraces(notebookCells(path.join(notebooksDir, `${NOTEBOOK}.ipynb`)));
// One Chromium for every page this file checks (each page in its own context).
const browser = browserForFile();

async function assertOffline(page: string, label: string): Promise<void> {
  assert.ok(fs.existsSync(page), `${label}: ${page} written`);
  const html = fs.readFileSync(page, "utf8");
  assert.ok(!/<script[^>]+src="https?:/.test(html), `${label}: no script from the network`);
  const check = await checkPage(await browser(), page);
  assert.deepStrictEqual(check.errors, [], `${label}: errors in the browser`);
  assert.deepStrictEqual(check.networkRequests, [], `${label}: network requests`);
  assert.ok(expected.length >= 2, "the notebook shows figures");
  assert.deepStrictEqual(check.traces, expected, `${label}: every figure drawn (traces per figure)`);
}

test("npm run export writes an offline page that draws every figure", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
  const run = spawnSync(tsx, [path.join(repoRoot, "src", "cli", "export.ts"), `notebooks/${NOTEBOOK}.ipynb`, "--output-dir", out], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: repoRoot },
  });
  assert.strictEqual(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, new RegExp(`${NOTEBOOK}\\.html`));
  await assertOffline(path.join(out, `${NOTEBOOK}.html`), "npm run export");
  fs.rmSync(out, { recursive: true, force: true });
});

test("plain nbconvert --to html under the project's Jupyter config draws every figure offline, and links notebooks to pages", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "nbconvert-"));
  const env = jupyterEnv();
  assert.strictEqual(env.JUPYTER_CONFIG_DIR, path.join(repoRoot, ".jupyter", "config"));
  const run = spawnSync(SYSTEM_PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", out, path.join(notebooksDir, `${NOTEBOOK}.ipynb`), path.join(notebooksDir, "06-reproduction-summary.ipynb")], {
    cwd: repoRoot,
    encoding: "utf8",
    // Only what environment.md's command sets: the project's Jupyter folders.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", JUPYTER_CONFIG_DIR: env.JUPYTER_CONFIG_DIR as string, JUPYTER_PATH: env.JUPYTER_PATH as string },
  });
  assert.strictEqual(run.status, 0, run.stderr);
  await assertOffline(path.join(out, `${NOTEBOOK}.html`), "nbconvert");
  const summary = fs.readFileSync(path.join(out, "06-reproduction-summary.html"), "utf8");
  assert.ok(/href="02-overall-survival\.html#/.test(summary) && !/href="\d\d-[^"]*\.ipynb/.test(summary), "claim links point at the exported pages");
  assert.ok(!summary.includes("plotly.min"), "a page without figures carries no plotly.js");
  fs.rmSync(out, { recursive: true, force: true });
});

test("set-up points both nbconvert and the Notebook server (Download as HTML) at the project's config; without it, figures do not draw offline", async () => {
  for (const name of ["jupyter_nbconvert_config.py", "jupyter_notebook_config.py"]) {
    const config = fs.readFileSync(path.join(repoRoot, ".jupyter", "config", name), "utf8");
    assert.ok(config.includes(path.join(repoRoot, "src", "cli", "jupyter_config.py")), `${name} runs src/cli/jupyter_config.py`);
  }
  // The check above is not vacuous: nbconvert's own template gives a page without plotly.js.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "nbconvert-plain-"));
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-config-"));
  const run = spawnSync(SYSTEM_PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", out, path.join(notebooksDir, `${NOTEBOOK}.ipynb`)], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: empty, JUPYTER_CONFIG_DIR: empty },
  });
  assert.strictEqual(run.status, 0, run.stderr);
  const check = await checkPage(await browser(), path.join(out, `${NOTEBOOK}.html`));
  assert.deepStrictEqual(check.traces, [], "no figure drawn without the project's config");
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(empty, { recursive: true, force: true });
});

test("a page whose require.js cannot give plotly.js (an export without the project's settings) says so in each figure's box", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "no-plotly-"));
  const figure = { data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { height: 300 } };
  // require.js as a page outside the Notebook has it: the module path does not exist, so the errback runs.
  const page = path.join(dir, "page.html");
  fs.writeFileSync(
    page,
    `<!DOCTYPE html><html><head><script>window.require = function (deps, ok, fail) { setTimeout(function () { fail(new Error("Script error for " + deps[0])); }, 0); };</script></head>` +
      `<body>${figureHtml(figure, "plot-a")}${figureHtml(figure, "plot-b")}</body></html>`,
  );
  try {
    const tab = await (await browser()).newPage();
    await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
    await tab.waitForFunction(`document.getElementById("plot-b").textContent.length > 0`, undefined, { timeout: 10000 });
    const texts = (await tab.evaluate(`Array.prototype.map.call(document.querySelectorAll(".plotly-figure"), function (el) { return el.textContent; })`)) as string[];
    await tab.close();
    assert.deepStrictEqual(texts, [PLOTLY_MISSING_MESSAGE, PLOTLY_MISSING_MESSAGE]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
