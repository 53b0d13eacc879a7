/**
 * Notebook 08 (trial design) on other data and with bad parameters, in a real kernel: on a
 * cohort in the original layout (no rt_start_months, no per-site progression) it runs, says
 * which inputs it cannot estimate, uses the parameters cell's values for them, does not draw
 * simulations made for other inputs (nor the cohort-generator trials, the curve sizes or the bootstrap
 * it cannot compute), and never calls the user's data simulated; an impossible
 * parameter stops it at once with an error naming the parameter.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { notebooksDir, runNotebook } from "../../src/cli/jupyter";
import { cellSource, originalLayoutDataDir, outputsText } from "../helpers/notebooks";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "trial-design-nb-"));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));
const notebook = path.join(notebooksDir, "08-trial-design.ipynb");

test("08-trial-design on a cohort in the original layout: names what it cannot estimate and uses the parameters cell", async () => {
  const data = originalLayoutDataDir(path.join(workDir, "old-layout"));
  const output = path.join(workDir, "old.ipynb");
  const run = await runNotebook({ input: notebook, output, env: { DATA_DIR: data } });
  assert.ok(run.ok, `cell ${run.cell}: ${run.message}`);
  const text = outputsText(output);
  assert.ok(text.includes("This cohort cannot give 3 inputs; the parameters cell's values are used instead"), "says what it cannot estimate");
  assert.ok(text.includes("needs the column `rt_start_months`, which this cohort does not have"), "names the column");
  for (const key of ["causeHazard", "competingHazard", "deathHazard"]) assert.ok(text.includes(`parameters cell (fallback.${key})`), `${key} from the parameters cell`);
  assert.ok(text.includes("64 patients over 84.8 months of enrollment"), "accrual is still estimated");
  assert.ok(text.includes("The simulated points are not drawn"), "simulations for other inputs are not drawn as if they were these");
  assert.ok(text.includes("These simulations were run for other inputs or settings than this notebook"), "the simulation table says so");
  assert.ok(text.includes("outOfField dropout, control arm"), "the dropout the trials were simulated with is among the differences (this cohort gives none)");
  assert.ok(text.includes("The model cannot be set beside the data"), "no model check without the data");
  assert.ok(text.includes("This cohort gives no control curve from the start of RT"), "no curve-based size without the data");
  assert.ok(text.includes("These trials were simulated for other settings or data than this notebook"), "the cohort-generator trials are not passed off as this cohort's");
  assert.ok(text.includes("The cohort gives no control data from the start of RT to resample"), "no bootstrap without the data");
  for (const endpoint of ["out-of-field progression's", "overall survival's"]) {
    assert.ok(text.includes(`Loss to follow-up over ${endpoint} time at risk cannot be estimated`), `no dropout estimate over ${endpoint} time at risk without rt_start_months: the parameters cell's value`);
  }
  assert.ok(text.includes("This cohort cannot give RT's excess of out-of-field progression"), "no anchor for the effect without the data");
  assert.ok(text.includes("not the project's simulated data") && !text.includes("every input is estimated from simulated data"), "the user's data are not called simulated");
});

test("08-trial-design with an impossible parameter stops at once, naming it", async () => {
  const nb = JSON.parse(fs.readFileSync(notebook, "utf8"));
  nb.cells[1].source = cellSource(nb.cells[1]).replace("allocation: 0.5,", "allocation: 1.2,");
  assert.match(cellSource(nb.cells[1]), /allocation: 1\.2,/);
  const input = path.join(workDir, "bad.ipynb");
  fs.writeFileSync(input, JSON.stringify(nb));
  const run = await runNotebook({ input, output: path.join(workDir, "bad.out.ipynb") });
  assert.strictEqual(run.ok, false);
  assert.strictEqual(run.cell, 2, "the set-up cell, before anything is computed");
  assert.match(run.message ?? "", /^InputError: params\.allocation: must be the fraction randomised to the experimental arm, strictly between 0 and 1/);
});
