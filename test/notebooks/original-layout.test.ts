/**
 * A user's cohort in the original layout (the 14 columns before the optional ones of
 * src/data/clinical.ts OPTIONAL_COHORT_COLUMNS) still runs the clinical notebooks 01, 02 and
 * 07 to the end (in a temporary copy, with DATA_DIR pointing at it): every analysis that needs
 * a missing column is skipped with a visible note naming the column, the data are never called
 * simulated, and the committed notebooks are not touched.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { originalLayoutDataDir, outputsOnData } from "../helpers/notebooks";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "original-layout-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const data = originalLayoutDataDir(path.join(tmp, "my-cohort"));
const outputsOf = (name: string) => outputsOnData(name, data, tmp);

test("01-clinical-cohort on a cohort in the original layout: Table 1 with SMDs of the six covariates; the missing reasons for RT are named", async () => {
  const shown = await outputsOf("01-clinical-cohort");
  assert.ok(shown.includes("SMD"), "Table 1 has its SMD column");
  assert.ok(!shown.includes("Portal vein thrombosis, n (%)"), "no row for a column the cohort lacks");
  assert.match(shown, /this cohort lacks `ecog`, `tumor_number`, `portal_vein_thrombosis`, `residual_viable_tumor`/);
  assert.match(shown, /after Holm's adjustment for the 6 tests/);
});

test("02-overall-survival on a cohort in the original layout runs and links to notebook 07", async () => {
  const shown = await outputsOf("02-overall-survival");
  assert.ok(shown.includes("Adjusted Cox model"));
});

test("07-bias-and-confounding on a cohort in the original layout: naive, E-value, power and follow-up shown; every analysis needing a missing column skipped with a note naming it", async () => {
  const shown = await outputsOf("07-bias-and-confounding");
  const rtNote = "Skipped: RT as a time-dependent exposure (landmark analyses, time-dependent Cox model) and failure timed from the start of RT needs the column `rt_start_months`, which this cohort does not have.";
  // Landmark, time-dependent, sequential trials, propensity and detection sections each say so.
  assert.ok(shown.split(rtNote).length - 1 >= 5, "the rt_start_months note appears in every section that needs it");
  assert.ok(shown.includes("needs the columns `residual_viable_tumor`, `portal_vein_thrombosis`, `tumor_number`, `ecog`, which this cohort does not have."), "the propensity section names the RT-indication columns");
  for (const s of ["Naive Cox models of death", "E-value", "80% power only for hazard ratios", "Follow-up by arm", "These are the user's data: the true effect of RT is unknown"]) {
    assert.ok(shown.includes(s), `07 still shows: ${s}`);
  }
  assert.ok(!shown.includes("Landmark Cox models of death") && !shown.includes("Propensity model: RT by"), "no table of a skipped analysis");
});
