/**
 * Every study notebook (src/cli/study-notebooks.ts; other .ipynb files in notebooks/ are not
 * the study's) re-executes without error (in a temporary copy; the committed file is
 * not touched) and gives exactly its committed outputs, like nbval: stale outputs fail,
 * naming notebook and cell. Its exported HTML then opens in headless Chromium with no
 * network, draws every figure with the traces the notebook produced, and logs no error.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { failedCellName, notebooksDir, runNotebook, NotebookRun } from "../../src/cli/jupyter";
import { checkPage } from "../../src/report/browser";
import { browserForFile } from "../helpers/browser";
import { repoRoot } from "../helpers/reference";
import { evaluateClaims } from "../../src/claims/evaluate-claims";
import { claimsSummary, claimsTableHtml } from "../../src/claims/claims-table";
import { indexPageHtml } from "../../src/report/index-page";
import { STUDY_NOTEBOOKS } from "../../src/cli/study-notebooks";
import { runScheduled } from "../../src/cli/notebook-schedule";
import { DEFAULT_JOBS } from "../../src/cli/reproduce";
import { Cell, cellSource, expectedTraces } from "../helpers/notebooks";

const notebooks = STUDY_NOTEBOOKS.map((n) => `${n.name}.ipynb`);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "notebook-test-"));
// Full-page screenshots of the pages checked, only when asked for (TEST_SCREENSHOTS=DIR): nothing
// asserts on them, and each cost about 1 s of Chromium's CPU (a 2.8 MB PNG for 05's page).
const screenshotDir = process.env.TEST_SCREENSHOTS ? path.resolve(process.env.TEST_SCREENSHOTS) : null;
const screenshot = (name: string): string | undefined => {
  if (screenshotDir === null) return undefined;
  fs.mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, `${name}.png`);
};
// One Chromium for every page this file checks (each page in its own context).
const browser = browserForFile();

function sourceLine(cell: Cell): string {
  return (cellSource(cell).split("\n").find((l) => l.trim() !== "") || "").slice(0, 80);
}

// The notebooks re-execute as reproduce runs them, DEFAULT_JOBS at a time (respecting the
// manifest's `after`), started by the first test that needs one; each test then awaits its own
// notebook's run while the next ones execute, so the browser checks overlap the kernels.
const pending = new Map<string, { promise: Promise<NotebookRun>; resolve: (r: NotebookRun) => void; reject: (e: unknown) => void }>();
for (const nb of STUDY_NOTEBOOKS) {
  let resolve: (r: NotebookRun) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<NotebookRun>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // awaited by its test; a run that never gets a test must not crash the file
  pending.set(nb.name, { promise, resolve, reject });
}
let schedule: Promise<unknown> | null = null;
function executed(name: string): Promise<NotebookRun> {
  if (schedule === null) {
    schedule = runScheduled(STUDY_NOTEBOOKS, STUDY_NOTEBOOKS, DEFAULT_JOBS, async (nb) => {
      const file = `${nb.name}.ipynb`;
      const run = await runNotebook({ input: path.join(notebooksDir, file), output: path.join(workDir, file), html: path.join(workDir, `${nb.name}.html`) });
      pending.get(nb.name)?.resolve(run);
      return run;
    }, () => {}).catch((error) => {
      for (const p of pending.values()) p.reject(error);
    });
  }
  return (pending.get(name) as { promise: Promise<NotebookRun> }).promise;
}

test("there are notebooks to check, and every study notebook is in notebooks/", () => {
  assert.ok(notebooks.length > 0);
  for (const file of notebooks) assert.ok(fs.existsSync(path.join(notebooksDir, file)), `${file} is in notebooks/`);
});

for (const file of notebooks) {
  test(`${file}: re-executes without error to its committed outputs, and its HTML draws every figure offline`, async () => {
    const name = file.replace(/\.ipynb$/, "");
    const output = path.join(workDir, file);
    const html = path.join(workDir, `${name}.html`);
    const run = await executed(name);
    assert.ok(run.ok, `${file}: ${failedCellName(run) || "a cell"} failed:\n${run.message}`);

    const committed: Cell[] = JSON.parse(fs.readFileSync(path.join(notebooksDir, file), "utf8")).cells;
    const fresh: Cell[] = JSON.parse(fs.readFileSync(output, "utf8")).cells;
    assert.strictEqual(fresh.length, committed.length, `${file}: cell count changed`);
    for (let i = 0; i < committed.length; i++) {
      if (committed[i].cell_type !== "code") continue;
      const before = JSON.stringify(committed[i].outputs);
      const after = JSON.stringify(fresh[i].outputs);
      assert.ok(
        before === after && committed[i].execution_count === fresh[i].execution_count,
        `${file}: cell ${i + 1} (${sourceLine(committed[i])}) has stale committed outputs; run npm run reproduce and commit.\n` +
          `committed: ${before.slice(0, 400)}\nfresh:     ${after.slice(0, 400)}`,
      );
    }
    assert.ok(fs.statSync(path.join(notebooksDir, file)).size < 1024 * 1024, `${file} is over 1 MB`);

    const expected = expectedTraces(fresh);
    const page = await checkPage(await browser(), html, screenshot(name));
    assert.deepStrictEqual(page.errors, [], `${name}.html: errors in the browser`);
    assert.deepStrictEqual(page.networkRequests, [], `${name}.html: network requests`);
    assert.deepStrictEqual(page.traces, expected, `${name}.html: figures drawn (traces per figure) differ from the notebook's`);
  });
}

test("the index page shows the claims table, opens offline without errors, and every claim links to an existing section of an exported page", async () => {
  const claims = evaluateClaims(path.join(repoRoot, "data"));
  const cards = notebooks.map((file) => {
    const name = file.replace(/\.ipynb$/, "");
    return { name, title: name, href: `${name}.html`, ok: true, seconds: 0, figures: 0 };
  });
  const summaryHtml = `<p>${claimsSummary(claims).line}</p>${claimsTableHtml(claims, { linkExtension: ".html" })}`;
  const index = path.join(workDir, "index.html");
  fs.writeFileSync(index, indexPageHtml(cards, { summaryHtml }));
  const page = await checkPage(await browser(), index, screenshot("index"));
  assert.deepStrictEqual(page.errors, []);
  assert.deepStrictEqual(page.networkRequests, []);
  for (const claim of claims) {
    const exported = path.join(workDir, `${claim.notebook}.html`);
    assert.ok(fs.existsSync(exported), `${claim.id}: ${claim.notebook}.html was exported`);
    assert.ok(fs.readFileSync(exported, "utf8").includes(`id="${claim.anchor}"`), `${claim.id}: ${claim.notebook}.html has #${claim.anchor}`);
  }
});
