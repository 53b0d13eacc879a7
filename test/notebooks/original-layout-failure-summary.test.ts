/**
 * A user's cohort in the original layout (the 14 columns before the optional ones of
 * src/data/clinical.ts OPTIONAL_COHORT_COLUMNS) still runs notebooks 03 and 06 to the end (in a
 * temporary copy, with DATA_DIR pointing at it): Part B of 03 (failure from RT start, every
 * progression) is skipped in every cell with a visible note naming the columns that would
 * enable it, Part A (the study's analysis) runs; 06 judges the claims and shows the rule
 * checks without calling the data simulated. The committed notebooks are not touched.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { originalLayoutDataDir, outputsOnData } from "../helpers/notebooks";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "original-layout-03-06-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
// 06 judges the laboratory claims too and reads the rule checks: the rest of data/ comes along.
const data = originalLayoutDataDir(path.join(tmp, "my-cohort"), { withOtherFiles: true });
const outputsOf = (name: string) => outputsOnData(name, data, tmp);

test("03-failure-patterns on a cohort in the original layout: the study's analysis runs; every Part B cell is skipped with a note naming the columns", async () => {
  const shown = await outputsOf("03-failure-patterns");
  for (const s of ["Response of the treated lesion by arm", "Site of first failure by arm", "Gray's test", "C10 and C11 as the claims ledger judges them", "every intrahepatic progression not checked: Skipped"]) {
    assert.ok(shown.includes(s), `03 still shows: ${s}`);
  }
  const rtNote = "needs the column `rt_start_months`, which this cohort does not have.";
  const siteNote = "needs the columns `local_progression_months`, `intrahepatic_progression_months`, `extrahepatic_progression_months`, which this cohort does not have.";
  // The note, in the population cell, the incidence, the models, the multi-state view, the bias, the truth check, follow-up and the summary.
  assert.ok(shown.split(rtNote).length - 1 >= 8, "the rt_start_months note appears in every Part B cell");
  assert.ok(shown.split(siteNote).length - 1 >= 8, "the per-site columns are named in every Part B cell");
  assert.ok(!shown.includes("Who is analysed from RT start") && !shown.includes("State occupancy from the origin"), "no table of a skipped analysis");
});

test("06-reproduction-summary on a cohort in the original layout: the claims judged, the rule checks shown, the data not called calibrated", async () => {
  const shown = await outputsOf("06-reproduction-summary");
  assert.ok(shown.includes("claims-table"));
  assert.ok(shown.includes("These are your own data"));
  assert.ok(!shown.includes("calibrated to the study's published aggregates"));
  assert.ok(shown.includes("false-pass rate under null and false-claim generators"));
});
